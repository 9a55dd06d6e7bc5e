package dev.exchange.matching.core;

import dev.exchange.model.avro.Side;

/**
 * Where an open order rests: its side and priority key. No longer used by the engine; kept because
 * savepoints of the first release hold it in the retired {@code order-refs} state.
 */
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
