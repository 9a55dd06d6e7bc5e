package dev.exchange.jobs.matching;

import dev.exchange.matching.core.BookStorage;
import dev.exchange.matching.core.EngineState;
import dev.exchange.matching.core.InMemoryBookStorage;
import dev.exchange.matching.core.OrderRef;
import dev.exchange.matching.core.OrderState;
import dev.exchange.model.avro.Side;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The book of each symbol in memory, its primary data (scalar state, open orders) written through
 * to RocksDB keyed state ({@link FlinkBookState}); derived data lives in memory only.
 *
 * <p>Reads never touch RocksDB: a RocksDB {@code MapState} iterator deserializes entries in batches
 * (128 at a time in Flink 2.1), so finding the best order or the top of book from state cost
 * hundreds of deserializations per command; measured, the job ran at a few percent of an
 * exactly-once pass-through (docs/benchmarks.md). Every write goes to both, synchronously, so the
 * state a checkpoint captures always equals the memory. After a restore or a rescale the function
 * is a new instance with an empty cache, and each symbol's book is loaded from state on its first
 * command.
 */
final class CachedBookStorage implements BookStorage {

  private final FlinkBookState durable;
  private final Map<String, InMemoryBookStorage> books = new HashMap<>();
  private InMemoryBookStorage memory;

  CachedBookStorage(FlinkBookState durable) {
    this.durable = durable;
  }

  /** Switches to a symbol's book; Flink has already set the same key for {@code durable}. */
  CachedBookStorage select(String symbol) {
    memory = books.computeIfAbsent(symbol, s -> durable.load());
    return this;
  }

  @Override
  public EngineState loadState() {
    return memory.loadState();
  }

  @Override
  public void saveState(EngineState state) {
    memory.saveState(state);
    durable.saveState(state);
  }

  @Override
  public Iterator<OrderState> restingInPriority(Side side) {
    return memory.restingInPriority(side);
  }

  @Override
  public OrderState best(Side side) {
    return memory.best(side);
  }

  @Override
  public OrderState resting(Side side, long price, long arrival) {
    return memory.resting(side, price, arrival);
  }

  @Override
  public void putResting(OrderState order) {
    memory.putResting(order);
    durable.putResting(order);
  }

  @Override
  public void removeResting(Side side, long price, long arrival) {
    memory.removeResting(side, price, arrival);
    durable.removeResting(side, price, arrival);
  }

  @Override
  public OrderRef lookup(String orderId) {
    return memory.lookup(orderId);
  }

  @Override
  public void putRef(String orderId, OrderRef ref) {
    memory.putRef(orderId, ref);
  }

  @Override
  public void removeRef(String orderId) {
    memory.removeRef(orderId);
  }

  @Override
  public String clientOrder(String clientKey) {
    return memory.clientOrder(clientKey);
  }

  @Override
  public void putClientOrder(String clientKey, String orderId) {
    memory.putClientOrder(clientKey, orderId);
  }

  @Override
  public void removeClientOrder(String clientKey) {
    memory.removeClientOrder(clientKey);
  }

  @Override
  public int openOrders(String account) {
    return memory.openOrders(account);
  }

  @Override
  public void setOpenOrders(String account, int count) {
    memory.setOpenOrders(account, count);
  }

  @Override
  public long level(Side side, long price) {
    return memory.level(side, price);
  }

  @Override
  public void setLevel(Side side, long price, long quantity) {
    memory.setLevel(side, price, quantity);
  }

  @Override
  public Iterator<long[]> levelsInPriority(Side side) {
    return memory.levelsInPriority(side);
  }
}
