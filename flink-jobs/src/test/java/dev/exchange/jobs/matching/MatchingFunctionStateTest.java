package dev.exchange.jobs.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.jobs.testing.KeyedHarness;
import dev.exchange.matching.core.CollectingOutput;
import dev.exchange.matching.core.FastOrderBook;
import dev.exchange.matching.core.InMemoryBookStorage;
import dev.exchange.matching.core.OrderState;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.DelistInstrument;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MatchingFunction} in an operator test harness over RocksDB keyed state, as the job runs
 * it: restore from a snapshot, reload after a command the book throws on, and what state a delisted
 * symbol leaves.
 */
class MatchingFunctionStateTest {

  private static final TopicNames TOPICS = TopicNames.standard();
  private static final int SNAPSHOT_INTERVAL = 7;
  private static final String SYMBOL = "BTCUSDT";

  private final List<KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord>> opened =
      new ArrayList<>();
  private long offset;

  @AfterEach
  void close() throws Exception {
    for (var h : opened) {
      h.close();
    }
  }

  @Test
  void aFunctionRestoredFromASnapshotContinuesAsAnUninterruptedRun() throws Exception {
    List<RawRecord> records = records(CommandLog.generate(3, 1500));
    int cut = records.size() / 2;

    var first = open(null);
    send(first, records.subList(0, cut));
    var snapshot = first.snapshot(1, 1);
    Map<String, List<String>> outputs = outputs(first.extractOutputValues(), new LinkedHashMap<>());

    var second = open(snapshot);
    send(second, records.subList(cut, records.size()));
    outputs(second.extractOutputValues(), outputs);

    Map<String, List<String>> uninterrupted =
        new Expected(TOPICS, SNAPSHOT_INTERVAL).apply(records).outputs();
    assertThat(Expected.differences(outputs, uninterrupted)).isEmpty();
    assertThat(Expected.count(outputs)).isGreaterThan(records.size());
  }

  @Test
  void aCommandTheBookThrowsOnChangesNeitherStateNorTheBookTheNextCommandSees() throws Exception {
    // An open order without an account, as a bug in an earlier version could have left in state:
    // a trade against it cannot be encoded, so the book throws half-way through the command.
    List<RawRecord> before = List.of(order("acct-1", "b1", Side.BUY, TimeInForce.GTC, 9_900, 10));
    RawRecord failing = order("acct-2", "s1", Side.SELL, TimeInForce.IOC, 10_000, 5);
    List<RawRecord> after =
        List.of(
            order("acct-3", "s2", Side.SELL, TimeInForce.GTC, 10_100, 4),
            order("acct-4", "b2", Side.BUY, TimeInForce.IOC, 10_100, 3));

    var withFailure = openWithAccountlessOrder();
    send(withFailure, before);
    send(withFailure, List.of(failing));
    List<OutRecord> failed = new ArrayList<>(withFailure.extractOutputValues());
    send(withFailure, after);

    var withoutFailure = openWithAccountlessOrder();
    send(withoutFailure, before);
    send(withoutFailure, after);

    List<OutRecord> failures = failed.subList(failed.size() - 1, failed.size());
    assertThat(failures).extracting(r -> r.topic).containsExactly(TOPICS.dlq());
    assertThat(EventSerde.decode(failures.get(0).value, DeadLetter.class).getReasonCode())
        .isEqualTo("INTERNAL_ERROR");
    List<OutRecord> published = new ArrayList<>(withFailure.extractOutputValues());
    published.remove(failures.get(0));
    assertThat(hex(published))
        .as("everything but the dead letter, as if the failing command had never come")
        .isEqualTo(hex(withoutFailure.extractOutputValues()));
    assertThat(trades(published)).extracting(Trade::getTradeId).containsExactly(1L);

    withFailure.getOperator().setCurrentKey(SYMBOL);
    InMemoryBookStorage state =
        new FlinkBookState(withFailure.getOperator().getRuntimeContext()).load();
    assertThat(state.resting("ghost").leaves).as("the maker the failing command hit").isEqualTo(5);
    assertThat(state.loadState().lastTradeId).isEqualTo(1);
  }

  @Test
  void aDelistedSymbolKeepsOnlyItsScalarStateAndRelistsWithItsCounters() throws Exception {
    var h = open(null);
    send(h, List.of(list(SYMBOL), list("ETHUSDT")));
    send(
        h,
        List.of(
            order("acct-1", "b1", Side.BUY, TimeInForce.GTC, 9_900, 10),
            order("acct-2", "s1", Side.SELL, TimeInForce.GTC, 10_100, 10),
            order("acct-2", "b2", Side.BUY, TimeInForce.GTC, 9_800, 10)));
    send(h, List.of(order("ETHUSDT", "acct-1", "e1", Side.BUY, TimeInForce.GTC, 9_900, 10)));
    assertThat(keysWithEntries(h, "bids")).containsExactlyInAnyOrder(SYMBOL, "ETHUSDT");
    assertThat(keysWithEntries(h, "asks")).containsExactly(SYMBOL);

    send(h, List.of(record(CommandLog.command(SYMBOL, "admin", CommandLog.START, delist()))));

    assertThat(keysWithEntries(h, "bids")).containsExactly("ETHUSDT");
    assertThat(keysWithEntries(h, "asks")).isEmpty();
    for (String retired :
        List.of("bid-levels", "ask-levels", "order-refs", "client-order-ids", "open-orders")) {
      assertThat(keysWithEntries(h, retired)).as(retired).isEmpty();
    }
    h.getOperator().setCurrentKey(SYMBOL);
    InMemoryBookStorage delisted = new FlinkBookState(h.getOperator().getRuntimeContext()).load();
    assertThat(delisted.loadState().status).isEqualTo(InstrumentStatus.DELISTED);
    assertThat(delisted.levelsInPriority(Side.BUY)).isExhausted();

    h.getOutput().clear();
    send(h, List.of(list(SYMBOL), order("acct-1", "b3", Side.BUY, TimeInForce.GTC, 9_900, 1)));
    assertThat(h.extractOutputValues()).extracting(r -> r.topic).doesNotContain(TOPICS.dlq());
    h.getOperator().setCurrentKey(SYMBOL);
    assertThat(
            new FlinkBookState(h.getOperator().getRuntimeContext())
                .load()
                .loadState()
                .instrumentVersion)
        .as("LIST, DELIST, LIST")
        .isEqualTo(3);
  }

  /**
   * Started without state, the function refuses to run unless an empty start is allowed (it would
   * rebuild books from whatever part of the orders log is retained); restored, it runs.
   */
  @Test
  void withoutStateToRestoreTheFunctionRefusesToStartUnlessAllowed() throws Exception {
    var empty = harness(false);
    org.assertj.core.api.Assertions.assertThatThrownBy(empty::open)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the matching job has no state to start from")
        .hasMessageContaining("--allow-empty-start true");
    empty.close();

    var first = open(null);
    first.processElement(list(SYMBOL), 1);
    var snapshot = first.snapshot(1, 1);
    var restored = harness(false);
    opened.add(restored);
    restored.initializeState(snapshot);
    restored.open();
    restored.getOperator().setCurrentKey(SYMBOL);
    assertThat(new FlinkBookState(restored.getOperator().getRuntimeContext()).load().loadState())
        .as("restored with its book")
        .isNotNull();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> harness(
      boolean allowEmptyStart) throws Exception {
    return KeyedHarness.overRocksDb(
        new MatchingFunction(TOPICS, SNAPSHOT_INTERVAL, allowEmptyStart));
  }

  private KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> open(
      org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot) throws Exception {
    var h = harness(true);
    opened.add(h);
    if (snapshot != null) {
      h.initializeState(snapshot);
    }
    h.open();
    return h;
  }

  /** A listed BTCUSDT whose state holds an open bid of 5 at 10,000 without an account. */
  private KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord>
      openWithAccountlessOrder() throws Exception {
    var h = open(null);
    InMemoryBookStorage listed = new InMemoryBookStorage();
    new FastOrderBook(listed, SYMBOL, SNAPSHOT_INTERVAL)
        .apply(
            EventSerde.decode(list(SYMBOL).value, dev.exchange.model.avro.OrderCommand.class),
            new CollectingOutput());
    OrderState ghost = new OrderState();
    ghost.orderId = "ghost";
    ghost.clientOrderId = "ghost";
    ghost.side = Side.BUY;
    ghost.orderType = OrderType.LIMIT;
    ghost.timeInForce = TimeInForce.GTC;
    ghost.selfTradePrevention = SelfTradePrevention.NONE;
    ghost.price = 10_000;
    ghost.quantity = 5;
    ghost.leaves = 5;
    ghost.arrival = 0;
    h.getOperator().setCurrentKey(SYMBOL);
    FlinkBookState state = new FlinkBookState(h.getOperator().getRuntimeContext());
    state.saveState(listed.loadState());
    state.putResting(ghost);
    return h;
  }

  private RawRecord list(String symbol) {
    return record(
        CommandLog.command(
            symbol,
            "admin",
            CommandLog.START,
            new ListInstrument(
                symbol.substring(0, 3),
                "USDT",
                2,
                4,
                new InstrumentFilters(1L, 1L, 1L, 10_000_000L, 100L, 1000, 0, 0, 0, 0),
                0,
                0,
                0,
                0)));
  }

  private static DelistInstrument delist() {
    return new DelistInstrument("test");
  }

  private RawRecord order(
      String account, String id, Side side, TimeInForce tif, long price, long quantity) {
    return order(SYMBOL, account, id, side, tif, price, quantity);
  }

  private RawRecord order(
      String symbol,
      String account,
      String id,
      Side side,
      TimeInForce tif,
      long price,
      long quantity) {
    return record(
        CommandLog.command(
            symbol,
            account,
            CommandLog.START + offset,
            new NewOrder(
                id,
                id,
                side,
                OrderType.LIMIT,
                tif,
                price,
                quantity,
                null,
                2,
                4,
                SelfTradePrevention.NONE,
                null,
                null)));
  }

  private RawRecord record(dev.exchange.model.avro.OrderCommand command) {
    KafkaIo.Entry e = CommandLog.entry(command, command.getTimestamp());
    return new RawRecord(e.key(), e.value(), TOPICS.orders(), 0, offset++, e.timestamp());
  }

  private List<RawRecord> records(List<KafkaIo.Entry> entries) {
    List<RawRecord> list = new ArrayList<>();
    for (KafkaIo.Entry e : entries) {
      list.add(new RawRecord(e.key(), e.value(), TOPICS.orders(), 0, offset++, e.timestamp()));
    }
    return list;
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> h,
      List<RawRecord> records)
      throws Exception {
    for (RawRecord r : records) {
      h.processElement(r, r.timestamp);
    }
  }

  private static Map<String, List<String>> outputs(
      List<OutRecord> records, Map<String, List<String>> into) {
    for (OutRecord r : records) {
      into.computeIfAbsent(KafkaIo.group(r.topic, r.key, r.value), k -> new ArrayList<>())
          .add(HexFormat.of().formatHex(r.value));
    }
    return into;
  }

  private static List<String> hex(List<OutRecord> records) {
    return records.stream().map(r -> r.topic + " " + HexFormat.of().formatHex(r.value)).toList();
  }

  private static List<Trade> trades(List<OutRecord> records) {
    return records.stream()
        .filter(r -> r.topic.equals(TOPICS.trades()))
        .map(r -> EventSerde.decode(r.value, Trade.class))
        .toList();
  }

  private static List<String> keysWithEntries(
      KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> h, String state) {
    try (Stream<String> keys =
        h.getOperator().<String>getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
      return keys.distinct().toList();
    }
  }
}
