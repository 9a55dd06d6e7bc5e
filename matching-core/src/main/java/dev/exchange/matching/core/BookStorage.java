package dev.exchange.matching.core;

import dev.exchange.model.avro.Side;
import java.util.Iterator;

/**
 * The state of one symbol's book as {@link FastOrderBook} needs it: key-value maps, two of them
 * ordered. The job implements it with RocksDB {@code MapState}, whose iteration follows the
 * unsigned byte order of the serialized key: non-negative big-endian {@code (priceKey, arrival)}
 * keys, with {@code priceKey = price} for asks and {@code Long.MAX_VALUE - price} for bids, come
 * back in priority order. Tests implement it with sorted in-memory maps.
 *
 * <p>Values are copies: a caller that changes an {@link OrderState} must {@link #putResting} it
 * again, exactly as with serialized state. Callers never modify the storage while iterating.
 */
public interface BookStorage {

  /** The scalar state, or null for a symbol never seen. */
  EngineState loadState();

  void saveState(EngineState state);

  /** Open orders of a side in priority order: best price first, then ascending arrival. */
  Iterator<OrderState> restingInPriority(Side side);

  /** The best open order of a side, or null. */
  OrderState best(Side side);

  OrderState resting(Side side, long price, long arrival);

  /** Inserts or replaces an open order, keyed by its side, price and arrival. */
  void putResting(OrderState order);

  void removeResting(Side side, long price, long arrival);

  /** Where an open order rests, by orderId; null if not open. */
  OrderRef lookup(String orderId);

  void putRef(String orderId, OrderRef ref);

  void removeRef(String orderId);

  /** orderId of the open order with this account-scoped client order id key, or null. */
  String clientOrder(String clientKey);

  void putClientOrder(String clientKey, String orderId);

  void removeClientOrder(String clientKey);

  /** Open orders of an account on this symbol. */
  int openOrders(String account);

  /** Sets the count; 0 removes the entry. */
  void setOpenOrders(String account, int count);

  /** Aggregate open quantity at a price; 0 if none. */
  long level(Side side, long price);

  /** Sets a level's aggregate quantity; 0 removes it. */
  void setLevel(Side side, long price, long quantity);

  /** Levels of a side, best first, as {@code {price, quantity}}. */
  Iterator<long[]> levelsInPriority(Side side);

  /** The priority key of a price on a side: ascending key order is priority order. */
  static long priceKey(Side side, long price) {
    return side == Side.SELL ? price : Long.MAX_VALUE - price;
  }

  /** Inverse of {@link #priceKey}. */
  static long priceOf(Side side, long priceKey) {
    return side == Side.SELL ? priceKey : Long.MAX_VALUE - priceKey;
  }
}
