package dev.exchange.matching.core;

import dev.exchange.model.avro.Side;

/** Read-only view of an open order, for invariants and tests. */
public record RestingOrder(
    String orderId,
    String clientOrderId,
    String account,
    Side side,
    long price,
    long quantity,
    long leaves,
    long executedQuantity,
    long arrival) {

  static RestingOrder of(OrderState o) {
    return new RestingOrder(
        o.orderId,
        o.clientOrderId,
        o.account,
        o.side,
        o.price,
        o.quantity,
        o.leaves,
        o.executedQuantity,
        o.arrival);
  }
}
