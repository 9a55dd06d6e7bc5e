package dev.exchange.bench.support;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of a histogram recorded in microseconds, formatted in milliseconds for
 * reports and for the markdown tables of docs/benchmarks.md.
 */
public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {

  /** Reads the percentiles of a histogram whose values are microseconds. */
  public static Percentiles ofMicros(Histogram h) {
    return new Percentiles(
        h.getTotalCount(),
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getValueAtPercentile(99.9)),
        ms(h.getMaxValue()));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  /** A milliseconds value as the reports print it: 0.1 ms resolution below 100 ms, whole above. */
  public static String fmt(double ms) {
    if (ms >= 100) {
      return String.format(Locale.ROOT, "%,d ms", Math.round(ms));
    }
    return String.format(Locale.ROOT, "%.1f ms", ms);
  }

  /** {@code p50 1.2 ms, p90 …, max …} on one line. */
  public String line() {
    return "p50 "
        + fmt(p50)
        + ", p90 "
        + fmt(p90)
        + ", p99 "
        + fmt(p99)
        + ", p99.9 "
        + fmt(p999)
        + ", max "
        + fmt(max)
        + " ("
        + String.format(Locale.ROOT, "%,d", count)
        + " samples)";
  }

  /** {@code | p50 | p90 | p99 | p99.9 | max |} cells, without the leading or trailing bar. */
  public String cells() {
    return fmt(p50) + " | " + fmt(p90) + " | " + fmt(p99) + " | " + fmt(p999) + " | " + fmt(max);
  }
}
