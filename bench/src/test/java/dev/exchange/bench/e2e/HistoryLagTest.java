package dev.exchange.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A trade's lag is the first moment history held it or a later trade, minus its trade time. */
class HistoryLagTest {

  private final HistoryLag lag =
      new HistoryLag(null, URI.create("http://localhost:1"), "BTCUSDT", () -> 0);

  @Test
  void eachTradeCountsFromTheFirstPollThatShowedItOrALaterId() {
    lag.traded(10, 1_000);
    lag.traded(11, 1_010);
    lag.traded(12, 1_020);
    lag.traded(13, 1_030);
    lag.observed(9, 1_100); // older trades only
    lag.observed(11, 1_200); // 10 and 11 arrived
    lag.observed(11, 1_250); // nothing new: not a new observation
    lag.observed(12, 1_300);

    Histogram micros = new Histogram(60_000_000L, 3);
    HistoryLag.Outcome o = lag.finish(micros);

    assertThat(o.measured()).isEqualTo(3);
    assertThat(o.missing()).isEqualTo(1); // 13 never showed up
    assertThat(micros.getTotalCount()).isEqualTo(3);
    assertThat(micros.getMinValue()).isBetween(189_000L, 191_000L); // 11: 1200 - 1010
    assertThat(micros.getMaxValue()).isBetween(279_000L, 281_000L); // 12: 1300 - 1020
  }

  @Test
  void aReplayedFrameKeepsTheFirstTradeTime() {
    lag.traded(5, 1_000);
    lag.traded(5, 1_400);
    lag.observed(5, 1_500);
    Histogram micros = new Histogram(60_000_000L, 3);
    lag.finish(micros);
    assertThat(micros.getMaxValue()).isBetween(499_000L, 501_000L);
  }
}
