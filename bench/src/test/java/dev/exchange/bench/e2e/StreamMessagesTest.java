package dev.exchange.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The relay's frames, as documented in docs/ws-relay.md, feed the matcher. */
class StreamMessagesTest {

  private final RateSchedule schedule = new RateSchedule(System.nanoTime(), 10, 1);
  private final LatencyMatcher matcher = new LatencyMatcher(schedule, "brun1");
  private final HistoryLag history =
      new HistoryLag(null, URI.create("http://localhost:1"), "BTCUSDT", () -> 0);

  @Test
  void theSubscribeReplyCompletesTheSubscriptionAndTradeFramesAreCounted() {
    AtomicLong frames = new AtomicLong();
    Histogram alerts = new Histogram(600_000_000L, 3);
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    OrderLatencyBench.onPublic("{\"result\":null,\"id\":1}", matcher, history, frames, subscribed);
    assertThat(subscribed).isDone();

    OrderLatencyBench.onPublic(
        "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":12,"
            + "\"p\":\"30000.00\",\"q\":\"0.0001\",\"T\":1000,\"m\":true,\"M\":true}}",
        matcher,
        history,
        frames,
        subscribed);
    OrderLatencyBench.onPrivate(
        "{\"e\":\"executionReport\",\"E\":1,\"s\":\"BTCUSDT\",\"c\":\"brun1-1\",\"S\":\"BUY\","
            + "\"x\":\"TRADE\",\"X\":\"FILLED\",\"t\":12}",
        matcher,
        alerts);
    OrderLatencyBench.onPrivate(
        "{\"e\":\"executionReport\",\"c\":\"brun1-3\",\"x\":\"NEW\",\"X\":\"NEW\",\"t\":-1}",
        matcher,
        alerts);
    OrderLatencyBench.onPrivate(
        "{\"e\":\"alert\",\"E\":1,\"a\":\"al-1\",\"s\":\"BTCUSDT\",\"k\":\"ORDER_FILLED\",\"n\":1,"
            + "\"p\":\"30000.00\",\"T\":"
            + (System.currentTimeMillis() - 40)
            + "}",
        matcher,
        alerts);
    assertThat(alerts.getTotalCount()).isEqualTo(1);
    assertThat(alerts.getMaxValue()).isBetween(40_000L, 10_000_000L);

    Histogram h = new Histogram(60_000_000L, 3);
    LatencyMatcher.Outcome o = matcher.finish(h);
    assertThat(frames.get()).isEqualTo(1);
    assertThat(o.tradesMeasured()).isEqualTo(1);
    assertThat(o.pairsWithoutTrade()).isEqualTo(4);

    history.observed(12, 1250);
    Histogram lag = new Histogram(60_000_000L, 3);
    assertThat(history.finish(lag).measured()).isEqualTo(1);
    assertThat(lag.getMaxValue()).isBetween(249_000L, 251_000L); // 1250 - T 1000 ms, in µs
  }

  @Test
  void aRefusedSubscriptionFailsTheWait() {
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    OrderLatencyBench.onPublic(
        "{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":1}",
        matcher,
        history,
        new AtomicLong(),
        subscribed);
    assertThat(subscribed).isCompletedExceptionally();
  }
}
