package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.matching.core.BookStorage;
import dev.exchange.matching.core.EngineState;
import dev.exchange.matching.core.FastOrderBook;
import dev.exchange.matching.core.InMemoryBookStorage;
import dev.exchange.matching.core.OrderState;
import dev.exchange.model.avro.Side;
import java.util.ArrayList;
import java.util.List;
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
 * The durable part of a symbol's book in RocksDB keyed state: primary data only, the scalar {@link
 * EngineState} and the open orders per side. Everything else (order index, client order ids,
 * open-order counts, L2 levels) is derived by {@link FastOrderBook#restore} when the book is loaded
 * into memory, so a command writes only the orders it changes and the scalar state.
 *
 * <p>Open orders are a {@code MapState<(priceKey, arrival), OrderState>}: RocksDB iterates in the
 * byte order of serialized keys, big-endian non-negative longs sort numerically, and {@code
 * priceKey} is the price for asks and {@code Long.MAX_VALUE - price} for bids, so loading reads
 * them in priority order. State names are part of the savepoint format: never rename them.
 */
final class FlinkBookState {

  private static final TypeInformation<Tuple2<Long, Long>> PRIORITY_KEY =
      TypeInformation.of(new TypeHint<Tuple2<Long, Long>>() {});

  private final ValueState<EngineState> engine;
  private final MapState<Tuple2<Long, Long>, OrderState> bids;
  private final MapState<Tuple2<Long, Long>, OrderState> asks;

  /** Account → the last {@code accountSequence} applied on this symbol (duplicates are dropped). */
  private final MapState<String, Long> accountSequences;

  /** Account → how far its numbered commands on this symbol have got. */
  private final MapState<String, SymbolSequence> symbolSequences;

  /** "account#symbolSequence" → a command that came before the ones below it (docs/accounts.md). */
  private final MapState<String, RawRecord> parked;

  /** Derived data that savepoints of the first release still hold; cleared when a book loads. */
  private final List<MapState<?, ?>> retired = new ArrayList<>();

  /** Name of the state of the last applied account sequences. */
  static final String ACCOUNT_SEQUENCES = "account-sequences";

  FlinkBookState(RuntimeContext context) {
    engine = context.getState(new ValueStateDescriptor<>("engine", Types.POJO(EngineState.class)));
    bids =
        context.getMapState(
            new MapStateDescriptor<>("bids", PRIORITY_KEY, Types.POJO(OrderState.class)));
    asks =
        context.getMapState(
            new MapStateDescriptor<>("asks", PRIORITY_KEY, Types.POJO(OrderState.class)));
    accountSequences =
        context.getMapState(new MapStateDescriptor<>(ACCOUNT_SEQUENCES, Types.STRING, Types.LONG));
    symbolSequences =
        context.getMapState(
            new MapStateDescriptor<>(
                "symbol-sequences", Types.STRING, Types.POJO(SymbolSequence.class)));
    parked =
        context.getMapState(
            new MapStateDescriptor<>("parked-commands", Types.STRING, Types.POJO(RawRecord.class)));
    retired.add(
        context.getMapState(new MapStateDescriptor<>("bid-levels", Types.LONG, Types.LONG)));
    retired.add(
        context.getMapState(new MapStateDescriptor<>("ask-levels", Types.LONG, Types.LONG)));
    retired.add(
        context.getMapState(
            new MapStateDescriptor<>(
                "order-refs",
                Types.STRING,
                Types.POJO(dev.exchange.matching.core.OrderRef.class))));
    retired.add(
        context.getMapState(
            new MapStateDescriptor<>("client-order-ids", Types.STRING, Types.STRING)));
    retired.add(
        context.getMapState(new MapStateDescriptor<>("open-orders", Types.STRING, Types.INT)));
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

  private static Tuple2<Long, Long> key(Side side, long price, long arrival) {
    return Tuple2.of(BookStorage.priceKey(side, price), arrival);
  }

  /**
   * The current key's book, rebuilt in memory from primary data. The book gets copies of what state
   * returns: it changes them in place, and a heap backend would return its stored objects.
   */
  InMemoryBookStorage load() {
    List<OrderState> open = new ArrayList<>();
    for (Side side : Side.values()) {
      read(() -> orders(side).values()).forEach(o -> open.add(o.copy()));
    }
    EngineState state = read(engine::value);
    InMemoryBookStorage book = new InMemoryBookStorage();
    FastOrderBook.restore(book, state == null ? null : state.copy(), open.iterator());
    for (MapState<?, ?> legacy : retired) {
      legacy.clear();
    }
    return book;
  }

  /** Writes a copy, as {@link #putResting} does. */
  void saveState(EngineState state) {
    EngineState copy = state.copy();
    write(() -> engine.update(copy));
  }

  /** Writes a copy: the book goes on changing the live object, a heap backend would keep it. */
  void putResting(OrderState order) {
    OrderState copy = order.copy();
    write(() -> orders(copy.side).put(key(copy.side, copy.price, copy.arrival), copy));
  }

  /** The last {@code accountSequence} applied for the account on the current key, 0 if none. */
  long lastAccountSequence(String account) {
    Long last = read(() -> accountSequences.get(account));
    return last == null ? 0 : last;
  }

  void putAccountSequence(String account, long accountSequence) {
    write(() -> accountSequences.put(account, accountSequence));
  }

  /** The account's {@link SymbolSequence} on the current key, a copy; (0, 0) if none. */
  SymbolSequence symbolSequence(String account) {
    SymbolSequence stored = read(() -> symbolSequences.get(account));
    return stored == null
        ? new SymbolSequence()
        : new SymbolSequence(stored.consumed, stored.parkedUpTo);
  }

  /** Writes a copy, as {@link #putResting} does. */
  void putSymbolSequence(String account, SymbolSequence sequence) {
    SymbolSequence copy = new SymbolSequence(sequence.consumed, sequence.parkedUpTo);
    write(() -> symbolSequences.put(account, copy));
  }

  void park(String account, long symbolSequence, RawRecord envelope) {
    write(() -> parked.put(account + "#" + symbolSequence, envelope));
  }

  RawRecord unpark(String account, long symbolSequence) {
    String key = account + "#" + symbolSequence;
    RawRecord envelope = read(() -> parked.get(key));
    if (envelope != null) {
      write(() -> parked.remove(key));
    }
    return envelope;
  }

  void removeResting(Side side, long price, long arrival) {
    write(() -> orders(side).remove(key(side, price, arrival)));
  }
}
