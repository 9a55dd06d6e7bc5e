package dev.exchange.jobs.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.matching.core.InMemoryBookStorage;
import dev.exchange.matching.core.OrderState;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.CancelAllOrders;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.CommandRejection;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.HaltInstrument;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;
import dev.exchange.model.avro.UpdateInstrument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link MatchingFunction} in an operator test harness on the heap state backend (as {@code
 * MarketDataFunctionTest} runs its function): restore from a snapshot, the in-memory cache of each
 * book ({@link CachedBookStorage}) dropped and reloaded from keyed state, and the state an emptied
 * book leaves behind. Outputs are compared byte for byte, with another run or with {@link
 * Expected}.
 */
class MatchingFunctionTest {

  private static final TopicNames TOPICS = TopicNames.standard();
  private static final int SNAPSHOT_INTERVAL = 5;
  private static final String BTC = "BTCUSDT";
  private static final String ETH = "ETHUSDT";

  /** Derived data that only savepoints of the first release hold; must stay empty now. */
  private static final List<String> RETIRED_STATES =
      List.of("bid-levels", "ask-levels", "order-refs", "client-order-ids", "open-orders");

  @Test
  void aBookRestoredFromASnapshotMatchesACrossingOrderExactlyAsAnUninterruptedOne()
      throws Exception {
    Script script =
        new Script()
            .list(BTC, 100)
            .limit(BTC, "alice", "b1", Side.BUY, 9_990, 5)
            .limit(BTC, "bob", "b2", Side.BUY, 9_980, 7)
            .limit(BTC, "carol", "a1", Side.SELL, 10_010, 4)
            .limit(BTC, "dave", "a2", Side.SELL, 10_020, 6)
            .limit(BTC, "carol", "a3", Side.SELL, 10_020, 3);
    int split = script.size();
    script
        .limit(BTC, "erin", "t1", Side.BUY, 10_020, 10)
        .limit(BTC, "frank", "t2", Side.SELL, 9_980, 8)
        .cancel(BTC, "bob", "b2")
        .cancel(BTC, "carol", "a3");
    List<RawRecord> all = script.records();
    List<RawRecord> before = all.subList(0, split);
    List<RawRecord> after = all.subList(split, all.size());

    List<OutRecord> uninterrupted;
    try (Operator one = new Operator(SNAPSHOT_INTERVAL, null)) {
      one.send(before);
      uninterrupted = one.send(after);
    }
    OperatorSubtaskState snapshot;
    try (Operator first = new Operator(SNAPSHOT_INTERVAL, null)) {
      first.send(before);
      snapshot = first.snapshot();
    }
    List<OutRecord> restored;
    try (Operator second = new Operator(SNAPSHOT_INTERVAL, snapshot)) {
      assertThat(second.bookInState(BTC).restingInPriority(Side.BUY))
          .toIterable()
          .extracting(o -> o.orderId)
          .containsExactly("b1", "b2");
      restored = second.send(after);
    }

    assertThat(sequence(restored)).isEqualTo(sequence(uninterrupted));
    assertThat(Expected.grouped(restored))
        .isEqualTo(
            Expected.after(
                new Expected(TOPICS, SNAPSHOT_INTERVAL).apply(all).outputs(),
                new Expected(TOPICS, SNAPSHOT_INTERVAL).apply(before).outputs()));
    assertThat(decoded(restored, TOPICS.trades(), Trade.class))
        .extracting(
            t ->
                t.getTradeId()
                    + " "
                    + t.getQuantity()
                    + "@"
                    + t.getPrice()
                    + " "
                    + t.getMakerOrderId()
                    + "/"
                    + t.getTakerOrderId())
        .containsExactly("1 4@10010 a1/t1", "2 6@10020 a2/t1", "3 5@9990 b1/t2", "4 3@9980 b2/t2");
    assertThat(decoded(restored, TOPICS.orderEvents(), OrderEvent.class))
        .filteredOn(e -> e.getExecutionType().name().equals("CANCELED"))
        .extracting(e -> e.getOrderId() + " " + e.getExecutedQuantity())
        .containsExactly("b2 3", "a3 0");
  }

  @Test
  void aCommandLogCutBySnapshotsIntoFreshOperatorsGivesTheOutputsOfACleanRun() throws Exception {
    List<RawRecord> all = records(CommandLog.generate(17, 2400));
    List<OutRecord> outputs = new ArrayList<>();
    OperatorSubtaskState snapshot = null;
    int restores = 0;
    for (int from = 0; from < all.size(); from += 300) {
      try (Operator operator = new Operator(SNAPSHOT_INTERVAL, snapshot)) {
        outputs.addAll(operator.send(all.subList(from, Math.min(all.size(), from + 300))));
        snapshot = operator.snapshot();
      }
      restores++;
    }

    Map<String, List<String>> expected =
        new Expected(TOPICS, SNAPSHOT_INTERVAL).apply(all).outputs();
    assertThat(restores).isGreaterThan(7);
    assertThat(expected.get(TOPICS.trades() + "/" + BTC)).hasSizeGreaterThan(100);
    assertThat(Expected.differences(Expected.grouped(outputs), expected)).isEmpty();
  }

  @Test
  void booksReloadedFromKeyedStateBeforeEveryCommandGiveTheOutputsOfTheCache() throws Exception {
    List<RawRecord> all = records(CommandLog.generate(19, 1500));
    List<OutRecord> cached;
    try (Operator operator = new Operator(SNAPSHOT_INTERVAL, null)) {
      cached = operator.send(all);
    }
    List<OutRecord> reloaded = new ArrayList<>();
    try (Operator operator = new Operator(SNAPSHOT_INTERVAL, null)) {
      for (RawRecord record : all) {
        operator.dropCache();
        reloaded.addAll(operator.send(List.of(record)));
      }
    }

    assertThat(sequence(reloaded)).isEqualTo(sequence(cached));
    Map<String, List<String>> expected =
        new Expected(TOPICS, SNAPSHOT_INTERVAL).apply(all).outputs();
    assertThat(expected.get(TOPICS.trades() + "/" + ETH)).hasSizeGreaterThan(50);
    assertThat(Expected.differences(Expected.grouped(reloaded), expected)).isEmpty();
  }

  /**
   * A command that throws after it has changed the book: {@link CommandProcessor} dead-letters it
   * and emits nothing else of it; its state writes are discarded with its outputs and the symbol's
   * book is reloaded, so keyed state, the cache and a restore all see the book as before it.
   */
  @Test
  void aCommandFailingHalfWayIsDeadLetteredAndChangesNothing() throws Exception {
    Script script =
        new Script()
            .list(BTC, 100)
            .limit(BTC, "carol", "a1", Side.SELL, 10_010, 4)
            .limit(BTC, "dave", "a2", Side.SELL, 10_020, 6)
            .limit(BTC, "alice", "b1", Side.BUY, 9_990, 5);
    int failing = script.size();
    script.limit(BTC, "erin", "t1", Side.BUY, 10_020, 10);
    script.limit(BTC, "frank", "t3", Side.SELL, 9_990, 5);
    List<RawRecord> all = script.records();

    try (Operator live = new Operator(SNAPSHOT_INTERVAL, null)) {
      List<OutRecord> outputs = new ArrayList<>(live.send(all.subList(0, failing)));
      // a1 loses its account in state; its trade then cannot be encoded: a fault in mid-command.
      live.corruptAccountInState(BTC, Side.SELL, "a1");
      live.dropCache();

      List<OutRecord> failed = live.send(all.subList(failing, failing + 1));
      assertThat(failed).extracting(r -> r.topic).containsExactly(TOPICS.dlq());
      DeadLetter dead = EventSerde.decode(failed.get(0).value, DeadLetter.class);
      assertThat(dead.getReasonCode()).isEqualTo("INTERNAL_ERROR");
      assertThat(dead.getReason()).startsWith(NullPointerException.class.getName());
      assertThat(dead.getOffset()).isEqualTo(all.get(failing).offset);
      assertThat(live.function.internalErrors()).as("counted for the alert").isEqualTo(1);
      assertThat(live.bookInState(BTC).restingInPriority(Side.SELL))
          .toIterable()
          .extracting(o -> o.orderId + " " + o.leaves)
          .as("the makers the failing command had matched, untouched")
          .containsExactly("a1 4", "a2 6");

      List<RawRecord> next = all.subList(failing + 1, all.size());
      OperatorSubtaskState snapshot = live.snapshot();
      List<OutRecord> fromCache = live.send(next);
      outputs.addAll(fromCache);
      try (Operator restored = new Operator(SNAPSHOT_INTERVAL, snapshot)) {
        assertThat(sequence(restored.send(next))).isEqualTo(sequence(fromCache));
      }

      assertThat(decoded(fromCache, TOPICS.trades(), Trade.class))
          .extracting(t -> t.getTradeId() + " " + t.getMakerOrderId() + "/" + t.getTakerOrderId())
          .containsExactly("1 b1/t3");
      List<Long> sequences =
          decoded(outputs, TOPICS.orderEvents(), OrderEvent.class).stream()
              .map(OrderEvent::getSequence)
              .toList();
      assertThat(sequences).hasSizeGreaterThan(3);
      for (int i = 1; i < sequences.size(); i++) {
        assertThat(sequences.get(i)).isEqualTo(sequences.get(i - 1) + 1);
      }
    }
  }

  @Test
  void anEmptiedBookLeavesNoOrderStateAndRestartsEmpty() throws Exception {
    Script script =
        new Script()
            .list(BTC, 2)
            .list(ETH, 2)
            .limit(BTC, "alice", "b1", Side.BUY, 9_990, 5)
            .limit(BTC, "alice", "b2", Side.BUY, 9_980, 5)
            .limit(BTC, "bob", "a1", Side.SELL, 10_010, 4)
            .limit(BTC, "bob", "a2", Side.SELL, 10_020, 6)
            .limit(BTC, "carol", "a3", Side.SELL, 10_030, 2)
            .limit(ETH, "dave", "e1", Side.SELL, 2_000, 3)
            .limit(BTC, "erin", "t1", Side.BUY, 10_020, 10)
            .limit(BTC, "frank", "t2", Side.SELL, 9_990, 2)
            .cancel(BTC, "alice", "b1")
            .cancelByClientOrderId(BTC, "alice", "c-b2")
            .cancelAll(BTC, "carol");
    int emptied = script.size();
    script
        .limit(BTC, "alice", "p1", "c-b1", Side.BUY, 10_030, 1)
        .limit(BTC, "alice", "p2", "c-b2", Side.SELL, 10_040, 1)
        .cancel(BTC, "bob", "a2");
    List<RawRecord> all = script.records();
    List<RawRecord> probes = all.subList(emptied, all.size());
    List<String> gone = List.of("b1", "b2", "a1", "a2", "a3", "t1", "t2");

    List<OutRecord> probedLive;
    List<OutRecord> probedRestored;
    try (Operator live = new Operator(1, null)) {
      List<OutRecord> run = live.send(all.subList(0, emptied));
      assertThat(decoded(run, TOPICS.trades(), Trade.class)).hasSize(3);
      assertEmptyBookState(live, gone);
      OperatorSubtaskState snapshot = live.snapshot();
      probedLive = live.send(probes);

      try (Operator restored = new Operator(1, snapshot)) {
        assertEmptyBookState(restored, gone);
        probedRestored = restored.send(probes);
      }
    }

    assertThat(sequence(probedRestored)).isEqualTo(sequence(probedLive));
    assertThat(decoded(probedLive, TOPICS.trades(), Trade.class)).isEmpty();
    assertThat(decoded(probedLive, TOPICS.orderEvents(), OrderEvent.class))
        .extracting(e -> e.getOrderId() + " " + e.getStatus())
        .containsExactly("p1 NEW", "p2 NEW");
    assertThat(decoded(probedLive, TOPICS.dlq(), DeadLetter.class)).isEmpty();
    assertThat(decoded(probedLive, TOPICS.commandRejections(), CommandRejection.class))
        .extracting(
            CommandRejection::getAccount,
            CommandRejection::getOrderId,
            CommandRejection::getReasonCode)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", "a2", "UNKNOWN_ORDER"));
    assertThat(probedLive)
        .filteredOn(r -> r.topic.equals(TOPICS.commandRejections()))
        .extracting(r -> new String(r.key, java.nio.charset.StandardCharsets.UTF_8))
        .containsExactly(BTC);
    List<BookSnapshot> snapshots = decoded(probedLive, TOPICS.bookSnapshots(), BookSnapshot.class);
    BookSnapshot last = snapshots.get(snapshots.size() - 1);
    assertThat(last.getBids())
        .extracting(l -> l.getQuantity() + "@" + l.getPrice())
        .containsExactly("1@10030");
    assertThat(last.getAsks())
        .extracting(l -> l.getQuantity() + "@" + l.getPrice())
        .containsExactly("1@10040");
  }

  /**
   * BTCUSDT went back to empty: no open order in keyed state (ETHUSDT still has one, so the check
   * can see one), no derived data in state, and the book loaded from state knows no order, client
   * order id, open-order count or level.
   */
  private static void assertEmptyBookState(Operator operator, List<String> orderIds) {
    assertThat(operator.keysWithState("bids")).isEmpty();
    assertThat(operator.keysWithState("asks")).containsExactly(ETH);
    assertThat(operator.keysWithState("engine")).containsExactlyInAnyOrder(BTC, ETH);
    for (String retired : RETIRED_STATES) {
      assertThat(operator.keysWithState(retired)).as(retired).isEmpty();
    }
    InMemoryBookStorage book = operator.bookInState(BTC);
    for (Side side : Side.values()) {
      assertThat(book.restingInPriority(side)).as("%s orders", side).isExhausted();
      assertThat(book.levelsInPriority(side)).as("%s levels", side).isExhausted();
    }
    for (String orderId : orderIds) {
      assertThat(book.resting(orderId)).as(orderId).isNull();
    }
    for (String account : List.of("alice", "bob", "carol", "erin", "frank")) {
      assertThat(book.openOrders(account)).as(account).isZero();
    }
    assertThat(operator.bookInState(ETH).levelsInPriority(Side.SELL))
        .toIterable()
        .extracting(l -> l.quantity() + "@" + l.price())
        .containsExactly("3@2000");
  }

  /** The function in a keyed harness on the heap state backend, opened, optionally restored. */
  private static final class Operator implements AutoCloseable {

    private final MatchingFunction function;
    private final KeyedProcessOperator<String, RawRecord, OutRecord> operator;
    private final KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> harness;
    private long checkpoint;

    Operator(int snapshotInterval, OperatorSubtaskState restoreFrom) throws Exception {
      function = new MatchingFunction(TOPICS, snapshotInterval, true);
      operator = new KeyedProcessOperator<>(function);
      harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, e -> e.symbol, Types.STRING);
      if (restoreFrom != null) {
        harness.initializeState(restoreFrom);
      }
      harness.open();
    }

    /** Processes the records and returns what they emitted. */
    List<OutRecord> send(List<RawRecord> records) throws Exception {
      harness.getOutput().clear();
      for (RawRecord r : records) {
        harness.processElement(r, r.timestamp);
      }
      return harness.extractOutputValues();
    }

    OperatorSubtaskState snapshot() throws Exception {
      checkpoint++;
      return harness.snapshot(checkpoint, checkpoint);
    }

    /** Opens the function again on the same keyed state: every book reloads on its next command. */
    void dropCache() {
      function.open(DefaultOpenContext.INSTANCE);
    }

    /** The symbol's book as loaded from keyed state (what a new instance would start from). */
    InMemoryBookStorage bookInState(String symbol) {
      operator.setCurrentKey(symbol);
      return new FlinkBookState(function.getRuntimeContext()).load();
    }

    /** The symbols that have an entry in the named state. */
    Set<String> keysWithState(String state) {
      try (var keys =
          operator.<String>getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
        return keys.collect(Collectors.toSet());
      }
    }

    /** Sets the account of an order resting in keyed state to null, behind the cache's back. */
    void corruptAccountInState(String symbol, Side side, String orderId) throws Exception {
      operator.setCurrentKey(symbol);
      MapState<Tuple2<Long, Long>, OrderState> orders =
          function
              .getRuntimeContext()
              .getMapState(
                  new MapStateDescriptor<>(
                      side == Side.BUY ? "bids" : "asks",
                      TypeInformation.of(new TypeHint<Tuple2<Long, Long>>() {}),
                      Types.POJO(OrderState.class)));
      Tuple2<Long, Long> key = null;
      OrderState order = null;
      for (Map.Entry<Tuple2<Long, Long>, OrderState> e : orders.entries()) {
        if (e.getValue().orderId.equals(orderId)) {
          key = e.getKey();
          order = e.getValue();
        }
      }
      assertThat(order).as(orderId).isNotNull();
      order.account = null;
      orders.put(key, order);
    }

    @Override
    public void close() throws Exception {
      harness.close();
    }
  }

  /** Commands for a scripted scenario, one millisecond apart, built with {@link CommandLog}. */
  private static final class Script {

    private final List<KafkaIo.Entry> entries = new ArrayList<>();
    private long time = CommandLog.START;
    private long accountSequence;
    private long symbolSequence;

    /** The next command carries this accountSequence (as the accounts job forwards it). */
    Script sequence(long next) {
      accountSequence = next;
      return this;
    }

    /** The next command carries this symbolSequence (and accountSequence). */
    Script numbered(long next) {
      return numbered(next, next);
    }

    /** The next command carries these two sequences. */
    Script numbered(long nextSymbolSequence, long nextAccountSequence) {
      symbolSequence = nextSymbolSequence;
      accountSequence = nextAccountSequence;
      return this;
    }

    /** Sends the command at {@code index} again, byte for byte (an at-least-once repeat). */
    Script repeat(int index) {
      entries.add(entries.get(index));
      return this;
    }

    Script listWithFees(String symbol, int makerFeeBps, int takerFeeBps) {
      return add(
          symbol,
          "admin",
          new ListInstrument(
              symbol.substring(0, 3),
              "USDT",
              2,
              4,
              new InstrumentFilters(1L, 1L, 1L, 10_000_000L, 100L, 5, 0, 0, 0, 0),
              8,
              8,
              makerFeeBps,
              takerFeeBps));
    }

    Script updateFees(String symbol, Integer makerFeeBps, Integer takerFeeBps) {
      return add(
          symbol,
          "admin",
          new UpdateInstrument(
              new InstrumentFilters(1L, 1L, 1L, 10_000_000L, 100L, 5, 0, 0, 0, 0),
              makerFeeBps,
              takerFeeBps));
    }

    Script halt(String symbol) {
      return add(symbol, "admin", new HaltInstrument(null));
    }

    int size() {
      return entries.size();
    }

    Script list(String symbol, int maxOpenOrders) {
      return add(
          symbol,
          "admin",
          new ListInstrument(
              symbol.substring(0, 3),
              "USDT",
              2,
              4,
              new InstrumentFilters(1L, 1L, 1L, 10_000_000L, 100L, maxOpenOrders, 0, 0, 0, 0),
              0,
              0,
              0,
              0));
    }

    Script limit(String symbol, String account, String orderId, Side side, long price, long qty) {
      return limit(symbol, account, orderId, "c-" + orderId, side, price, qty);
    }

    Script limit(
        String symbol,
        String account,
        String orderId,
        String clientOrderId,
        Side side,
        long price,
        long quantity) {
      return add(
          symbol,
          account,
          new NewOrder(
              orderId,
              clientOrderId,
              side,
              OrderType.LIMIT,
              TimeInForce.GTC,
              price,
              quantity,
              null,
              2,
              4,
              SelfTradePrevention.NONE,
              null,
              null));
    }

    Script cancel(String symbol, String account, String orderId) {
      return add(symbol, account, new CancelOrder(orderId, null));
    }

    Script cancelByClientOrderId(String symbol, String account, String clientOrderId) {
      return add(symbol, account, new CancelOrder(null, clientOrderId));
    }

    Script cancelAll(String symbol, String account) {
      return add(symbol, account, new CancelAllOrders());
    }

    private Script add(String symbol, String account, Object payload) {
      time++;
      OrderCommand command =
          OrderCommand.newBuilder(CommandLog.command(symbol, account, time, payload))
              .setAccountSequence(accountSequence)
              .setSymbolSequence(symbolSequence)
              .build();
      accountSequence = 0;
      symbolSequence = 0;
      entries.add(CommandLog.entry(command, time));
      return this;
    }

    List<RawRecord> records() {
      return MatchingFunctionTest.records(entries);
    }
  }

  @Test
  void aCommandAtOrBelowTheLastAppliedAccountSequenceIsDroppedWithoutAnyOutput() throws Exception {
    Script script =
        new Script()
            .list(BTC, 100)
            .list(ETH, 100)
            .sequence(1)
            .limit(BTC, "alice", "b1", Side.BUY, 9_990, 5)
            .sequence(2)
            .limit(BTC, "alice", "b2", Side.BUY, 9_980, 5);
    int applied = script.size();
    script
        .repeat(2)
        .sequence(2)
        .limit(BTC, "alice", "b3", Side.BUY, 9_970, 5)
        .sequence(1)
        .cancel(BTC, "alice", "b1");
    int repeats = script.size();
    script
        .sequence(1)
        .limit(BTC, "bob", "a1", Side.SELL, 10_010, 1)
        .sequence(1)
        .limit(ETH, "alice", "e1", Side.BUY, 2_000, 1)
        .sequence(3)
        .limit(BTC, "alice", "b4", Side.BUY, 9_960, 1)
        .halt(BTC);
    List<RawRecord> all = script.records();

    try (Operator live = new Operator(SNAPSHOT_INTERVAL, null)) {
      live.send(all.subList(0, applied));
      assertThat(live.send(all.subList(applied, repeats))).isEmpty();
      OperatorSubtaskState snapshot = live.snapshot();
      live.dropCache();
      assertThat(live.send(all.subList(2, 4))).as("after reloading from state").isEmpty();

      try (Operator restored = new Operator(SNAPSHOT_INTERVAL, snapshot)) {
        assertThat(restored.send(all.subList(applied, repeats))).as("after a restore").isEmpty();
        List<OutRecord> later = restored.send(all.subList(repeats, all.size()));
        assertThat(decoded(later, TOPICS.orderEvents(), OrderEvent.class))
            .extracting(e -> e.getOrderId() + " " + e.getStatus())
            .as("other accounts, other symbols and higher sequences are applied")
            .containsExactly("a1 NEW", "e1 NEW", "b4 NEW");
        assertThat(decoded(later, TOPICS.instruments(), Instrument.class))
            .extracting(Instrument::getStatus)
            .as("instrument commands carry no sequence and are always applied")
            .containsExactly(InstrumentStatus.HALTED);
        assertThat(restored.bookInState(BTC).restingInPriority(Side.BUY))
            .toIterable()
            .extracting(o -> o.orderId)
            .containsExactly("b1", "b2", "b4");
      }
    }
    List<OutRecord> clean = new ArrayList<>();
    try (Operator one = new Operator(SNAPSHOT_INTERVAL, null)) {
      clean.addAll(one.send(all));
    }
    assertThat(
            Expected.differences(
                Expected.grouped(clean),
                new Expected(TOPICS, SNAPSHOT_INTERVAL).apply(all).outputs()))
        .isEmpty();
  }

  /**
   * The accounts job's output can put an account's commands out of order when a failed batch is
   * written again after later ones (docs/accounts.md, "Ordering"): by their symbolSequence, early
   * ones wait in state, across a restore, until the missing one comes; repeats are dropped.
   */
  @Test
  void aCommandThatArrivesBeforeTheAccountsEarlierOnesWaitsForThemAndRepeatsAreDropped()
      throws Exception {
    Script script =
        new Script()
            .list(BTC, 100)
            .numbered(2)
            .limit(BTC, "alice", "b2", Side.BUY, 9_980, 5)
            .numbered(3)
            .limit(BTC, "alice", "b3", Side.BUY, 9_970, 5)
            .numbered(1)
            .limit(BTC, "bob", "a1", Side.SELL, 10_010, 1);
    int early = script.size();
    script.numbered(1).limit(BTC, "alice", "b1", Side.BUY, 9_990, 5).repeat(1).repeat(4);
    List<RawRecord> all = script.records();

    List<OutRecord> emitted = new ArrayList<>();
    try (Operator live = new Operator(SNAPSHOT_INTERVAL, null)) {
      List<OutRecord> before = live.send(all.subList(0, early));
      emitted.addAll(before);
      assertThat(decoded(before, TOPICS.orderEvents(), OrderEvent.class))
          .extracting(e -> e.getOrderId() + " " + e.getStatus())
          .as("alice's 2 and 3 wait for her 1; bob's 1 is his first")
          .containsExactly("a1 NEW");
      OperatorSubtaskState snapshot = live.snapshot();

      try (Operator restored = new Operator(SNAPSHOT_INTERVAL, snapshot)) {
        List<OutRecord> after = restored.send(all.subList(early, all.size()));
        emitted.addAll(after);
        assertThat(decoded(after, TOPICS.orderEvents(), OrderEvent.class))
            .extracting(e -> e.getOrderId() + " " + e.getStatus())
            .as("the missing one, then the parked ones in order; repeats dropped")
            .containsExactly("b1 NEW", "b2 NEW", "b3 NEW");
        assertThat(restored.bookInState(BTC).restingInPriority(Side.BUY))
            .toIterable()
            .extracting(o -> o.orderId)
            .containsExactly("b1", "b2", "b3");
      }
    }
    assertThat(
            Expected.differences(
                Expected.grouped(emitted),
                new Expected(TOPICS, SNAPSHOT_INTERVAL).apply(all).outputs()))
        .as("the same as a clean run without Flink")
        .isEmpty();
  }

  /**
   * The upgrade that numbered commands per symbol: the accounts job, restored from before it had
   * forwarded a command unnumbered, forwards it again numbered. Its accountSequence shows it
   * applied; it counts as consumed, so the next numbered command applies.
   */
  @Test
  void aNumberedCommandAlreadyAppliedUnnumberedIsDroppedAndCountsAsConsumed() throws Exception {
    Script script =
        new Script()
            .list(BTC, 100)
            .sequence(7)
            .limit(BTC, "alice", "a1", Side.SELL, 10_000, 5)
            .limit(BTC, "bob", "x1", Side.BUY, 10_000, 5)
            .numbered(1, 7)
            .limit(BTC, "alice", "a1", Side.SELL, 10_000, 5)
            .numbered(2, 8)
            .limit(BTC, "alice", "a2", Side.SELL, 10_010, 1);
    try (Operator live = new Operator(SNAPSHOT_INTERVAL, null)) {
      assertThat(decoded(live.send(script.records()), TOPICS.orderEvents(), OrderEvent.class))
          .filteredOn(e -> e.getAccount().equals("alice"))
          .extracting(e -> e.getOrderId() + " " + e.getStatus())
          .as("a1, filled, is not placed again by its numbered repeat")
          .containsExactly("a1 NEW", "a1 FILLED", "a2 NEW");
      assertThat(live.bookInState(BTC).restingInPriority(Side.SELL))
          .toIterable()
          .extracting(o -> o.orderId)
          .containsExactly("a2");
    }
  }

  /** A command that failed is not recorded as applied: its repeat is applied again. */
  @Test
  void theSequenceOfAFailedCommandIsNotRecorded() throws Exception {
    Script script =
        new Script()
            .list(BTC, 100)
            .sequence(1)
            .limit(BTC, "carol", "a1", Side.SELL, 10_010, 4)
            .sequence(1)
            .limit(BTC, "erin", "t1", Side.BUY, 10_020, 10);
    int failing = script.size() - 1;
    script.repeat(failing);
    List<RawRecord> all = script.records();

    try (Operator live = new Operator(SNAPSHOT_INTERVAL, null)) {
      live.send(all.subList(0, failing));
      live.corruptAccountInState(BTC, Side.SELL, "a1");
      live.dropCache();

      assertThat(live.send(all.subList(failing, failing + 1)))
          .extracting(r -> r.topic)
          .containsExactly(TOPICS.dlq());
      assertThat(live.send(all.subList(failing + 1, failing + 2)))
          .extracting(r -> r.topic)
          .as("the repeat is applied (and fails) again, not dropped")
          .containsExactly(TOPICS.dlq());
    }
  }

  @Test
  void everyOrderEventIsAlsoWrittenKeyedByAccountAsTheAccountsSettlement() throws Exception {
    Script script =
        new Script()
            .listWithFees(BTC, 10, 20)
            .sequence(1)
            .limit(BTC, "alice", "a1", Side.SELL, 10_000, 3)
            .sequence(1)
            .limit(BTC, "bob", "b1", Side.BUY, 10_000, 5)
            .sequence(2)
            .cancel(BTC, "bob", "b1");

    List<OutRecord> out;
    try (Operator operator = new Operator(SNAPSHOT_INTERVAL, null)) {
      out = operator.send(script.records());
    }

    List<OrderEvent> events = decoded(out, TOPICS.orderEvents(), OrderEvent.class);
    List<OutRecord> copies =
        out.stream().filter(r -> r.topic.equals(TOPICS.accountCommands())).toList();
    assertThat(events).hasSize(5);
    assertThat(copies).hasSameSizeAs(events);
    for (int i = 0; i < events.size(); i++) {
      OrderEvent event = events.get(i);
      OutRecord copy = copies.get(i);
      assertThat(new String(copy.key, StandardCharsets.UTF_8)).isEqualTo(event.getAccount());
      AccountCommand command = EventSerde.decode(copy.value, AccountCommand.class);
      assertThat(command.getAccount()).isEqualTo(event.getAccount());
      assertThat(command.getPayload()).isEqualTo(event);
    }
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).topic.equals(TOPICS.orderEvents())) {
        assertThat(out.get(i + 1).topic)
            .as("the copy follows its event")
            .isEqualTo(TOPICS.accountCommands());
      }
    }
    // The fees travel with the copy: b1 takes 0.0003 BTC = 30000 at scale 8 (taker, 20 bps: 60),
    // a1 receives 0.03 USDT = 3000000 at scale 8 (maker, 10 bps: 3000).
    assertThat(
            copies.stream()
                .map(
                    r -> (OrderEvent) EventSerde.decode(r.value, AccountCommand.class).getPayload())
                .filter(e -> e.getExecutionType() == ExecutionType.TRADE))
        .extracting(e -> e.getAccount() + " " + e.getCommission() + " " + e.getCommissionAsset())
        .containsExactly("bob 60 BTC", "alice 3000 USDT");
  }

  @Test
  void feeRatesAndAssetScalesSurviveASnapshotAndAnUpdate() throws Exception {
    Script script =
        new Script()
            .listWithFees(BTC, 10, 20)
            .limit(BTC, "alice", "a1", Side.SELL, 10_000, 6)
            .limit(BTC, "bob", "b1", Side.BUY, 10_000, 3);
    int split = script.size();
    script.updateFees(BTC, null, 50).limit(BTC, "carol", "b2", Side.BUY, 10_000, 3);
    List<RawRecord> all = script.records();

    OperatorSubtaskState snapshot;
    try (Operator first = new Operator(SNAPSHOT_INTERVAL, null)) {
      first.send(all.subList(0, split));
      snapshot = first.snapshot();
    }
    List<OutRecord> after;
    try (Operator restored = new Operator(SNAPSHOT_INTERVAL, snapshot)) {
      after = restored.send(all.subList(split, all.size()));
    }

    // b2 takes 0.0003 BTC = 30000 at scale 8 at the new taker rate (50 bps: 150); a1 keeps the
    // maker rate (10 bps) on 0.03 USDT = 3000000 at scale 8: 3000.
    assertThat(decoded(after, TOPICS.orderEvents(), OrderEvent.class))
        .filteredOn(e -> e.getExecutionType() == ExecutionType.TRADE)
        .extracting(
            e ->
                e.getOrderId()
                    + " "
                    + e.getCommission()
                    + " "
                    + e.getCommissionAsset()
                    + "@"
                    + e.getCommissionScale())
        .containsExactly("b2 150 BTC@8", "a1 3000 USDT@8");
    assertThat(decoded(after, TOPICS.instruments(), Instrument.class))
        .extracting(
            i -> i.getMakerFeeBps() + "/" + i.getTakerFeeBps() + " " + i.getBaseAssetScale())
        .containsExactly("10/50 8");
  }

  /** Records as the source delivers them: partition 0, consecutive offsets. */
  private static List<RawRecord> records(List<KafkaIo.Entry> entries) {
    List<RawRecord> records = new ArrayList<>();
    long offset = 0;
    for (KafkaIo.Entry e : entries) {
      records.add(new RawRecord(e.key(), e.value(), TOPICS.orders(), 0, offset++, e.timestamp()));
    }
    return records;
  }

  /** Every output in emission order as topic, key and value bytes. */
  private static List<String> sequence(List<OutRecord> outputs) {
    return outputs.stream()
        .map(
            r ->
                r.topic
                    + "/"
                    + new String(r.key, StandardCharsets.UTF_8)
                    + " "
                    + HexFormat.of().formatHex(r.value)
                    + " "
                    + r.timestamp)
        .toList();
  }

  private static <T extends SpecificRecord> List<T> decoded(
      List<OutRecord> outputs, String topic, Class<T> type) {
    List<T> list = new ArrayList<>();
    for (OutRecord r : outputs) {
      if (r.topic.equals(topic)) {
        list.add(EventSerde.decode(r.value, type));
      }
    }
    return list;
  }
}
