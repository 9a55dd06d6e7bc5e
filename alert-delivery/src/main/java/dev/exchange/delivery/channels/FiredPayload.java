package dev.exchange.delivery.channels;

import dev.exchange.model.FixedPoint;
import dev.exchange.model.avro.AlertFired;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A firing as the webhook's JSON body and the history's {@code payload}: the alert frame's fields
 * spelled out (docs/alerts.md, "Webhook"), decimals as strings at the symbol's scale, absent fields
 * left out. The same firing gives the same bytes, so a retried POST carries the same body.
 */
public final class FiredPayload {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FiredPayload() {}

  public static String json(AlertFired f) {
    ObjectNode o = JSON.createObjectNode();
    o.put("alertId", f.getAlertId());
    if (f.getClientAlertId() != null) {
      o.put("clientAlertId", f.getClientAlertId());
    }
    o.put("account", f.getAccount());
    o.put("symbol", f.getSymbol());
    o.put("kind", f.getKind().name());
    o.put("firing", f.getFiring());
    o.put("price", FixedPoint.format(f.getPrice(), f.getPriceScale()));
    o.put("time", f.getTime());
    if (f.getTradeId() != null) {
      o.put("tradeId", f.getTradeId());
    }
    if (f.getLevel() != null) {
      o.put("level", FixedPoint.format(f.getLevel(), f.getPriceScale()));
    }
    if (f.getReferencePrice() != null) {
      o.put("referencePrice", FixedPoint.format(f.getReferencePrice(), f.getPriceScale()));
    }
    if (f.getChangeBps() != null) {
      o.put("changePercent", FixedPoint.format(f.getChangeBps(), 2));
    }
    if (f.getWindowMinutes() != null) {
      o.put("windowMinutes", f.getWindowMinutes());
    }
    if (f.getOrderId() != null) {
      o.put("orderId", f.getOrderId());
    }
    if (f.getOrderStatus() != null) {
      o.put("orderStatus", f.getOrderStatus().name());
    }
    if (f.getExecutedQuantity() != null && f.getQuantityScale() != null) {
      o.put("executedQuantity", FixedPoint.format(f.getExecutedQuantity(), f.getQuantityScale()));
    }
    return JSON.writeValueAsString(o);
  }

  /** {@code <alert id>:<firing>}: the firing's id, the receiver's deduplication key. */
  public static String firingId(AlertFired f) {
    return f.getAlertId() + ":" + f.getFiring();
  }
}
