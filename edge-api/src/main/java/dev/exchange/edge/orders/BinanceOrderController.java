package dev.exchange.edge.orders;

import dev.exchange.edge.kafka.CommandPublisher;
import dev.exchange.edge.orders.OrderOutcomes.Expected;
import dev.exchange.edge.orders.OrderOutcomes.Outcome;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderRequest;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.service.apikeys.ApiKey;
import dev.exchange.service.apikeys.SignedRequestFilter;
import dev.exchange.service.web.BinanceException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Binance's signed order entry ({@code /api/v3/order}, {@code /api/v3/order/test}, {@code DELETE
 * /api/v3/openOrders}): the key's account places and cancels through the same validation and
 * command as {@code /api/v1/orders}. The signature was checked by {@link SignedRequestFilter};
 * parameters come from the query string and the form body.
 */
@RestController
class BinanceOrderController {

  private final OrderService orders;
  private final CommandPublisher publisher;
  private final OrderOutcomes outcomes;
  private final BinanceProperties properties;

  BinanceOrderController(
      OrderService orders,
      CommandPublisher publisher,
      OrderOutcomes outcomes,
      BinanceProperties properties) {
    this.orders = orders;
    this.publisher = publisher;
    this.outcomes = outcomes;
    this.properties = properties;
  }

  @PostMapping("/api/v3/order")
  Map<String, Object> newOrder(HttpServletRequest request) {
    ApiKey key = SignedRequestFilter.apiKey(request);
    String respType = respType(request.getParameter("newOrderRespType"));
    OrderService.Prepared prepared = orders.prepare(key.account(), placeRequest(request));
    OrderAccepted accepted = prepared.answer();
    if (respType.equals("ACK")) {
      send(prepared.command(), null);
      return BinanceOrderJson.ack(
          accepted.symbol(), accepted.orderId(), accepted.clientOrderId(), accepted.acceptedAt());
    }
    NewOrder order =
        (NewOrder) ((OrderRequest) prepared.command().getPayload()).getCommand().getPayload();
    Expected expected =
        outcomes.newOrder(accepted.orderId(), order.getTimeInForce() == TimeInForce.GTC);
    send(prepared.command(), expected);
    List<OrderEvent> events = await(expected, properties.resultTimeout()).events();
    OrderEvent first = events.get(0);
    if (first.getStatus() == OrderStatus.REJECTED) {
      throw BinanceRejections.of(RejectReason.valueOf(first.getRejectReason()));
    }
    return BinanceOrderJson.result(events, accepted.acceptedAt(), respType.equals("FULL"));
  }

  /** Validates like a new order and sends nothing. */
  @PostMapping("/api/v3/order/test")
  Map<String, Object> testOrder(HttpServletRequest request) {
    ApiKey key = SignedRequestFilter.apiKey(request);
    respType(request.getParameter("newOrderRespType"));
    orders.prepare(key.account(), placeRequest(request));
    return Map.of();
  }

  @DeleteMapping("/api/v3/order")
  Map<String, Object> cancel(HttpServletRequest request) {
    ApiKey key = SignedRequestFilter.apiKey(request);
    String orderId = blankToNull(request.getParameter("orderId"));
    String origClientOrderId = blankToNull(request.getParameter("origClientOrderId"));
    if (orderId == null && origClientOrderId == null) {
      throw new BinanceException(
          HttpStatus.BAD_REQUEST,
          -1102,
          "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }
    AccountCommand command =
        orders.prepareCancel(
            key.account(),
            request.getParameter("symbol"),
            orderId,
            orderId == null ? origClientOrderId : null);
    OrderCommand cancel = ((OrderRequest) command.getPayload()).getCommand();
    Expected expected =
        outcomes.cancel(
            cancel.getCommandId(),
            key.account(),
            cancel.getSymbol(),
            orderId,
            orderId == null ? origClientOrderId : null);
    send(command, expected);
    Outcome outcome = await(expected, properties.resultTimeout());
    if (outcome.rejection() != null) {
      throw BinanceException.unknownOrderSent();
    }
    String cancelId = blankToNull(request.getParameter("newClientOrderId"));
    return BinanceOrderJson.canceled(
        outcome.events().get(0),
        cancelId == null ? cancel.getCommandId() : cancelId,
        cancel.getTimestamp());
  }

  /**
   * Cancels every open order of the key's account on the symbol and answers the CANCELED ones; none
   * open (no report within {@code cancel-all-wait}) answers an empty list.
   */
  @DeleteMapping("/api/v3/openOrders")
  List<Map<String, Object>> cancelAll(HttpServletRequest request) {
    ApiKey key = SignedRequestFilter.apiKey(request);
    String symbol = request.getParameter("symbol");
    if (symbol == null || symbol.isEmpty()) {
      throw BinanceException.missing("symbol");
    }
    AccountCommand command = orders.prepareCancel(key.account(), symbol, null, null);
    OrderCommand cancel = ((OrderRequest) command.getPayload()).getCommand();
    Expected expected = outcomes.cancelAll(key.account(), cancel.getSymbol());
    send(command, expected);
    Outcome outcome;
    try {
      outcome = await(expected, properties.cancelAllWait());
    } catch (BinanceException nothingOpen) {
      return List.of();
    }
    return outcome.events().stream()
        .map(e -> BinanceOrderJson.canceled(e, cancel.getCommandId(), cancel.getTimestamp()))
        .toList();
  }

  private void send(AccountCommand command, Expected expected) {
    try {
      publisher.publish(command);
    } catch (RuntimeException e) {
      if (expected != null) {
        expected.cancel();
      }
      throw e;
    }
    if (command.getPayload() instanceof OrderRequest r
        && r.getCommand().getPayload() instanceof NewOrder) {
      orders.countAccepted();
    }
  }

  private Outcome await(Expected expected, Duration bound) {
    try {
      return expected.outcome().get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      expected.cancel();
      throw BinanceException.backendTimeout();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      expected.cancel();
      throw BinanceException.backendTimeout();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static PlaceOrderRequest placeRequest(HttpServletRequest r) {
    return new PlaceOrderRequest(
        r.getParameter("symbol"),
        r.getParameter("side"),
        r.getParameter("type"),
        r.getParameter("timeInForce"),
        blankToNull(r.getParameter("quantity")),
        blankToNull(r.getParameter("quoteOrderQty")),
        blankToNull(r.getParameter("price")),
        blankToNull(r.getParameter("newClientOrderId")),
        blankToNull(r.getParameter("selfTradePreventionMode")));
  }

  private static String respType(String value) {
    if (value == null || value.isEmpty()) {
      return "FULL";
    }
    if (!List.of("ACK", "RESULT", "FULL").contains(value)) {
      throw BinanceException.invalid("newOrderRespType");
    }
    return value;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
