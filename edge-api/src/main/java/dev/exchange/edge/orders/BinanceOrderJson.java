package dev.exchange.edge.orders;

import dev.exchange.model.FixedPoint;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.OrderEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binance's order answers from the engine's reports: decimals as strings at the instrument's
 * scales, {@code orderId} our UUID (clients read it as a string), {@code orderListId} -1.
 */
final class BinanceOrderJson {

  private BinanceOrderJson() {}

  /** newOrderRespType=ACK. */
  static Map<String, Object> ack(String symbol, String orderId, String clientOrderId, long time) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", symbol);
    m.put("orderId", orderId);
    m.put("orderListId", -1);
    m.put("clientOrderId", clientOrderId);
    m.put("transactTime", time);
    return m;
  }

  /** RESULT, and with {@code fills} FULL: the order as its last report shows it. */
  static Map<String, Object> result(List<OrderEvent> events, long transactTime, boolean full) {
    OrderEvent last = events.get(events.size() - 1);
    Map<String, Object> m =
        ack(last.getSymbol(), last.getOrderId(), last.getClientOrderId(), transactTime);
    state(m, last);
    m.put("workingTime", last.getCreatedTime());
    m.put("selfTradePreventionMode", "NONE");
    if (full) {
      List<Map<String, Object>> fills = new ArrayList<>();
      for (OrderEvent e : events) {
        if (e.getExecutionType() == ExecutionType.TRADE) {
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("price", FixedPoint.format(e.getLastPrice(), e.getPriceScale()));
          f.put("qty", FixedPoint.format(e.getLastQuantity(), e.getQuantityScale()));
          f.put("commission", FixedPoint.format(e.getCommission(), e.getCommissionScale()));
          f.put("commissionAsset", e.getCommissionAsset());
          f.put("tradeId", e.getTradeId());
          fills.add(f);
        }
      }
      m.put("fills", fills);
    }
    return m;
  }

  /** The answer to a cancel: the order as its CANCELED report shows it. */
  static Map<String, Object> canceled(OrderEvent e, String cancelClientOrderId, long time) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", e.getSymbol());
    m.put("origClientOrderId", e.getClientOrderId());
    m.put("orderId", e.getOrderId());
    m.put("orderListId", -1);
    m.put("clientOrderId", cancelClientOrderId);
    m.put("transactTime", time);
    state(m, e);
    m.put("selfTradePreventionMode", "NONE");
    return m;
  }

  private static void state(Map<String, Object> m, OrderEvent e) {
    int notionalScale = e.getPriceScale() + e.getQuantityScale();
    m.put("price", FixedPoint.format(orZero(e.getPrice()), e.getPriceScale()));
    m.put("origQty", FixedPoint.format(orZero(e.getQuantity()), e.getQuantityScale()));
    m.put("executedQty", FixedPoint.format(e.getExecutedQuantity(), e.getQuantityScale()));
    m.put("origQuoteOrderQty", FixedPoint.format(orZero(e.getQuoteQuantity()), notionalScale));
    m.put("cummulativeQuoteQty", FixedPoint.format(e.getCumulativeQuote(), notionalScale));
    m.put("status", e.getStatus().name());
    m.put("timeInForce", e.getTimeInForce().name());
    m.put("type", e.getOrderType().name());
    m.put("side", e.getSide().name());
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
