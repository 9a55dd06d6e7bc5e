package dev.exchange.jobs.accounts;

import static dev.exchange.accounts.core.Accounts.deposit;
import static dev.exchange.accounts.core.Accounts.filled;
import static dev.exchange.accounts.core.Accounts.limit;
import static dev.exchange.accounts.core.Accounts.request;
import static dev.exchange.jobs.accounts.AccountLog.raw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.KeyedHarness;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AccountsFunction} in an operator test harness over RocksDB keyed state, as the job runs
 * it: what it forwards and writes, and that a function restored from a snapshot re-emits exactly
 * what it emitted after that snapshot (the at-least-once replay readers deduplicate).
 */
class AccountsFunctionTest {

  private static final TopicNames TOPICS = TopicNames.standard();

  private final List<KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord>> opened =
      new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (var h : opened) {
      h.close();
    }
  }

  @Test
  void aFundedOrderIsHeldAndForwardedKeyedBySymbolAndItsFillSettled() throws Exception {
    var h = open(null);
    NewOrder buy = limit("o1", Side.BUY, 6_400_000, 1_000);
    send(
        h,
        List.of(
            deposit("alice", "d1", "USDT", 1000_00000000L),
            request("alice", buy),
            filled("alice", 1, 1, buy)));

    List<OutRecord> out = h.extractOutputValues();
    List<OutRecord> orders = out.stream().filter(r -> r.topic.equals(TOPICS.orders())).toList();
    assertThat(orders).hasSize(1);
    assertThat(new String(orders.get(0).key, StandardCharsets.UTF_8)).isEqualTo("BTCUSDT");
    OrderCommand forwarded = EventSerde.decode(orders.get(0).value, OrderCommand.class);
    assertThat(forwarded.getAccountSequence()).isEqualTo(1);
    assertThat(orders.get(0).timestamp).isEqualTo(10_001L);

    List<BalanceEvent> ledger = ledger(out);
    assertThat(ledger)
        .extracting(BalanceEvent::getSequence, BalanceEvent::getKind, BalanceEvent::getAsset)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, LedgerEntryKind.DEPOSIT, "USDT"),
            org.assertj.core.groups.Tuple.tuple(2L, LedgerEntryKind.HOLD, "USDT"),
            org.assertj.core.groups.Tuple.tuple(3L, LedgerEntryKind.TRADE, "USDT"),
            org.assertj.core.groups.Tuple.tuple(4L, LedgerEntryKind.TRADE, "BTC"));
    BalanceEvent usdt = ledger.get(2);
    assertThat(new long[] {usdt.getFree(), usdt.getLocked()}).containsExactly(360_00000000L, 0L);
    assertThat(out)
        .filteredOn(r -> r.topic.equals(TOPICS.balances()))
        .allSatisfy(r -> assertThat(new String(r.key, StandardCharsets.UTF_8)).isEqualTo("alice"));
  }

  @Test
  void aRecordUnderAnotherAccountsKeyIsADeadLetterAndChangesNothing() throws Exception {
    var h = open(null);
    AccountCommand bobs = deposit("bob", "d1", "USDT", 100);
    RawRecord underAlice = raw(bobs, 0);
    underAlice.symbol = "alice";
    h.processElement(underAlice, 0);
    send(h, List.of(deposit("alice", "d1", "USDT", 100)));

    List<OutRecord> out = h.extractOutputValues();
    assertThat(out.get(0).topic).isEqualTo(TOPICS.dlq());
    assertThat(EventSerde.decode(out.get(0).value, DeadLetter.class).getReason())
        .isEqualTo("command of bob under key 'alice'");
    assertThat(ledger(out)).extracting(BalanceEvent::getSequence).containsExactly(1L);
  }

  @Test
  void aFillThatPaysMoreThanTheHoldIsADeadLetterAndLeavesTheAccountExactlyAsItWas()
      throws Exception {
    var h = open(null);
    NewOrder buy = limit("o1", Side.BUY, 6_400_000, 1_000);
    NewOrder twice = limit("o1", Side.BUY, 6_400_000, 2_000);
    send(
        h,
        List.of(
            deposit("alice", "d1", "USDT", 1000_00000000L),
            request("alice", buy),
            filled("alice", 1, 1, twice),
            filled("alice", 1, 1, buy)));

    List<OutRecord> out = h.extractOutputValues();
    assertThat(out).filteredOn(r -> r.topic.equals(TOPICS.dlq())).hasSize(1);
    // Nothing of the refused fill was kept, not even its (symbol, sequence): the right report
    // with the same sequence settles the order from the balances as they were.
    assertThat(ledger(out))
        .extracting(BalanceEvent::getSequence, BalanceEvent::getKind, BalanceEvent::getLocked)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, LedgerEntryKind.DEPOSIT, 0L),
            org.assertj.core.groups.Tuple.tuple(2L, LedgerEntryKind.HOLD, 640_00000000L),
            org.assertj.core.groups.Tuple.tuple(3L, LedgerEntryKind.TRADE, 0L),
            org.assertj.core.groups.Tuple.tuple(4L, LedgerEntryKind.TRADE, 0L));
  }

  @Test
  void aFunctionRestoredFromASnapshotReEmitsIdenticalRecords() throws Exception {
    List<AccountCommand> log = new ArrayList<>();
    for (String account : List.of("alice", "bob", "carol")) {
      log.add(deposit(account, "d1", "USDT", 10_000_00000000L));
      log.add(deposit(account, "d2", "BTC", 1_00000000L));
    }
    for (int i = 0; i < 30; i++) {
      String account = List.of("alice", "bob", "carol").get(i % 3);
      NewOrder order = limit("o" + i, i % 2 == 0 ? Side.BUY : Side.SELL, 6_400_000 + i, 100 + i);
      log.add(request(account, order));
      if (i % 4 == 0) {
        log.add(filled(account, i + 1, i + 1, order));
      }
    }
    int cut = log.size() / 2;

    var first = open(null);
    send(first, log.subList(0, cut));
    OperatorSubtaskState snapshot = first.snapshot(1, 1);
    int before = first.extractOutputValues().size();
    send(first, log.subList(cut, log.size()), cut);
    List<String> afterSnapshot =
        hex(first.extractOutputValues().subList(before, first.extractOutputValues().size()));

    var restored = open(snapshot);
    send(restored, log.subList(cut, log.size()), cut);

    assertThat(hex(restored.extractOutputValues())).isEqualTo(afterSnapshot);
    assertThat(afterSnapshot).hasSizeGreaterThan(20);
  }

  /**
   * A client's retry under the clientOrderId of an order that was accepted, filled and is no longer
   * open is rejected, also by a function restored from a snapshot taken in between.
   */
  @Test
  void aRetryUnderAnAcceptedClientOrderIdIsRejectedAcrossARestore() throws Exception {
    NewOrder first = limit("o1", Side.BUY, 6_400_000, 1_000);
    first.setClientOrderId("bot-1");
    NewOrder retry = limit("o2", Side.BUY, 6_400_000, 1_000);
    retry.setClientOrderId("bot-1");
    var h = open(null);
    send(
        h,
        List.of(
            deposit("alice", "d1", "USDT", 2000_00000000L),
            request("alice", first),
            filled("alice", 1, 1, first)));
    var restored = open(h.snapshot(1, 1));
    send(restored, List.of(request("alice", retry)), 3);

    assertThat(restored.extractOutputValues())
        .filteredOn(r -> r.topic.equals(TOPICS.orders()))
        .extracting(r -> ((NewOrder) EventSerde.decode(r.value, OrderCommand.class).getPayload()))
        .extracting(NewOrder::getOrderId, NewOrder::getRejectReason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("o2", "DUPLICATE_CLIENT_ORDER_ID"));
    assertThat(ledger(restored.extractOutputValues())).isEmpty();
  }

  /**
   * Started without state, the function refuses to run unless an empty start is allowed (it would
   * rebuild balances from whatever part of the log is retained); restored, it runs on.
   */
  @Test
  void withoutStateToRestoreTheFunctionRefusesToStartUnlessAllowed() throws Exception {
    var empty = harness(false);
    org.assertj.core.api.Assertions.assertThatThrownBy(empty::open)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the accounts job has no state to start from")
        .hasMessageContaining("--allow-empty-start true");
    empty.close();

    var first = open(null);
    send(first, List.of(deposit("alice", "d1", "USDT", 100)));
    OperatorSubtaskState snapshot = first.snapshot(1, 1);
    var restored = harness(false);
    opened.add(restored);
    restored.initializeState(snapshot);
    restored.open();
    send(restored, List.of(deposit("alice", "d2", "USDT", 100)), 1);
    assertThat(ledger(restored.extractOutputValues()))
        .extracting(BalanceEvent::getSequence, BalanceEvent::getFree)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 200L));
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> harness(
      boolean allowEmptyStart) throws Exception {
    return KeyedHarness.overRocksDb(new AccountsFunction(TOPICS, allowEmptyStart));
  }

  private KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> open(
      OperatorSubtaskState snapshot) throws Exception {
    var h = harness(true);
    opened.add(h);
    if (snapshot != null) {
      h.initializeState(snapshot);
    }
    h.open();
    return h;
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> h,
      List<AccountCommand> commands)
      throws Exception {
    send(h, commands, 0);
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> h,
      List<AccountCommand> commands,
      long firstOffset)
      throws Exception {
    long offset = firstOffset;
    for (AccountCommand c : commands) {
      RawRecord r = raw(c, offset++);
      h.processElement(r, r.timestamp);
    }
  }

  private static List<BalanceEvent> ledger(List<OutRecord> out) {
    return out.stream()
        .filter(r -> r.topic.equals(TOPICS.balances()))
        .map(r -> EventSerde.decode(r.value, BalanceEvent.class))
        .toList();
  }

  private static List<String> hex(List<OutRecord> records) {
    return records.stream()
        .map(
            r ->
                r.topic
                    + "/"
                    + new String(r.key, StandardCharsets.UTF_8)
                    + "@"
                    + r.timestamp
                    + ":"
                    + HexFormat.of().formatHex(r.value))
        .toList();
  }
}
