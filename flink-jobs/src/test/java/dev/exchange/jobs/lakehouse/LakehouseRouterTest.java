package dev.exchange.jobs.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.DeadLetterChecks;
import dev.exchange.lakehouse.LakehouseTables;
import dev.exchange.lakehouse.testing.SampleRecords;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lakehouse router in Flink's keyed operator harness: each record type reaches its table's
 * output as a row, replays are dropped (also across a restore), poison becomes a dead letter with
 * its reason.
 */
class LakehouseRouterTest {

  private static final TopicNames TOPICS = new TopicNames("lake.");
  private static final long T0 = 1_767_225_600_000L;
  private static final long HOUR = 3_600_000L;

  private KeyedOneInputStreamOperatorTestHarness<String, RawRecord, RowData> harness;
  private long offset;

  @BeforeEach
  void open() throws Exception {
    harness = newHarness();
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void eachRecordTypeReachesItsTablesOutput() throws Exception {
    process(TOPICS.trades(), EventSerde.encode(SampleRecords.trade("BTCUSDT", 1, T0, 100, 5)));
    process(
        TOPICS.orderEvents(),
        EventSerde.encode(SampleRecords.fill("BTCUSDT", 4, T0, "o-1", 100, 5)));
    process(
        TOPICS.candles(), EventSerde.encode(SampleRecords.closedMinute("ETHUSDT", T0, 100, 5, 1)));
    process(
        TOPICS.candles(), EventSerde.encode(SampleRecords.closedHour("ETHUSDT", T0, 100, 5, 1)));

    assertThat(longs(harness.extractOutputValues(), LakehouseTables.TRADES_SCHEMA, "trade_id"))
        .containsExactly(1L);
    assertThat(
            longs(
                side(LakehouseRouter.ORDER_EVENTS),
                LakehouseTables.ORDER_EVENTS_SCHEMA,
                "sequence"))
        .containsExactly(4L);
    assertThat(strings(side(LakehouseRouter.CANDLES), LakehouseTables.CANDLES_1M_SCHEMA, "symbol"))
        .containsExactly("ETHUSDT");
    assertThat(
            strings(side(LakehouseRouter.CANDLES_1H), LakehouseTables.CANDLES_1H_SCHEMA, "symbol"))
        .containsExactly("ETHUSDT");
    assertThat(harness.getSideOutput(LakehouseRouter.DEAD_LETTERS)).isNull();
  }

  @Test
  void openCandlesAndOtherIntervalsAreNotStored() throws Exception {
    Candle open = SampleRecords.closedMinute("BTCUSDT", T0, 100, 5, 1);
    open.setClosed(false);
    Candle fiveMinutes =
        Candle.newBuilder(SampleRecords.closedMinute("BTCUSDT", T0, 100, 5, 1))
            .setInterval("5m")
            .build();
    process(TOPICS.candles(), EventSerde.encode(open));
    process(TOPICS.candles(), EventSerde.encode(fiveMinutes));

    assertThat(side(LakehouseRouter.CANDLES)).isEmpty();
    assertThat(side(LakehouseRouter.CANDLES_1H)).isEmpty();
    assertThat(harness.getSideOutput(LakehouseRouter.DEAD_LETTERS)).isNull();
  }

  @Test
  void replaysAreDroppedAlsoAfterARestore() throws Exception {
    process(TOPICS.trades(), EventSerde.encode(SampleRecords.trade("BTCUSDT", 1, T0, 100, 5)));
    process(TOPICS.trades(), EventSerde.encode(SampleRecords.trade("BTCUSDT", 2, T0, 100, 5)));
    process(TOPICS.trades(), EventSerde.encode(SampleRecords.trade("BTCUSDT", 1, T0, 100, 5)));
    process(
        TOPICS.candles(), EventSerde.encode(SampleRecords.closedHour("BTCUSDT", T0, 100, 5, 1)));
    OperatorSubtaskState snapshot = harness.snapshot(1, T0);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    process(TOPICS.trades(), EventSerde.encode(SampleRecords.trade("BTCUSDT", 2, T0, 100, 5)));
    process(TOPICS.trades(), EventSerde.encode(SampleRecords.trade("BTCUSDT", 3, T0, 100, 5)));
    process(
        TOPICS.candles(), EventSerde.encode(SampleRecords.closedHour("BTCUSDT", T0, 100, 5, 1)));
    process(
        TOPICS.candles(),
        EventSerde.encode(SampleRecords.closedHour("BTCUSDT", T0 + HOUR, 100, 5, 2)));

    assertThat(longs(harness.extractOutputValues(), LakehouseTables.TRADES_SCHEMA, "trade_id"))
        .containsExactly(3L);
    assertThat(side(LakehouseRouter.CANDLES_1H)).hasSize(1);
  }

  @Test
  void ledgerEntriesReachTheLedgerOnceEachAlsoAfterARestore() throws Exception {
    process(TOPICS.balances(), EventSerde.encode(entry(1)));
    process(TOPICS.balances(), EventSerde.encode(entry(2)));
    process(TOPICS.balances(), EventSerde.encode(entry(1))); // an at-least-once repeat
    assertThat(longs(side(LakehouseRouter.LEDGER), LakehouseTables.LEDGER_SCHEMA, "sequence"))
        .containsExactly(1L, 2L);
    OperatorSubtaskState snapshot = harness.snapshot(1, T0);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    process(TOPICS.balances(), EventSerde.encode(entry(2)));
    process(TOPICS.balances(), EventSerde.encode(entry(3)));

    assertThat(longs(side(LakehouseRouter.LEDGER), LakehouseTables.LEDGER_SCHEMA, "sequence"))
        .containsExactly(3L);
    assertThat(harness.getSideOutput(LakehouseRouter.DEAD_LETTERS)).isNull();
  }

  @Test
  void aLedgerEntryWithAnAssetScaleAbove18IsADeadLetter() throws Exception {
    BalanceEvent tooFine = BalanceEvent.newBuilder(entry(1)).setAssetScale(19).build();
    RawRecord r = process(TOPICS.balances(), EventSerde.encode(tooFine));

    assertThat(side(LakehouseRouter.LEDGER)).isEmpty();
    assertThat(onlyDeadLetter(r).getReasonCode()).isEqualTo(LakehouseRouter.UNSUPPORTED_SCALE);
  }

  /** A FEE entry of alice (the harness keys it by the record's text, as any one key). */
  private static BalanceEvent entry(long sequence) {
    return new BalanceEvent(
        "alice",
        sequence,
        T0 + sequence,
        LedgerEntryKind.FEE,
        "BTC",
        8,
        -1L,
        0L,
        100 - sequence,
        0L,
        "BTCUSDT",
        "o-1",
        sequence,
        null,
        null);
  }

  @Test
  void anUndecodableRecordIsADeadLetterMarkedMalformed() throws Exception {
    byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
    RawRecord r = process(TOPICS.orderEvents(), garbage);

    assertThat(side(LakehouseRouter.ORDER_EVENTS)).isEmpty();
    DeadLetter d = onlyDeadLetter(r);
    assertThat(d.getReasonCode()).isEqualTo(LakehouseRouter.MALFORMED);
    assertThat(d.getPayload().array()).isEqualTo(garbage);
  }

  @Test
  void aScaleTheLakeCannotHoldIsADeadLetterMarkedUnsupportedScale() throws Exception {
    Trade trade =
        Trade.newBuilder(SampleRecords.trade("BTCUSDT", 1, T0, 100, 5)).setPriceScale(19).build();
    RawRecord r = process(TOPICS.trades(), EventSerde.encode(trade));

    assertThat(harness.extractOutputValues()).isEmpty();
    DeadLetter d = onlyDeadLetter(r);
    assertThat(d.getReasonCode()).isEqualTo(LakehouseRouter.UNSUPPORTED_SCALE);
    assertThat(d.getReason()).contains("19");
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, RawRecord, RowData> newHarness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new LakehouseRouter(TOPICS)),
        LakehouseRouter::key,
        Types.STRING);
  }

  private RawRecord process(String topic, byte[] value) throws Exception {
    long n = offset++;
    RawRecord r = new RawRecord(symbolOf(value), value, topic, 2, n, T0 + n);
    harness.processElement(r, r.timestamp);
    return r;
  }

  /** The key the writing job set: the record's symbol (poison here: BTCUSDT). */
  private static String symbolOf(byte[] value) {
    String text = new String(value, StandardCharsets.ISO_8859_1);
    return text.contains("ETHUSDT") ? "ETHUSDT" : "BTCUSDT";
  }

  private <T> List<T> side(OutputTag<T> tag) {
    Queue<StreamRecord<T>> records = harness.getSideOutput(tag);
    return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
  }

  private DeadLetter onlyDeadLetter(RawRecord r) {
    return DeadLetterChecks.onlyDeadLetter(
        side(LakehouseRouter.DEAD_LETTERS), TOPICS, r, LakehouseRouter.JOB);
  }

  private static List<Long> longs(List<RowData> rows, Schema schema, String column) {
    int i = position(schema, column);
    return rows.stream().map(row -> row.getLong(i)).toList();
  }

  private static List<String> strings(List<RowData> rows, Schema schema, String column) {
    int i = position(schema, column);
    return rows.stream().map(row -> row.getString(i).toString()).toList();
  }

  private static int position(Schema schema, String column) {
    RowType type = FlinkSchemaUtil.convert(schema);
    return type.getFieldIndex(column);
  }
}
