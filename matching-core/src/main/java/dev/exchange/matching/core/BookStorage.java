package dev.exchange.matching.core;

import dev.exchange.model.avro.Side;
import java.util.Iterator;

/**
 * The state of one symbol's book as {@link FastOrderBook} needs it: the scalar state, the open
 * orders in priority order with their price levels, and the indexes derived from the open orders
 * (by orderId, by account and client order id, open orders per account).
 *
 * <h2>Live objects, written back</h2>
 *
 * What the storage returns is the stored object itself, not a copy. The contract between the book
 * and its storage:
 *
 * <ul>
 *   <li>The book changes a returned {@link EngineState} only to {@link #saveState} it in the same
 *       command, and a returned open {@link OrderState} only through {@link #filled} (or by {@link
 *       #removeResting} it); it never changes an order or state it does not write back.
 *   <li>Implementations that keep data elsewhere (the job's RocksDB state) persist on those calls;
 *       an in-memory implementation may treat a write-back as already done.
 *   <li>A command that fails half-way leaves the live objects changed and not written back: the
 *       owner of the storage must then drop it (the job reloads the symbol from durable state).
 * </ul>
 *
 * Callers never modify the storage while iterating.
 */
public interface BookStorage {

  /** The scalar state, or null for a symbol never seen. */
  EngineState loadState();

  void saveState(EngineState state);

  /** Open orders of a side in priority order: best price first, then ascending arrival. */
  Iterator<OrderState> restingInPriority(Side side);

  /** The best open order of a side, or null. */
  OrderState best(Side side);

  /** The open order with this id, or null. */
  OrderState resting(String orderId);

  /**
   * Adds a new open order behind every order at its price, indexes it and adds its leaves to its
   * level.
   */
  void addResting(OrderState order);

  /** Writes back an open order whose leaves a fill of {@code quantity} has just reduced. */
  void filled(OrderState order, long quantity);

  /** Removes an open order (with its current leaves) from its level and the indexes. */
  void removeResting(OrderState order);

  /** orderId of the account's open order with this client order id, or null. */
  String clientOrder(String account, String clientOrderId);

  /** Open orders of an account on this symbol. */
  int openOrders(String account);

  /** Aggregate open quantity at a price; 0 if none. */
  long level(Side side, long price);

  /** Levels of a side, best first. */
  Iterator<OrderBook.Level> levelsInPriority(Side side);

  /**
   * Reports each level of the side whose quantity changed since the previous call (or since the
   * storage was created), and forgets them. Levels that changed and came back to their quantity are
   * reported too, with {@code before == now}.
   */
  void drainChangedLevels(Side side, LevelChange sink);

  /** One level touched by a command. */
  @FunctionalInterface
  interface LevelChange {
    void changed(long price, long before, long now);
  }

  /** The priority key of a price on a side: ascending key order is priority order. */
  static long priceKey(Side side, long price) {
    return side == Side.SELL ? price : Long.MAX_VALUE - price;
  }
}
