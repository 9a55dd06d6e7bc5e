package dev.exchange.matching.core;

import dev.exchange.model.avro.Side;

/** Where an open order rests: its side and priority key. A POJO for Flink state. */
public final class OrderRef {
  public Side side;
  public long price;
  public long arrival;

  public OrderRef() {}

  public OrderRef(Side side, long price, long arrival) {
    this.side = side;
    this.price = price;
    this.arrival = arrival;
  }
}
