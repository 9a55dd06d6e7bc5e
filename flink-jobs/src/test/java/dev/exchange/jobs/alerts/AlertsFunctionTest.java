package dev.exchange.jobs.alerts;

import static dev.exchange.jobs.alerts.AlertLog.MINUTE;
import static dev.exchange.jobs.alerts.AlertLog.START;
import static dev.exchange.jobs.alerts.AlertLog.change;
import static dev.exchange.jobs.alerts.AlertLog.command;
import static dev.exchange.jobs.alerts.AlertLog.fill;
import static dev.exchange.jobs.alerts.AlertLog.fills;
import static dev.exchange.jobs.alerts.AlertLog.price;
import static dev.exchange.jobs.alerts.AlertLog.trade;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.AlertAction;
import dev.exchange.model.avro.AlertDefinition;
import dev.exchange.model.avro.AlertFired;
import dev.exchange.model.avro.AlertKind;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AlertsFunction} in an operator test harness over RocksDB, keyed as the job keys it ({@link
 * AlertKeys}): crossings, hysteresis, the percent-change window, fills, pause and resume, replays
 * and the state an alert leaves behind when it is deleted.
 */
class AlertsFunctionTest {

  private static final TopicNames TOPICS = TopicNames.standard();

  private KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> harness;
  private long offset;

  @BeforeEach
  void open() throws Exception {
    harness = harness(null);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void aPriceAlertFiresOncePerCrossingAndReArmsOnlyBeyondTheHysteresis() throws Exception {
    send(command(AlertAction.CREATE, price("a1", "alice", AlertKind.PRICE_ABOVE, 10_000, 100)));
    long t = START;
    send(trade(1, 9_900, t)); // below: armed
    send(trade(2, 10_000, t + 1)); // at the level: fires
    send(trade(3, 10_050, t + 2)); // still above: quiet
    send(trade(4, 9_950, t + 3)); // back under, inside the 1 % band (99.00): not re-armed
    send(trade(5, 10_010, t + 4)); // above again: quiet
    send(trade(6, 9_899, t + 5)); // below 99.00: re-armed
    send(trade(7, 10_200, t + 6)); // crosses: fires again

    assertThat(fired())
        .extracting(AlertFired::getFiring, AlertFired::getTradeId, AlertFired::getPrice)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 2L, 10_000L),
            org.assertj.core.groups.Tuple.tuple(2L, 7L, 10_200L));
    assertThat(fired()).allMatch(f -> f.getAccount().equals("alice") && f.getLevel() == 10_000L);
  }

  @Test
  void eachFiringCarriesItsAlertsWebhookAndEmail() throws Exception {
    AlertDefinition withTargets = price("w1", "alice", AlertKind.PRICE_ABOVE, 10_000, 0);
    withTargets.setWebhookUrl("https://hooks.example.com/a");
    withTargets.setEmail("alice@example.com");
    send(command(AlertAction.CREATE, withTargets));
    send(command(AlertAction.CREATE, price("w2", "bob", AlertKind.PRICE_ABOVE, 10_000, 0)));
    send(trade(1, 9_900, START));
    send(trade(2, 10_000, START + 1));

    assertThat(fired())
        .extracting(AlertFired::getAlertId, AlertFired::getWebhookUrl, AlertFired::getEmail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "w1", "https://hooks.example.com/a", "alice@example.com"),
            org.assertj.core.groups.Tuple.tuple("w2", null, null));
  }

  @Test
  void aBelowAlertCreatedWhileThePriceIsAlreadyBelowWaitsForTheNextCrossing() throws Exception {
    send(trade(1, 9_000, START));
    send(command(AlertAction.CREATE, price("b1", "bob", AlertKind.PRICE_BELOW, 10_000, 0)));
    send(trade(2, 9_500, START + 1));
    assertThat(fired()).isEmpty();
    send(trade(3, 10_001, START + 2)); // above the level: armed (no band)
    send(trade(4, 10_000, START + 3)); // at the level: fires
    assertThat(fired()).extracting(AlertFired::getTradeId).containsExactly(4L);
  }

  @Test
  void aPercentChangeAlertComparesWithThePriceAWindowAgo() throws Exception {
    send(command(AlertAction.CREATE, change("p5", "alice", 500, 5)));
    send(command(AlertAction.CREATE, change("p60", "alice", 500, 60)));
    send(trade(1, 10_000, START));
    send(trade(2, 20_000, START + 4 * MINUTE)); // +100 % but no price 5 minutes back yet
    assertThat(fired()).isEmpty();
    send(trade(3, 10_400, START + 5 * MINUTE)); // +4 % against 100.00
    assertThat(fired()).isEmpty();
    send(trade(4, 10_500, START + 5 * MINUTE + 1_000)); // +5 %: fires, the 1h alert has no base
    send(trade(5, 10_600, START + 5 * MINUTE + 2_000)); // still beyond: quiet
    assertThat(fired())
        .extracting(
            AlertFired::getAlertId,
            AlertFired::getReferencePrice,
            AlertFired::getChangeBps,
            AlertFired::getWindowMinutes)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("p5", 10_000L, 500L, 5));
    harness.getOutput().clear();
    // Ten minutes on, the base is the close at minute 5 (106.00): -5.66 % fires again only after
    // the change fell under the threshold, which the price at minute 9 (+0.94 %) did.
    send(trade(6, 10_700, START + 10 * MINUTE)); // vs minute 5's 106.00: +0.94 %, re-arms
    send(trade(7, 10_000, START + 11 * MINUTE)); // vs 106.00: -5.66 %: fires
    assertThat(fired())
        .extracting(AlertFired::getFiring, AlertFired::getChangeBps)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, -566L));
  }

  @Test
  void aFillAlertFiresOnItsAccountsFillsOnlyAndOnPartialFillsWhenAsked() throws Exception {
    send(command(AlertAction.CREATE, fills("f1", "alice", false)));
    send(command(AlertAction.CREATE, fills("f2", "alice", true)));
    send(fill(1, "alice", OrderStatus.PARTIALLY_FILLED, 5));
    send(fill(2, "bob", OrderStatus.FILLED, 10));
    send(fill(3, "alice", OrderStatus.FILLED, 10));
    send(fill(3, "alice", OrderStatus.FILLED, 10)); // a replay of the same report
    assertThat(fired())
        .extracting(AlertFired::getAlertId, AlertFired::getOrderStatus, AlertFired::getFiring)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("f2", OrderStatus.PARTIALLY_FILLED, 1L),
            org.assertj.core.groups.Tuple.tuple("f1", OrderStatus.FILLED, 1L),
            org.assertj.core.groups.Tuple.tuple("f2", OrderStatus.FILLED, 2L));
  }

  @Test
  void aPausedAlertIsQuietAndAResumedOneArmsOnTheSideThePriceIsOn() throws Exception {
    var alert = price("a1", "alice", AlertKind.PRICE_ABOVE, 10_000, 0);
    send(trade(1, 9_000, START));
    send(command(AlertAction.CREATE, alert));
    send(command(AlertAction.PAUSE, alert));
    send(trade(2, 10_500, START + 1));
    send(command(AlertAction.RESUME, alert)); // resumed above the level: waits for a crossing
    send(trade(3, 10_600, START + 2));
    assertThat(fired()).isEmpty();
    send(trade(4, 9_999, START + 3));
    send(trade(5, 10_000, START + 4));
    assertThat(fired()).extracting(AlertFired::getTradeId).containsExactly(5L);
  }

  @Test
  void deletingAnAlertRemovesItsStateAndItNeverFiresAgain() throws Exception {
    onHeap();
    var alert = price("gone", "alice", AlertKind.PRICE_ABOVE, 10_000, 0);
    var other = price("stays", "alice", AlertKind.PRICE_ABOVE, 20_000, 0);
    send(command(AlertAction.CREATE, other));
    send(command(AlertAction.CREATE, alert));
    send(command(AlertAction.DELETE, alert));
    assertThat(keys(AlertsFunction.ALERTS)).containsExactly("stays");
    send(command(AlertAction.DELETE, other));
    assertThat(harness.numKeyedStateEntries()).as("no alert, no map").isZero();
    send(command(AlertAction.CREATE, alert));
    assertThat(harness.numKeyedStateEntries()).as("the alert's entry").isEqualTo(1);
    send(trade(1, 9_000, START));
    int withTrades = harness.numKeyedStateEntries();
    send(command(AlertAction.DELETE, alert));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(withTrades - 1);
    send(trade(2, 11_000, START + 1));
    assertThat(fired()).isEmpty();

    onHeap();
    send(command(AlertAction.CREATE, alert));
    send(command(AlertAction.DELETE, alert));
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void minuteClosesOlderThanADayAreDropped() throws Exception {
    onHeap();
    for (int m = 0; m <= 1441; m++) {
      send(trade(m + 1, 10_000 + m, START + m * MINUTE));
    }
    assertThat(keys(AlertsFunction.MINUTE_CLOSES)).hasSize(1442);
    send(trade(1_500, 10_000, START + 1_442 * MINUTE));
    assertThat(keys(AlertsFunction.MINUTE_CLOSES)).hasSize(1442).doesNotContain(START / MINUTE);
    send(trade(2_000, 10_000, START + 3_000 * MINUTE));
    assertThat(keys(AlertsFunction.MINUTE_CLOSES)).containsExactly(START / MINUTE + 3_000);
  }

  @Test
  void afterARestoreReplayedTradesFireNothingTwiceAndTheSameTradesGiveTheSameBytes()
      throws Exception {
    send(command(AlertAction.CREATE, price("a1", "alice", AlertKind.PRICE_ABOVE, 10_000, 0)));
    send(trade(1, 9_000, START));
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    send(trade(2, 10_000, START + 1));
    List<byte[]> first = firedBytes();
    close();

    harness = harness(snapshot);
    send(trade(1, 9_000, START)); // replayed from before the snapshot: dropped
    send(trade(2, 10_000, START + 1));
    send(trade(2, 10_000, START + 1)); // and again
    assertThat(firedBytes()).hasSize(1).first().isEqualTo(first.get(0));
  }

  @Test
  void badCommandsAreDeadLetteredAndChangeNothing() throws Exception {
    onHeap();
    send(command(AlertAction.CREATE, price("bad", "alice", AlertKind.PRICE_ABOVE, -5, 0)));
    harness.processElement(
        new RawRecord(
            "x", "junk".getBytes(StandardCharsets.UTF_8), TOPICS.alertCommands(), 0, offset++, 1),
        1);
    assertThat(harness.extractOutputValues())
        .extracting(o -> EventSerde.decode(o.value, DeadLetter.class).getReasonCode())
        .containsExactly(AlertsFunction.INVALID_ALERT, AlertsFunction.MALFORMED_RECORD);
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  /**
   * The function over RocksDB, as the job runs it; {@code restore} may be null. Counting state
   * entries needs the heap backend ({@link #onHeap}).
   */
  private KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> harness(
      OperatorSubtaskState restore) throws Exception {
    return harness(restore, true);
  }

  /** Swaps the harness for a fresh one on the heap state backend, which counts its entries. */
  private void onHeap() throws Exception {
    harness.close();
    harness = harness(null, false);
  }

  private KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> harness(
      OperatorSubtaskState restore, boolean rocksDb) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new AlertsFunction(TOPICS)),
            new AlertKeys(TOPICS.alertCommands()),
            Types.STRING);
    if (rocksDb) {
      h.setStateBackend(new EmbeddedRocksDBStateBackend());
    }
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
    return h;
  }

  /** The keys of one of the function's map states for the symbol BTCUSDT. */
  private <K> List<K> keys(MapStateDescriptor<K, ?> descriptor) throws Exception {
    harness.getOperator().setCurrentKey("BTCUSDT");
    List<K> keys = new java.util.ArrayList<>();
    harness.getOperator().getKeyedStateStore().getMapState(descriptor).keys().forEach(keys::add);
    return keys;
  }

  private void send(SpecificRecord record) throws Exception {
    String topic;
    String key;
    if (record instanceof dev.exchange.model.avro.AlertCommand c) {
      topic = TOPICS.alertCommands();
      key = c.getAlert().getAlertId();
    } else if (record instanceof dev.exchange.model.avro.Trade t) {
      topic = TOPICS.trades();
      key = t.getSymbol();
    } else {
      topic = TOPICS.orderEvents();
      key = ((dev.exchange.model.avro.OrderEvent) record).getSymbol();
    }
    harness.processElement(
        new RawRecord(key, EventSerde.encode(record), topic, 0, offset++, START), START);
  }

  private List<AlertFired> fired() {
    return firedBytes().stream().map(b -> EventSerde.decode(b, AlertFired.class)).toList();
  }

  private List<byte[]> firedBytes() {
    return harness.extractOutputValues().stream()
        .filter(o -> o.topic.equals(TOPICS.alerts()))
        .map(o -> o.value)
        .toList();
  }
}
