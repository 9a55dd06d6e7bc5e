package dev.exchange.jobs.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.Ticker;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replays, poison and contract violations in the Flink-free processor. */
class MarketDataProcessorTest {

  private static final TopicNames TOPICS = new TopicNames("t.");
  private static final long MIN = 60_000L;

  @Test
  void replayedTradesAreIgnoredSoTheOutputIsAsIfEachCameOnce() {
    List<Trade> log = TradeLog.generate(9, 800, List.of("BTCUSDT", "ETHUSDT"), 800);
    List<Trade> withReplays = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      withReplays.add(log.get(i));
      if (i % 97 == 96) {
        withReplays.addAll(log.subList(i - 40, i + 1)); // an upstream replay of the last 41
      }
    }
    Harness once = new Harness(TOPICS).trades(log);
    Harness replayed = new Harness(TOPICS).trades(withReplays);

    assertThat(hex(replayed.out)).isEqualTo(hex(once.out));
    assertThat(replayed.processor.duplicates()).isEqualTo(withReplays.size() - log.size());
  }

  @Test
  void theSameTradesGiveByteIdenticalRecords() {
    List<Trade> log = TradeLog.generate(11, 1500, List.of("BTCUSDT", "ETHUSDT", "SOLUSDT"), 900);
    assertThat(hex(new Harness(TOPICS).trades(log).out))
        .isEqualTo(hex(new Harness(TOPICS).trades(log).out))
        .hasSize(1500 * 7 + (int) countCloses(new Harness(TOPICS).trades(log).out));
  }

  @Test
  void undecodableRecordsAndForeignKeysGoToTheDeadLetterTopicAndTheSymbolGoesOn() {
    Trade first = TradeLog.trade("BTCUSDT", 1, 100, 1, true, TradeLog.START);
    Trade second = TradeLog.trade("BTCUSDT", 2, 101, 1, true, TradeLog.START + 1);
    Harness h =
        new Harness(TOPICS)
            .trade(first)
            .record("BTCUSDT", "not a trade".getBytes(StandardCharsets.UTF_8), TradeLog.START)
            .record("ETHUSDT", EventSerde.encode(second), TradeLog.START + 1)
            .trade(second);

    List<DeadLetter> dead = h.decoded(TOPICS.dlq(), DeadLetter.class);
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).getReasonCode()).isEqualTo(MarketDataProcessor.MALFORMED_TRADE);
    assertThat(dead.get(0).getReason()).contains("not Avro single-object encoding");
    assertThat(dead.get(0).getJob()).isEqualTo("market-data");
    assertThat(dead.get(0).getSourceTopic()).isEqualTo("t.exchange.trades");
    assertThat(dead.get(0).getOffset()).isEqualTo(1);
    assertThat(dead.get(1).getReason()).isEqualTo("trade of BTCUSDT under key 'ETHUSDT'");
    assertThat(h.deadLetterReasons)
        .as("every dead letter is counted under its reason")
        .containsExactly(dead.get(0).getReasonCode(), dead.get(1).getReasonCode());
    assertThat(h.states).doesNotContainKey("ETHUSDT");
    assertThat(h.decoded(TOPICS.tickers(), Ticker.class))
        .extracting(Ticker::getLastTradeId)
        .containsExactly(1L, 2L);
  }

  @Test
  void aTradeInACandleTheWatermarkClosedIsDeadLetteredButCountedInTheTicker() {
    long t = TradeLog.START + 30 * MIN;
    Harness h = new Harness(TOPICS).trade(TradeLog.trade("SOLUSDT", 1, 100, 1, true, t));
    h.close("SOLUSDT", t - t % MIN + MIN - 1); // the watermark passed the end of the minute
    h.out.clear();

    h.trade(TradeLog.trade("SOLUSDT", 2, 105, 3, true, t + 10));

    assertThat(h.decoded(TOPICS.candles(), Candle.class)).isEmpty();
    List<DeadLetter> dead = h.decoded(TOPICS.dlq(), DeadLetter.class);
    assertThat(dead).extracting(DeadLetter::getReasonCode).containsExactly("LATE_TRADE");
    assertThat(dead.get(0).getReason()).isEqualTo("trade 2 at " + (t + 10) + " in a closed candle");
    Ticker ticker = h.decoded(TOPICS.tickers(), Ticker.class).get(0);
    assertThat(ticker.getTradeCount()).isEqualTo(2);
    assertThat(ticker.getLast()).isEqualTo(105);

    h.out.clear();
    h.trade(TradeLog.trade("SOLUSDT", 3, 107, 1, true, t + MIN));
    List<Candle> next = h.decoded(TOPICS.candles(), Candle.class);
    assertThat(next).hasSize(6).noneMatch(Candle::getClosed);
    assertThat(next.get(0).getFirstTradeId()).isEqualTo(3);
    assertThat(next.get(0).getTradeCount()).isEqualTo(1);
    assertThat(next.get(5).getTradeCount())
        .as("1d still open, without the late trade")
        .isEqualTo(2);
  }

  @Test
  void aTradeEarlierThanThePreviousOneIsDeadLetteredAndNotCounted() {
    Harness h =
        new Harness(TOPICS)
            .trade(TradeLog.trade("BTCUSDT", 1, 100, 1, true, TradeLog.START + 5_000))
            .trade(TradeLog.trade("BTCUSDT", 2, 100, 1, true, TradeLog.START + 4_999))
            .trade(TradeLog.trade("BTCUSDT", 3, 100, 1, true, TradeLog.START + 5_000));

    assertThat(h.decoded(TOPICS.dlq(), DeadLetter.class))
        .extracting(DeadLetter::getReasonCode)
        .containsExactly("OUT_OF_ORDER_TRADE");
    assertThat(h.decoded(TOPICS.tickers(), Ticker.class))
        .extracting(Ticker::getTradeCount)
        .containsExactly(1L, 2L);
  }

  private static long countCloses(List<OutRecord> out) {
    return out.stream()
        .filter(r -> r.topic.equals(TOPICS.candles()))
        .filter(r -> EventSerde.decode(r.value, Candle.class).getClosed())
        .count();
  }

  private static List<String> hex(List<OutRecord> out) {
    List<String> list = new ArrayList<>();
    for (OutRecord r : out) {
      list.add(
          r.topic
              + "/"
              + new String(r.key, StandardCharsets.UTF_8)
              + "@"
              + r.timestamp
              + "="
              + HexFormat.of().formatHex(r.value));
    }
    return list;
  }
}
