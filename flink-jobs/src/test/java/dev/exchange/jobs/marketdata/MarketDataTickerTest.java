package dev.exchange.jobs.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.avro.Ticker;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rolling 24h ticker from the Flink-free core, against a naive recomputation. */
class MarketDataTickerTest {

  private static final TopicNames TOPICS = TopicNames.standard();
  private static final long MIN = 60_000L;
  private static final long DAY = 24 * 60 * MIN;

  @Test
  void everyTickerEqualsARecomputationFromTheTradesOfItsWindow() {
    List<Trade> log = TradeLog.generate(5, 6000, List.of("BTCUSDT", "ETHUSDT", "SOLUSDT"), 6000);
    Harness h = new Harness(TOPICS).trades(log);

    List<Ticker> emitted = h.decoded(TOPICS.tickers(), Ticker.class);
    Map<String, List<Ticker>> expected = Recompute.tickers(log);
    List<Ticker> all = new ArrayList<>();
    for (Trade t : log) {
      all.add(expected.get(t.getSymbol()).remove(0));
    }
    assertThat(emitted).hasSize(log.size()).isEqualTo(all);
    // The log spans weeks, so windows did slide (the count is below the symbol's total).
    assertThat(emitted).anyMatch(t -> t.getTradeCount() < t.getLastTradeId() - 10);
    // Pruned: only the minutes of the last day stay in state.
    h.stores.forEach(
        (symbol, store) -> assertThat(store.map.size()).isLessThan(TickerWindow.MINUTES));
  }

  @Test
  void aTradeExactly24hOldDropsOutAndOneAMillisecondYoungerStaysIn() {
    long m = TradeLog.START + 10 * MIN;
    Harness h =
        new Harness(TOPICS)
            .trade(TradeLog.trade("BTCUSDT", 1, 100, 1, true, m))
            .trade(TradeLog.trade("BTCUSDT", 2, 120, 2, true, m + DAY - 1))
            .trade(TradeLog.trade("BTCUSDT", 3, 110, 4, false, m + DAY));
    List<Ticker> tickers = h.decoded(TOPICS.tickers(), Ticker.class);

    Ticker younger = tickers.get(1);
    assertThat(younger.getOpen()).isEqualTo(100);
    assertThat(younger.getFirstTradeId()).isEqualTo(1);
    assertThat(younger.getTradeCount()).isEqualTo(2);
    assertThat(younger.getVolume()).isEqualTo(3);
    assertThat(younger.getPriceChange()).isEqualTo(20);
    assertThat(younger.getPriceChangePercent()).isEqualTo(20_000);
    assertThat(younger.getOpenTime()).isEqualTo(m);
    assertThat(younger.getCloseTime()).isEqualTo(m + DAY - 1);

    Ticker exactly = tickers.get(2);
    assertThat(exactly.getOpen()).isEqualTo(120);
    assertThat(exactly.getFirstTradeId()).isEqualTo(2);
    assertThat(exactly.getTradeCount()).isEqualTo(2);
    assertThat(exactly.getHigh()).isEqualTo(120);
    assertThat(exactly.getLow()).isEqualTo(110);
    assertThat(exactly.getVolume()).isEqualTo(6);
    assertThat(exactly.getQuoteVolume()).isEqualTo(240 + 440);
    assertThat(exactly.getLast()).isEqualTo(110);
    assertThat(exactly.getPriceChange()).isEqualTo(-10);
    assertThat(exactly.getPriceChangePercent()).isEqualTo(-8_333); // -8.333...%
    assertThat(exactly.getOpenTime()).isEqualTo(m + MIN);
    assertThat(exactly.getTime()).isEqualTo(m + DAY);
    assertThat(h.stores.get("BTCUSDT").map).doesNotContainKey(m);
  }

  @ParameterizedTest
  @CsvSource({
    "1, 3, 33333",
    "-1, 3, -33333",
    "2, 3, 66666",
    "-2, 3, -66666",
    "1, 100000000, 0",
    "-1, 100000000, 0",
    "1, 100000, 1",
    "-1, 100000, -1",
    "0, 5, 0",
    "5, 0, 0",
    // change * 100000 overflows a long; the result does not.
    "900000000000000000, 1000000000000000000, 90000",
    "-9223372036854775807, 9223372036854775807, -100000"
  })
  void priceChangePercentIsScale3TruncatedTowardZero(long change, long open, long expected) {
    assertThat(TickerWindow.priceChangePercent(change, open)).isEqualTo(expected);
    if (open != 0) {
      assertThat(Recompute.percent(change, open)).isEqualTo(expected);
    }
  }
}
