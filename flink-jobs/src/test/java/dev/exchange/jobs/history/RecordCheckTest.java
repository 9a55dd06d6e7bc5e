package dev.exchange.jobs.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.DeadLetterChecks;
import dev.exchange.lakehouse.testing.SampleRecords;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history job's check in Flink's operator harness: what the writer can store passes unchanged,
 * everything else becomes a dead letter with its reason, the record as it arrived and the job's
 * name.
 */
class RecordCheckTest {

  private static final TopicNames TOPICS = new TopicNames("check.");
  private static final long T0 = 1_767_225_600_000L;

  private OneInputStreamOperatorTestHarness<RawRecord, RawRecord> harness;
  private long offset;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forProcessFunction(new RecordCheck(TOPICS));
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void tradesCandlesAndOrderEventsPassUnchanged() throws Exception {
    RawRecord trade =
        record(TOPICS.trades(), EventSerde.encode(SampleRecords.trade("BTCUSDT", 1, T0, 100, 5)));
    RawRecord candle =
        record(
            TOPICS.candles(),
            EventSerde.encode(SampleRecords.closedMinute("BTCUSDT", T0, 100, 5, 1)));
    RawRecord event =
        record(
            TOPICS.orderEvents(),
            EventSerde.encode(SampleRecords.fill("BTCUSDT", 1, T0, "o-1", 100, 5)));
    for (RawRecord r : List.of(trade, candle, event)) {
      harness.processElement(r, r.timestamp);
    }
    assertThat(harness.extractOutputValues())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(trade, candle, event);
    assertThat(harness.getSideOutput(RecordCheck.DEAD_LETTERS)).isNull();
  }

  @Test
  void anUndecodableRecordIsADeadLetterMarkedMalformed() throws Exception {
    byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
    RawRecord r = record(TOPICS.trades(), garbage);
    harness.processElement(r, r.timestamp);

    assertThat(harness.extractOutputValues()).isEmpty();
    DeadLetter d = onlyDeadLetter(r);
    assertThat(d.getReasonCode()).isEqualTo(HistoryRecords.MALFORMED);
    assertThat(d.getReason()).isNotEmpty();
    assertThat(d.getPayload().array()).isEqualTo(garbage);
  }

  @Test
  void aRecordOfAnotherTypeThanItsTopicIsADeadLetterMarkedMalformed() throws Exception {
    Candle candle = SampleRecords.closedMinute("BTCUSDT", T0, 100, 5, 1);
    RawRecord r = record(TOPICS.orderEvents(), EventSerde.encode(candle));
    harness.processElement(r, r.timestamp);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(onlyDeadLetter(r).getReasonCode()).isEqualTo(HistoryRecords.MALFORMED);
  }

  @Test
  void scalesPostgresWouldRoundAreADeadLetterMarkedUnsupportedScale() throws Exception {
    Trade trade =
        Trade.newBuilder(SampleRecords.trade("ETHUSDT", 7, T0, 100, 5))
            .setPriceScale(10)
            .setQuantityScale(10)
            .build();
    RawRecord r = record(TOPICS.trades(), EventSerde.encode(trade));
    harness.processElement(r, r.timestamp);

    assertThat(harness.extractOutputValues()).isEmpty();
    DeadLetter d = onlyDeadLetter(r);
    assertThat(d.getReasonCode()).isEqualTo(HistoryRecords.UNSUPPORTED_SCALE);
    assertThat(d.getReason()).contains("exceeds 18");
  }

  @Test
  void ledgerEntriesPassAndAnAssetScaleAbove18IsADeadLetter() throws Exception {
    BalanceEvent entry =
        new BalanceEvent(
            "alice",
            1L,
            T0,
            LedgerEntryKind.DEPOSIT,
            "BTC",
            8,
            5L,
            0L,
            5L,
            0L,
            null,
            null,
            null,
            "t-1",
            null);
    RawRecord good = record(TOPICS.balances(), EventSerde.encode(entry));
    RawRecord tooFine =
        record(
            TOPICS.balances(),
            EventSerde.encode(BalanceEvent.newBuilder(entry).setAssetScale(19).build()));
    harness.processElement(good, good.timestamp);
    harness.processElement(tooFine, tooFine.timestamp);

    assertThat(harness.extractOutputValues())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(good);
    DeadLetter d = onlyDeadLetter(tooFine);
    assertThat(d.getReasonCode()).isEqualTo(HistoryRecords.UNSUPPORTED_SCALE);
    assertThat(d.getReason()).isEqualTo("asset scale 19 exceeds 18");
  }

  @Test
  void goodRecordsAfterPoisonStillPass() throws Exception {
    RawRecord poison = record(TOPICS.candles(), new byte[] {1, 2, 3});
    RawRecord trade =
        record(TOPICS.trades(), EventSerde.encode(SampleRecords.trade("BTCUSDT", 2, T0, 100, 5)));
    harness.processElement(poison, poison.timestamp);
    harness.processElement(trade, trade.timestamp);

    assertThat(harness.extractOutputValues())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(trade);
    assertThat(onlyDeadLetter(poison).getOffset()).isEqualTo(poison.offset);
  }

  private DeadLetter onlyDeadLetter(RawRecord r) {
    List<OutRecord> letters =
        harness.getSideOutput(RecordCheck.DEAD_LETTERS).stream()
            .map(StreamRecord::getValue)
            .toList();
    return DeadLetterChecks.onlyDeadLetter(letters, TOPICS, r, RecordCheck.JOB);
  }

  private RawRecord record(String topic, byte[] value) {
    long n = offset++;
    return new RawRecord("BTCUSDT", value, topic, 1, n, T0 + n);
  }
}
