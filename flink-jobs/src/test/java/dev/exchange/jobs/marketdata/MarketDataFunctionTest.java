package dev.exchange.jobs.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link MarketDataFunction} in an operator test harness: timers, watermarks and state. */
class MarketDataFunctionTest {

  private static final TopicNames TOPICS = TopicNames.standard();
  private static final long MIN = 60_000L;
  private static final long HOUR = 60 * MIN;

  private KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> harness;
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
  void aQuietSymbolsCandlesCloseWhenTheWatermarkPassesTheirEnd() throws Exception {
    long t = TradeLog.START + 13 * HOUR + 7 * MIN + 30_000;
    send(TradeLog.trade("SOLUSDT", 1, 100, 1, true, t));
    send(TradeLog.trade("BTCUSDT", 1, 200, 1, true, t + 1));
    assertThat(harness.numEventTimeTimers()).isEqualTo(12);
    harness.getOutput().clear();

    harness.processWatermark(t - t % MIN + MIN - 2);
    assertThat(closed()).isEmpty();

    harness.processWatermark(TradeLog.START + 14 * HOUR);
    assertThat(closed())
        .extracting(c -> c.getSymbol() + " " + c.getInterval())
        .containsExactlyInAnyOrder(
            "SOLUSDT 1m",
            "SOLUSDT 5m",
            "SOLUSDT 15m",
            "SOLUSDT 1h",
            "BTCUSDT 1m",
            "BTCUSDT 5m",
            "BTCUSDT 15m",
            "BTCUSDT 1h");
    assertThat(closed()).allMatch(c -> c.getTradeCount() == 1);
    assertThat(harness.numEventTimeTimers()).as("4h and 1d still to close").isEqualTo(4);
    harness.getOutput().clear();

    harness.processWatermark(TradeLog.START + 30 * HOUR);
    assertThat(closed())
        .extracting(Candle::getInterval)
        .containsExactlyInAnyOrder("4h", "1d", "4h", "1d");
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void closedStateSurvivesASnapshotSoALateTradeIsRecognisedAfterRestore() throws Exception {
    long t = TradeLog.START + 2 * HOUR;
    send(TradeLog.trade("ETHUSDT", 1, 100, 1, true, t));
    harness.processWatermark(t + MIN - 1);
    var snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    send(TradeLog.trade("ETHUSDT", 1, 100, 1, true, t)); // a replay: ignored
    send(TradeLog.trade("ETHUSDT", 2, 101, 1, true, t + 5)); // late for the closed 1m candle
    List<String> topics = new ArrayList<>();
    for (OutRecord r : harness.extractOutputValues()) {
      topics.add(r.topic);
    }
    assertThat(topics).containsExactly(TOPICS.dlq(), TOPICS.tickers());
    assertThat(harness.numEventTimeTimers()).as("5m..1d timers restored").isEqualTo(5);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, RawRecord, OutRecord> newHarness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new MarketDataFunction(TOPICS)), e -> e.symbol, Types.STRING);
  }

  private void send(Trade t) throws Exception {
    harness.processElement(
        new RawRecord(
            t.getSymbol(), EventSerde.encode(t), TOPICS.trades(), 0, offset++, t.getTime()),
        t.getTime());
  }

  private List<Candle> closed() {
    List<Candle> list = new ArrayList<>();
    for (OutRecord r : harness.extractOutputValues()) {
      if (r.topic.equals(TOPICS.candles())) {
        Candle c = EventSerde.decode(r.value, Candle.class);
        if (c.getClosed()) {
          list.add(c);
        }
      }
    }
    return list;
  }
}
