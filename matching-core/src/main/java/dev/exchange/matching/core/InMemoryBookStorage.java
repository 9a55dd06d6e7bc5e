package dev.exchange.matching.core;

import dev.exchange.model.avro.Side;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link BookStorage} on sorted in-memory maps, with the same copy semantics as serialized state:
 * what is read is a copy, so a change that is not written back is lost here as it would be in
 * RocksDB.
 */
public final class InMemoryBookStorage implements BookStorage {

  private record Key(long priceKey, long arrival) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(priceKey, o.priceKey);
      return c != 0 ? c : Long.compare(arrival, o.arrival);
    }
  }

  private EngineState state;
  private final TreeMap<Key, OrderState> bids = new TreeMap<>();
  private final TreeMap<Key, OrderState> asks = new TreeMap<>();
  private final TreeMap<Long, Long> bidLevels = new TreeMap<>();
  private final TreeMap<Long, Long> askLevels = new TreeMap<>();
  private final Map<String, OrderRef> refs = new HashMap<>();
  private final Map<String, String> clientOrders = new HashMap<>();
  private final Map<String, Integer> openCounts = new HashMap<>();

  @Override
  public EngineState loadState() {
    return state == null ? null : state.copy();
  }

  @Override
  public void saveState(EngineState s) {
    state = s.copy();
  }

  private TreeMap<Key, OrderState> orders(Side side) {
    return side == Side.BUY ? bids : asks;
  }

  private TreeMap<Long, Long> levels(Side side) {
    return side == Side.BUY ? bidLevels : askLevels;
  }

  @Override
  public Iterator<OrderState> restingInPriority(Side side) {
    Iterator<OrderState> it = orders(side).values().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public OrderState next() {
        return it.next().copy();
      }
    };
  }

  @Override
  public OrderState best(Side side) {
    Map.Entry<Key, OrderState> first = orders(side).firstEntry();
    return first == null ? null : first.getValue().copy();
  }

  @Override
  public OrderState resting(Side side, long price, long arrival) {
    OrderState o = orders(side).get(new Key(BookStorage.priceKey(side, price), arrival));
    return o == null ? null : o.copy();
  }

  @Override
  public void putResting(OrderState order) {
    orders(order.side)
        .put(new Key(BookStorage.priceKey(order.side, order.price), order.arrival), order.copy());
  }

  @Override
  public void removeResting(Side side, long price, long arrival) {
    orders(side).remove(new Key(BookStorage.priceKey(side, price), arrival));
  }

  @Override
  public OrderRef lookup(String orderId) {
    OrderRef r = refs.get(orderId);
    return r == null ? null : new OrderRef(r.side, r.price, r.arrival);
  }

  @Override
  public void putRef(String orderId, OrderRef ref) {
    refs.put(orderId, new OrderRef(ref.side, ref.price, ref.arrival));
  }

  @Override
  public void removeRef(String orderId) {
    refs.remove(orderId);
  }

  @Override
  public String clientOrder(String clientKey) {
    return clientOrders.get(clientKey);
  }

  @Override
  public void putClientOrder(String clientKey, String orderId) {
    clientOrders.put(clientKey, orderId);
  }

  @Override
  public void removeClientOrder(String clientKey) {
    clientOrders.remove(clientKey);
  }

  @Override
  public int openOrders(String account) {
    return openCounts.getOrDefault(account, 0);
  }

  @Override
  public void setOpenOrders(String account, int count) {
    if (count == 0) {
      openCounts.remove(account);
    } else {
      openCounts.put(account, count);
    }
  }

  @Override
  public long level(Side side, long price) {
    return levels(side).getOrDefault(BookStorage.priceKey(side, price), 0L);
  }

  @Override
  public void setLevel(Side side, long price, long quantity) {
    long key = BookStorage.priceKey(side, price);
    if (quantity == 0) {
      levels(side).remove(key);
    } else {
      levels(side).put(key, quantity);
    }
  }

  @Override
  public Iterator<long[]> levelsInPriority(Side side) {
    Iterator<Map.Entry<Long, Long>> it = levels(side).entrySet().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public long[] next() {
        Map.Entry<Long, Long> e = it.next();
        return new long[] {BookStorage.priceOf(side, e.getKey()), e.getValue()};
      }
    };
  }
}
