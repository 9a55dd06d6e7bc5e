package dev.exchange.bench.e2e;

import dev.exchange.bench.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Trade → PostgreSQL row lag, seen from outside: a thread asks history-service for the symbol's
 * latest trade ({@code GET /api/v3/trades?symbol=S&limit=1}, served from the hot tier) every {@link
 * #POLL} and notes when each higher trade id first appears. A trade's lag is that moment minus its
 * trade time ({@code T} of its public frame, the engine's clock, the same machine's wall clock
 * here). Trade ids are gapless per symbol and rows of one symbol are written in order, so a row
 * with a higher id means the lower ones are there too. Resolution is the poll interval.
 */
public final class HistoryLag {

  static final Duration POLL = Duration.ofMillis(50);

  private final HttpClient http;
  private final URI latest;
  private final LongSupplier wallMillis;
  private final Map<Long, Long> tradeTimes = new HashMap<>();
  private final List<long[]> seen = new ArrayList<>();
  private volatile boolean running;
  private Thread poller;
  private long failures;

  HistoryLag(HttpClient http, URI base, String symbol, LongSupplier wallMillis) {
    this.http = http;
    this.latest = base.resolve("/api/v3/trades?symbol=" + symbol + "&limit=1");
    this.wallMillis = wallMillis;
  }

  /** A public trade frame: trade {@code tradeId} happened at {@code tradeTimeMillis}. */
  synchronized void traded(long tradeId, long tradeTimeMillis) {
    tradeTimes.putIfAbsent(tradeId, tradeTimeMillis);
  }

  /** The highest trade id in history-service at {@code atMillis}. */
  synchronized void observed(long maxTradeId, long atMillis) {
    if (seen.isEmpty() || seen.get(seen.size() - 1)[1] < maxTradeId) {
      seen.add(new long[] {atMillis, maxTradeId});
    }
  }

  void start() {
    running = true;
    poller =
        new Thread(
            () -> {
              while (running) {
                poll();
                LockSupport.parkNanos(POLL.toNanos());
              }
            },
            "bench-history-lag");
    poller.setDaemon(true);
    poller.start();
  }

  /** Polls until every trade seen on the stream is in history, or {@code patience} passed. */
  void stop(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline && !allArrived()) {
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
    running = false;
    poller.join(TimeUnit.SECONDS.toMillis(10));
  }

  private synchronized boolean allArrived() {
    long max = tradeTimes.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
    return !seen.isEmpty() && seen.get(seen.size() - 1)[1] >= max;
  }

  private void poll() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(latest).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      long now = wallMillis.getAsLong();
      if (r.statusCode() == 200 && Json.parse(r.body()) instanceof List<?> rows) {
        for (Object row : rows) {
          if (row instanceof Map<?, ?> m && m.get("id") instanceof Number id) {
            observed(id.longValue(), now);
          }
        }
      } else {
        failures++;
      }
    } catch (java.io.IOException e) {
      failures++;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** What was measured: lag per trade seen on the stream, and trades never seen in history. */
  public record Outcome(long measured, long missing, long failedPolls) {}

  /** Records each trade's lag in microseconds into {@code micros}. */
  synchronized Outcome finish(Histogram micros) {
    long measured = 0;
    long missing = 0;
    for (Map.Entry<Long, Long> e : tradeTimes.entrySet()) {
      long arrived = firstAtOrAbove(e.getKey());
      if (arrived < 0) {
        missing++;
        continue;
      }
      long lag = Math.max(0, arrived - e.getValue()) * 1000;
      micros.recordValue(Math.min(lag, micros.getHighestTrackableValue()));
      measured++;
    }
    return new Outcome(measured, missing, failures);
  }

  /** When history first held trade {@code tradeId} or a later one; -1 if it never did. */
  private long firstAtOrAbove(long tradeId) {
    int lo = 0;
    int hi = seen.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (seen.get(mid)[1] >= tradeId) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo == seen.size() ? -1 : seen.get(lo)[0];
  }
}
