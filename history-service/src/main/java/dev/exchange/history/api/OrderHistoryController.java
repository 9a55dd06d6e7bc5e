package dev.exchange.history.api;

import dev.exchange.history.api.HistoryViews.FillView;
import dev.exchange.history.api.HistoryViews.OrderView;
import dev.exchange.history.api.HistoryViews.Page;
import dev.exchange.history.orders.OrderCursor;
import dev.exchange.history.orders.OrderHistoryService;
import dev.exchange.history.orders.OrderHistoryService.OrderPage;
import dev.exchange.history.rows.OrderRow;
import dev.exchange.history.system.HistoryProperties;
import dev.exchange.model.Symbols;
import dev.exchange.service.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own orders (account = token subject) and their fills. */
@RestController
@RequestMapping("/api/v1/history/orders")
@Tag(name = "my orders")
@SecurityRequirement(name = "bearer")
class OrderHistoryController {

  private static final int DEFAULT_LIMIT = 100;

  private final OrderHistoryService orders;
  private final HistoryProperties properties;

  OrderHistoryController(OrderHistoryService orders, HistoryProperties properties) {
    this.orders = orders;
    this.properties = properties;
  }

  @GetMapping
  @Operation(summary = "My orders, most recently changed first, in keyset pages")
  Page<OrderView> list(
      @AuthenticationPrincipal Jwt jwt,
      @RequestParam(required = false) String symbol,
      @Parameter(description = "true: open orders only; false: finished ones only")
          @RequestParam(required = false)
          String open,
      @Parameter(description = "1 … 1000, default 100") @RequestParam(required = false)
          String limit,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor) {
    String account = Principals.account(jwt);
    if (symbol != null && !symbol.isEmpty() && !Symbols.isValid(symbol)) {
      throw ApiException.badRequest(
          ErrorCodes.SYMBOL_INVALID,
          "symbol",
          "symbol '" + symbol + "' must be 2 to 20 upper-case letters or digits");
    }
    Boolean onlyOpen = Params.bool("open", open);
    int n = Params.limit(limit, DEFAULT_LIMIT, properties.maxPage());
    OrderCursor after = null;
    if (cursor != null && !cursor.isEmpty()) {
      after = OrderCursor.decode(cursor);
      if (after == null) {
        throw ApiException.badRequest(
            ErrorCodes.CURSOR_INVALID, "cursor", "'cursor' is not a cursor of this endpoint");
      }
    }
    OrderPage page =
        orders.page(
            account, symbol == null || symbol.isEmpty() ? null : symbol, onlyOpen, after, n);
    return new Page<>(
        page.items().stream().map(o -> OrderView.of(o, null)).toList(),
        page.next() == null ? null : page.next().encode());
  }

  @GetMapping("/{orderId}")
  @Operation(summary = "One of my orders with its fills; 404 for an order of another account")
  OrderView one(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
    OrderRow order = orders.order(Principals.account(jwt), orderId);
    if (order == null) {
      throw ApiException.of(
          HttpStatus.NOT_FOUND,
          ErrorCodes.ORDER_NOT_FOUND,
          "orderId",
          "you have no order " + orderId);
    }
    return OrderView.of(order, orders.fills(order).stream().map(FillView::of).toList());
  }
}
