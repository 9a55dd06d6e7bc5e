package dev.exchange.jobs.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Candles from the Flink-free core, against a naive recomputation from the trades. */
class MarketDataCandlesTest {

  private static final TopicNames TOPICS = TopicNames.standard();
  private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
  private static final long MIN = 60_000L;
  private static final long HOUR = 60 * MIN;

  @Test
  void everyUpdateAndEveryClosedCandleEqualsARecomputationFromItsTrades() {
    List<Trade> log = TradeLog.generate(3, 6000, SYMBOLS, 4000);
    assertThat(log)
        .anyMatch(t -> t.getTime() % MIN == 0)
        .anyMatch(t -> t.getTime() % MIN == 59_999);

    List<Candle> emitted = new Harness(TOPICS).trades(log).decoded(TOPICS.candles(), Candle.class);

    Map<Recompute.Bucket, List<Candle>> updates = new LinkedHashMap<>();
    Map<Recompute.Bucket, List<Candle>> closes = new LinkedHashMap<>();
    Map<String, Long> lastOpen = new LinkedHashMap<>();
    for (Candle c : emitted) {
      Recompute.Bucket b = new Recompute.Bucket(c.getSymbol(), c.getInterval(), c.getOpenTime());
      String stream = c.getSymbol() + "/" + c.getInterval();
      assertThat(c.getOpenTime())
          .as("no record of an earlier bucket after a later one in %s", stream)
          .isGreaterThanOrEqualTo(lastOpen.getOrDefault(stream, Long.MIN_VALUE));
      lastOpen.put(stream, c.getOpenTime());
      assertThat(closes.getOrDefault(b, List.of()))
          .as("nothing after the close of %s", b)
          .isEmpty();
      (c.getClosed() ? closes : updates).computeIfAbsent(b, k -> new ArrayList<>()).add(c);
    }

    Map<Recompute.Bucket, List<Candle>> expectedUpdates = Recompute.updates(log);
    assertThat(updates).isEqualTo(expectedUpdates);

    Map<Recompute.Bucket, Candle> expected = Recompute.candles(log);
    Map<String, Recompute.Bucket> latest = new LinkedHashMap<>();
    expected.keySet().forEach(b -> latest.put(b.symbol() + "/" + b.interval(), b));
    for (Map.Entry<Recompute.Bucket, Candle> e : expected.entrySet()) {
      Recompute.Bucket b = e.getKey();
      if (latest.containsValue(b)) {
        assertThat(closes)
            .as("the latest bucket %s waits for a later trade", b)
            .doesNotContainKey(b);
      } else {
        assertThat(closes.get(b))
            .as("closed once, equal to its last update")
            .containsExactly(closed(e.getValue()));
      }
    }
    assertThat(closes).hasSizeGreaterThan(3000);
  }

  @Test
  void aTradeOnTheFirstMillisecondOfAnHourClosesEveryIntervalEndingThere() {
    long noon = TradeLog.START + 12 * HOUR;
    Harness h =
        new Harness(TOPICS)
            .trade(TradeLog.trade("BTCUSDT", 1, 100, 2, true, noon - 1))
            .trade(TradeLog.trade("BTCUSDT", 2, 90, 3, false, noon));
    List<Candle> candles = h.decoded(TOPICS.candles(), Candle.class);

    List<String> closed = new ArrayList<>();
    for (Candle c : candles) {
      if (c.getClosed()) {
        closed.add(c.getInterval() + "@" + (c.getOpenTime() - TradeLog.START) / MIN + "m");
        assertThat(c.getCloseTime()).isEqualTo(noon - 1);
        assertThat(c.getLastTradeId()).isEqualTo(1);
      }
    }
    // 11:59:59.999 is the last ms of 11:59 (1m), 11:55 (5m), 11:45 (15m), 11:00 (1h), 08:00 (4h).
    assertThat(closed).containsExactly("1m@719m", "5m@715m", "15m@705m", "1h@660m", "4h@480m");

    Candle day = candles.get(candles.size() - 1);
    assertThat(day.getInterval()).isEqualTo("1d");
    assertThat(day.getOpenTime()).isEqualTo(TradeLog.START);
    assertThat(day.getCloseTime()).isEqualTo(TradeLog.START + 24 * HOUR - 1);
    assertThat(day.getOpen()).isEqualTo(100);
    assertThat(day.getHigh()).isEqualTo(100);
    assertThat(day.getLow()).isEqualTo(90);
    assertThat(day.getClose()).isEqualTo(90);
    assertThat(day.getVolume()).isEqualTo(5);
    assertThat(day.getQuoteVolume()).isEqualTo(470);
    assertThat(day.getTakerBuyVolume()).isEqualTo(2);
    assertThat(day.getTakerBuyQuoteVolume()).isEqualTo(200);
    assertThat(day.getTradeCount()).isEqualTo(2);
    assertThat(day.getFirstTradeId()).isEqualTo(1);
    assertThat(day.getLastTradeId()).isEqualTo(2);
    assertThat(day.getClosed()).isFalse();
    assertThat(day.getPriceScale()).isEqualTo(TradeLog.PRICE_SCALE);
    assertThat(day.getQuantityScale()).isEqualTo(TradeLog.QUANTITY_SCALE);
  }

  @Test
  void theLastMillisecondOfABucketBelongsToIt() {
    long open = TradeLog.START + 4 * HOUR;
    Harness h =
        new Harness(TOPICS)
            .trade(TradeLog.trade("ETHUSDT", 1, 100, 1, true, open))
            .trade(TradeLog.trade("ETHUSDT", 2, 101, 1, true, open + MIN - 1));
    List<Candle> candles = h.decoded(TOPICS.candles(), Candle.class);

    assertThat(candles).noneMatch(Candle::getClosed).hasSize(12);
    Candle minute = candles.get(6);
    assertThat(minute.getInterval()).isEqualTo("1m");
    assertThat(minute.getOpenTime()).isEqualTo(open);
    assertThat(minute.getCloseTime()).isEqualTo(open + MIN - 1);
    assertThat(minute.getTradeCount()).isEqualTo(2);
    assertThat(minute.getClose()).isEqualTo(101);
  }

  @Test
  void closeThroughClosesEachEndedBucketOnceAndLeavesTheOthersOpen() {
    long t = TradeLog.START + 5 * HOUR + 3 * MIN + 7;
    Harness h = new Harness(TOPICS).trade(TradeLog.trade("SOLUSDT", 1, 100, 1, true, t));
    assertThat(h.timers)
        .containsExactly(
            TradeLog.START + 5 * HOUR + 4 * MIN - 1,
            TradeLog.START + 5 * HOUR + 5 * MIN - 1,
            TradeLog.START + 5 * HOUR + 15 * MIN - 1,
            TradeLog.START + 6 * HOUR - 1,
            TradeLog.START + 8 * HOUR - 1,
            TradeLog.START + 24 * HOUR - 1);
    h.out.clear();

    h.close("SOLUSDT", TradeLog.START + 5 * HOUR + 4 * MIN - 2);
    assertThat(h.out).isEmpty();
    h.close("SOLUSDT", TradeLog.START + 6 * HOUR - 1);
    List<Candle> closed = h.decoded(TOPICS.candles(), Candle.class);
    assertThat(closed).extracting(Candle::getInterval).containsExactly("1m", "5m", "15m", "1h");
    assertThat(closed).allMatch(Candle::getClosed).allMatch(c -> c.getTradeCount() == 1);
    h.out.clear();

    h.close("SOLUSDT", TradeLog.START + 6 * HOUR - 1);
    assertThat(h.out).as("a bucket closes once").isEmpty();
    h.close("SOLUSDT", TradeLog.START + 48 * HOUR);
    assertThat(h.decoded(TOPICS.candles(), Candle.class))
        .extracting(Candle::getInterval)
        .containsExactly("4h", "1d");
  }

  private static Candle closed(Candle c) {
    return Candle.newBuilder(c).setClosed(true).build();
  }
}
