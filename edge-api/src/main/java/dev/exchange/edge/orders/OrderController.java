package dev.exchange.edge.orders;

import dev.exchange.edge.security.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "orders")
@SecurityRequirement(name = "bearer")
class OrderController {

  private final OrderService orders;

  OrderController(OrderService orders) {
    this.orders = orders;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Place an order",
      description =
          "Answers 202 once the command is acknowledged by Kafka; fills and rejections by the"
              + " matcher arrive on the order-events stream.")
  OrderAccepted place(@AuthenticationPrincipal Jwt jwt, @RequestBody PlaceOrderRequest body) {
    return orders.place(Accounts.of(jwt), body);
  }

  @DeleteMapping("/{orderId}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Cancel an order by id",
      description = "Only the owner's order is canceled; the outcome arrives on order-events.")
  CancelAccepted cancel(
      @AuthenticationPrincipal Jwt jwt, @PathVariable String orderId, @RequestParam String symbol) {
    return orders.cancel(Accounts.of(jwt), symbol, orderId, null);
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Cancel by clientOrderId, or every open order of mine on the symbol",
      description = "The outcome arrives on order-events.")
  CancelAccepted cancelByClientIdOrAll(
      @AuthenticationPrincipal Jwt jwt,
      @RequestParam String symbol,
      @RequestParam(required = false) String clientOrderId) {
    return orders.cancel(Accounts.of(jwt), symbol, null, clientOrderId);
  }
}
