package dev.exchange.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.bench.support.Percentiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

  private static BenchReport report() {
    Histogram trade = new Histogram(60_000_000L, 3);
    for (int i = 1; i <= 1000; i++) {
      trade.recordValue(i * 100L); // 0.1 .. 100 ms
    }
    Histogram ack = new Histogram(60_000_000L, 3);
    ack.recordValue(2_500);
    Histogram history = new Histogram(60_000_000L, 3);
    history.recordValue(800_000);
    Histogram alert = new Histogram(60_000_000L, 3);
    alert.recordValue(12_000);
    Histogram stage = new Histogram(60_000_000L, 3);
    stage.recordValue(3_000);
    return new BenchReport(
        "2026-11-21T03:00:00Z",
        "./exchange bench --rate 2500 --seconds 60",
        "BTCUSDT",
        2500,
        60,
        100,
        2,
        150_000,
        150_000,
        Map.of(202, 149_990L, 429, 10L),
        Map.of("HttpTimeoutException: request timed out", 7L, "IOException: connection reset", 2L),
        2499.6,
        Percentiles.ofMicros(trade),
        Percentiles.ofMicros(ack),
        new LatencyMatcher.Outcome(500, 1000, 3, 0, 5, 0),
        Percentiles.ofMicros(history),
        new HistoryLag.Outcome(500, 2, 1),
        Percentiles.ofMicros(alert),
        "1.00 2.00 3.00",
        "1.50 2.00 3.00",
        new StackCpu(
            30,
            Map.of("kafka", 3.0, "flink-taskmanager", 6.0),
            60,
            Map.of("kafka", 12.0, "flink-taskmanager", 48.0, "edge-api", 15.0),
            0.3,
            9.0,
            150_000),
        new StageLatency.Outcome(stage, 2, 4, 1));
  }

  @Test
  void theCpuTableGivesCoresAndCpuPerOrderForEveryProcessAndTheTotal() {
    String md = report().markdown();
    assertThat(md)
        .contains(
            "CPU from /proc: idle window 30 s (no orders), load window 60 s (150,000 orders).")
        // 48 s over 60 s = 0.8 cores; 48 s / 150,000 orders = 320 µs; above idle 0.2 cores × 60 s
        .contains("| flink-taskmanager | 0.200 | 0.800 | 48.00 | 320 | 240 |")
        .contains("| edge-api | 0.000 | 0.250 | 15.00 | 100 | 100 |")
        .contains("| **all stack processes** | 0.300 | 1.250 | 75.00 | 500 | 380 |")
        .contains("| load generator (apart) | 0.010 | 0.150 | 9.00 | 60 | 56 |");
    assertThat(report().cpu().microsPerOrder()).isEqualTo(500.0);
  }

  @Test
  void theMarkdownBlockCarriesTheCommandTheTableAndTheCounts() {
    String md = report().markdown();
    assertThat(md)
        .startsWith("\n### 2026-11-21T03:00:00Z: 2,500 orders/s for 60 s on BTCUSDT\n\n```\n")
        .contains("```\n./exchange bench --rate 2500 --seconds 60\n```")
        .contains("| latency | p50 | p90 | p99 | p99.9 | max |")
        .contains(
            "| order scheduled → trade frame on 2 WebSocket subscriber(s) (1,000 samples) |"
                + " 50.0 ms | 90.0 ms | 99.0 ms | 99.9 ms | 100 ms |")
        .contains("| order scheduled → HTTP response (1 responses) | 2.5 ms | 2.5 ms | 2.5 ms |")
        .contains(
            "HTTP statuses {202: 149,990, 429: 10}, 9 transport errors (HttpTimeoutException:"
                + " request timed out × 7; IOException: connection reset × 2); 100 accounts.")
        .contains("Trades measured 500; trade frames without a bench fill 3;")
        .contains("pairs that did not trade 5;")
        .contains(
            "| trade time → its row in PostgreSQL (history-service polled every 50 ms; 1 trades)"
                + " | 800 ms | 800 ms | 800 ms | 800 ms | 800 ms |")
        .contains(
            "Trades not in history 60 s after the last frame 2 (history polls that failed 1).")
        .contains("Load average 1.00 2.00 3.00 before, 1.50 2.00 3.00 after.")
        .contains(
            "| fill's match time → its ORDER_FILLED alert on the owner's private stream (1 alerts)"
                + " | 12.0 ms | 12.0 ms | 12.0 ms |")
        .contains(
            "| accounts stage: order request on account-commands → forwarded on orders (one Kafka"
                + " consumer reads both; 1 orders) | 3.0 ms | 3.0 ms | 3.0 ms |")
        .contains(
            "Accounts stage: 2 orders seen forwarded before requested (counted as 0 ms), requests"
                + " never forwarded 4, forwarded orders never seen requested 1.");
  }

  @Test
  void appendingKeepsWhatTheFileHadAndCreatesAMissingOne(@TempDir Path dir) throws Exception {
    Path existing = dir.resolve("benchmarks.md");
    Files.writeString(existing, "# Benchmarks\n\nolder results\n");
    report().appendTo(existing);
    report().appendTo(existing);
    String text = Files.readString(existing);
    assertThat(text).startsWith("# Benchmarks\n\nolder results\n\n### 2026-11-21T03:00:00Z");
    assertThat(text.split("### 2026-11-21T03:00:00Z", -1)).hasSize(3);

    Path fresh = dir.resolve("docs/new.md");
    report().appendTo(fresh);
    assertThat(Files.readString(fresh)).startsWith("# Benchmarks\n\n### ");
  }

  @Test
  void millisecondsArePrintedWithATenthBelowAHundredAndWholeAbove() {
    assertThat(Percentiles.fmt(0.04)).isEqualTo("0.0 ms");
    assertThat(Percentiles.fmt(12.345)).isEqualTo("12.3 ms");
    assertThat(Percentiles.fmt(1234.5)).isEqualTo("1,235 ms");
  }

  @Test
  void aTransportErrorIsNamedByItsRootCause() {
    Exception wrapped =
        new java.util.concurrent.CompletionException(
            new java.io.IOException("outer", new java.net.ConnectException("Connection refused")));
    assertThat(OrderLatencyBench.errorKind(wrapped))
        .isEqualTo("ConnectException: Connection refused");
    assertThat(OrderLatencyBench.errorKind(new java.net.http.HttpTimeoutException(" ")))
        .isEqualTo("HttpTimeoutException");
  }
}
