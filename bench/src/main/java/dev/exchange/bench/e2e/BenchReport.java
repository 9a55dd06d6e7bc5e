package dev.exchange.bench.e2e;

import dev.exchange.bench.support.Percentiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report of one {@code OrderLatencyBench} run, as printed and as appended to docs/benchmarks.md
 * (a markdown block under the end-to-end section, with the command).
 */
public record BenchReport(
    String startedAt,
    String command,
    String symbol,
    int rate,
    int seconds,
    int accounts,
    int subscribers,
    long ordersScheduled,
    long ordersSent,
    Map<Integer, Long> statuses,
    Map<String, Long> transportErrors,
    double achievedRate,
    Percentiles orderToTrade,
    Percentiles orderToAck,
    LatencyMatcher.Outcome join,
    Percentiles tradeToHistory,
    HistoryLag.Outcome historyJoin,
    Percentiles fillToAlert,
    String loadBefore,
    String loadAfter,
    StackCpu cpu,
    StageLatency.Outcome accountsStage) {

  /** The markdown block appended to docs/benchmarks.md. */
  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("\n### ")
        .append(startedAt)
        .append(": ")
        .append(String.format(Locale.ROOT, "%,d", rate))
        .append(" orders/s for ")
        .append(seconds)
        .append(" s on ")
        .append(symbol)
        .append("\n\n```\n")
        .append(command)
        .append("\n```\n\n");
    b.append("| latency | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|\n");
    b.append("| order scheduled → trade frame on ")
        .append(subscribers)
        .append(" WebSocket subscriber(s) (")
        .append(String.format(Locale.ROOT, "%,d", orderToTrade.count()))
        .append(" samples) | ")
        .append(orderToTrade.cells())
        .append(" |\n");
    b.append("| order scheduled → HTTP response (")
        .append(String.format(Locale.ROOT, "%,d", orderToAck.count()))
        .append(" responses) | ")
        .append(orderToAck.cells())
        .append(" |\n");
    b.append("| trade time → its row in PostgreSQL (history-service polled every ")
        .append(HistoryLag.POLL.toMillis())
        .append(" ms; ")
        .append(String.format(Locale.ROOT, "%,d", tradeToHistory.count()))
        .append(" trades) | ")
        .append(tradeToHistory.cells())
        .append(" |\n");
    if (fillToAlert.count() > 0) {
      b.append("| fill's match time → its ORDER_FILLED alert on the owner's private stream (")
          .append(String.format(Locale.ROOT, "%,d", fillToAlert.count()))
          .append(" alerts) | ")
          .append(fillToAlert.cells())
          .append(" |\n");
    }
    if (accountsStage != null) {
      Percentiles stage = Percentiles.ofMicros(accountsStage.micros());
      b.append(
              "| accounts stage: order request on account-commands → forwarded on orders (one Kafka")
          .append(" consumer reads both; ")
          .append(String.format(Locale.ROOT, "%,d", stage.count()))
          .append(" orders) | ")
          .append(stage.cells())
          .append(" |\n");
    }
    b.append('\n').append(summary()).append('\n');
    if (cpu != null) {
      b.append('\n').append(cpu.markdown());
    }
    return b.toString();
  }

  /** The plain facts under the table: counts, statuses, joins, load. */
  public String summary() {
    StringBuilder statusText = new StringBuilder();
    for (Map.Entry<Integer, Long> e : new TreeMap<>(statuses).entrySet()) {
      if (statusText.length() > 0) {
        statusText.append(", ");
      }
      statusText
          .append(e.getKey())
          .append(": ")
          .append(String.format(Locale.ROOT, "%,d", e.getValue()));
    }
    return String.format(
            Locale.ROOT,
            "Orders: %,d scheduled, %,d sent (%,.0f/s achieved), HTTP statuses {%s}, %,d transport"
                + " errors%s; %d accounts. Trades measured %,d; trade frames without a bench fill %,d;"
                + " bench fills never seen on the public stream %,d; pairs that did not trade %,d;"
                + " fills of other clients' orders %,d. Trades not in history 60 s after the last"
                + " frame %,d (history polls that failed %,d). Load average %s before, %s after.",
            ordersScheduled,
            ordersSent,
            achievedRate,
            statusText.length() == 0 ? "none" : statusText,
            transportErrors.values().stream().mapToLong(Long::longValue).sum(),
            errorText(),
            accounts,
            join.tradesMeasured(),
            join.tradesWithoutFill(),
            join.fillsWithoutTrade(),
            join.pairsWithoutTrade(),
            join.foreignFills(),
            historyJoin.missing(),
            historyJoin.failedPolls(),
            loadBefore,
            loadAfter)
        + (accountsStage == null
            ? ""
            : String.format(
                Locale.ROOT,
                " Accounts stage: %,d orders seen forwarded before requested (counted as 0 ms),"
                    + " requests never forwarded %,d, forwarded orders never seen requested %,d.",
                accountsStage.seenInverted(),
                accountsStage.requestsNotForwarded(),
                accountsStage.forwardedNotRequested()));
  }

  private String errorText() {
    if (transportErrors.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(" (");
    transportErrors.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e -> {
              if (b.length() > 2) {
                b.append("; ");
              }
              b.append(e.getKey())
                  .append(" × ")
                  .append(String.format(Locale.ROOT, "%,d", e.getValue()));
            });
    return b.append(')').toString();
  }

  /** The console form. */
  public String text() {
    return "order scheduled -> trade received: "
        + orderToTrade.line()
        + "\norder scheduled -> HTTP response:  "
        + orderToAck.line()
        + "\ntrade time -> row in history:     "
        + tradeToHistory.line()
        + (accountsStage == null
            ? ""
            : "\naccounts stage (Kafka -> Kafka):  "
                + Percentiles.ofMicros(accountsStage.micros()).line())
        + "\n"
        + summary()
        + (cpu == null ? "" : "\n\n" + cpu.markdown());
  }

  /** Appends {@link #markdown} to {@code file} (created with a heading if missing). */
  public void appendTo(Path file) throws IOException {
    if (!Files.exists(file)) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, "# Benchmarks\n", StandardCharsets.UTF_8);
    }
    Files.writeString(file, markdown(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
