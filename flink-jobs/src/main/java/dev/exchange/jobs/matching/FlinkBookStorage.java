package dev.exchange.jobs.matching;

import dev.exchange.matching.core.BookStorage;
import dev.exchange.matching.core.EngineState;
import dev.exchange.matching.core.OrderRef;
import dev.exchange.matching.core.OrderState;
import dev.exchange.model.avro.Side;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * {@link BookStorage} on keyed Flink state, scoped to the current key (the symbol). Ordered maps
 * rely on RocksDB iterating a {@link MapState} in the byte order of its serialized keys: {@code
 * Tuple2<Long, Long>} and {@code Long} serialize as big-endian longs, and every key here is
 * non-negative, so iteration order is priority order. The job therefore requires the RocksDB state
 * backend; the heap backend iterates maps in hash order.
 *
 * <p>State names are part of the savepoint format: never rename them.
 */
final class FlinkBookStorage implements BookStorage {

  private static final TypeInformation<Tuple2<Long, Long>> PRIORITY_KEY =
      TypeInformation.of(new TypeHint<Tuple2<Long, Long>>() {});

  private final ValueState<EngineState> engine;
  private final MapState<Tuple2<Long, Long>, OrderState> bids;
  private final MapState<Tuple2<Long, Long>, OrderState> asks;
  private final MapState<Long, Long> bidLevels;
  private final MapState<Long, Long> askLevels;
  private final MapState<String, OrderRef> refs;
  private final MapState<String, String> clientOrders;
  private final MapState<String, Integer> openCounts;

  FlinkBookStorage(RuntimeContext context) {
    engine = context.getState(new ValueStateDescriptor<>("engine", Types.POJO(EngineState.class)));
    bids =
        context.getMapState(
            new MapStateDescriptor<>("bids", PRIORITY_KEY, Types.POJO(OrderState.class)));
    asks =
        context.getMapState(
            new MapStateDescriptor<>("asks", PRIORITY_KEY, Types.POJO(OrderState.class)));
    bidLevels = context.getMapState(new MapStateDescriptor<>("bid-levels", Types.LONG, Types.LONG));
    askLevels = context.getMapState(new MapStateDescriptor<>("ask-levels", Types.LONG, Types.LONG));
    refs =
        context.getMapState(
            new MapStateDescriptor<>("order-refs", Types.STRING, Types.POJO(OrderRef.class)));
    clientOrders =
        context.getMapState(
            new MapStateDescriptor<>("client-order-ids", Types.STRING, Types.STRING));
    openCounts =
        context.getMapState(new MapStateDescriptor<>("open-orders", Types.STRING, Types.INT));
  }

  /** State access failures are not recoverable here; the job restarts from its checkpoint. */
  @FunctionalInterface
  private interface StateCall<T> {
    T call() throws Exception;
  }

  @FunctionalInterface
  private interface StateRun {
    void run() throws Exception;
  }

  private static <T> T read(StateCall<T> call) {
    try {
      return call.call();
    } catch (Exception e) {
      throw new IllegalStateException("state access failed", e);
    }
  }

  private static void write(StateRun run) {
    try {
      run.run();
    } catch (Exception e) {
      throw new IllegalStateException("state access failed", e);
    }
  }

  private MapState<Tuple2<Long, Long>, OrderState> orders(Side side) {
    return side == Side.BUY ? bids : asks;
  }

  private MapState<Long, Long> levels(Side side) {
    return side == Side.BUY ? bidLevels : askLevels;
  }

  private static Tuple2<Long, Long> key(Side side, long price, long arrival) {
    return Tuple2.of(BookStorage.priceKey(side, price), arrival);
  }

  /** Copies everything stored under the current key into {@code target}, for the read cache. */
  <T extends BookStorage> T copyTo(T target) {
    EngineState state = loadState();
    if (state != null) {
      target.saveState(state);
    }
    for (Side side : Side.values()) {
      restingInPriority(side).forEachRemaining(target::putResting);
      levelsInPriority(side).forEachRemaining(l -> target.setLevel(side, l[0], l[1]));
    }
    read(() -> refs.entries()).forEach(e -> target.putRef(e.getKey(), e.getValue()));
    read(() -> clientOrders.entries())
        .forEach(e -> target.putClientOrder(e.getKey(), e.getValue()));
    read(() -> openCounts.entries()).forEach(e -> target.setOpenOrders(e.getKey(), e.getValue()));
    return target;
  }

  @Override
  public EngineState loadState() {
    return read(engine::value);
  }

  @Override
  public void saveState(EngineState state) {
    write(() -> engine.update(state));
  }

  @Override
  public Iterator<OrderState> restingInPriority(Side side) {
    Iterator<Map.Entry<Tuple2<Long, Long>, OrderState>> it = read(() -> orders(side).iterator());
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public OrderState next() {
        return it.next().getValue();
      }
    };
  }

  @Override
  public OrderState best(Side side) {
    Iterator<Map.Entry<Tuple2<Long, Long>, OrderState>> it = read(() -> orders(side).iterator());
    return it.hasNext() ? it.next().getValue() : null;
  }

  @Override
  public OrderState resting(Side side, long price, long arrival) {
    return read(() -> orders(side).get(key(side, price, arrival)));
  }

  @Override
  public void putResting(OrderState order) {
    write(() -> orders(order.side).put(key(order.side, order.price, order.arrival), order));
  }

  @Override
  public void removeResting(Side side, long price, long arrival) {
    write(() -> orders(side).remove(key(side, price, arrival)));
  }

  @Override
  public OrderRef lookup(String orderId) {
    return read(() -> refs.get(orderId));
  }

  @Override
  public void putRef(String orderId, OrderRef ref) {
    write(() -> refs.put(orderId, ref));
  }

  @Override
  public void removeRef(String orderId) {
    write(() -> refs.remove(orderId));
  }

  @Override
  public String clientOrder(String clientKey) {
    return read(() -> clientOrders.get(clientKey));
  }

  @Override
  public void putClientOrder(String clientKey, String orderId) {
    write(() -> clientOrders.put(clientKey, orderId));
  }

  @Override
  public void removeClientOrder(String clientKey) {
    write(() -> clientOrders.remove(clientKey));
  }

  @Override
  public int openOrders(String account) {
    Integer n = read(() -> openCounts.get(account));
    return n == null ? 0 : n;
  }

  @Override
  public void setOpenOrders(String account, int count) {
    if (count == 0) {
      write(() -> openCounts.remove(account));
    } else {
      write(() -> openCounts.put(account, count));
    }
  }

  @Override
  public long level(Side side, long price) {
    Long q = read(() -> levels(side).get(BookStorage.priceKey(side, price)));
    return q == null ? 0 : q;
  }

  @Override
  public void setLevel(Side side, long price, long quantity) {
    long key = BookStorage.priceKey(side, price);
    if (quantity == 0) {
      write(() -> levels(side).remove(key));
    } else {
      write(() -> levels(side).put(key, quantity));
    }
  }

  @Override
  public Iterator<long[]> levelsInPriority(Side side) {
    Iterator<Map.Entry<Long, Long>> it = read(() -> levels(side).iterator());
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
