package dev.exchange.matching.core;

import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;

/**
 * An order being matched or resting in a book. Amounts are in the instrument's scales. A market buy
 * by quote amount has {@code quantity == 0} and {@code quoteQuantity > 0}; every other order has
 * {@code quoteQuantity == 0}.
 *
 * <p>A plain POJO (public fields, no-arg constructor, no collections) because the job keeps resting
 * orders in Flink state with Flink's POJO serializer, which supports schema evolution.
 */
public final class OrderState {
  public String orderId;
  public String clientOrderId;
  public String account;
  public Side side;
  public OrderType orderType;
  public TimeInForce timeInForce;
  public SelfTradePrevention selfTradePrevention;

  /** Limit price; 0 for MARKET. */
  public long price;

  /** Original base quantity; 0 for a market buy by quote. */
  public long quantity;

  /** Original quote amount of a market buy by quote; else 0. */
  public long quoteQuantity;

  /** Base quantity still open (for a market buy by quote: unused, 0). */
  public long leaves;

  public long executedQuantity;
  public long cumulativeQuote;

  /** Arrival sequence: orders at one price match in ascending arrival. */
  public long arrival;

  /** Match time of the command that created the order. */
  public long createdTime;

  public OrderState() {}

  public boolean byQuote() {
    return quoteQuantity > 0;
  }

  public OrderState copy() {
    OrderState c = new OrderState();
    c.orderId = orderId;
    c.clientOrderId = clientOrderId;
    c.account = account;
    c.side = side;
    c.orderType = orderType;
    c.timeInForce = timeInForce;
    c.selfTradePrevention = selfTradePrevention;
    c.price = price;
    c.quantity = quantity;
    c.quoteQuantity = quoteQuantity;
    c.leaves = leaves;
    c.executedQuantity = executedQuantity;
    c.cumulativeQuote = cumulativeQuote;
    c.arrival = arrival;
    c.createdTime = createdTime;
    return c;
  }

  @Override
  public String toString() {
    return side + " " + orderId + " " + account + " " + leaves + "@" + price + " #" + arrival;
  }
}
