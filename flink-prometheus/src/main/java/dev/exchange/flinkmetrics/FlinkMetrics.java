package dev.exchange.flinkmetrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics of one Flink process as Prometheus metric families, read at every scrape.
 *
 * <p>Names and labels are those of Flink's own Prometheus reporter, so that rules and dashboards do
 * not depend on which reporter runs: {@code flink_<logical scope>_<name>} with every character
 * outside {@code [a-zA-Z0-9:_]} replaced by {@code _} (a key group of {@code addGroup(key, value)}
 * is part of the logical scope, its value a label), and every scope variable ({@code <job_name>},
 * {@code <task_name>}, {@code <operator_name>}, {@code <subtask_index>}, {@code <tm_id>}, ...) as a
 * label without its angle brackets. Counters are gauges of their count (no {@code _total}), meters
 * gauges of their rate per second, gauges of numbers (and booleans, as 1 or 0) gauges, histograms
 * summaries with the quantiles {@link #QUANTILES} and a {@code _count}. Gauges of anything else,
 * and a gauge that throws, are left out of the scrape.
 */
final class FlinkMetrics implements MultiCollector {

  /** The quantiles of a histogram's summary, as Flink's reporter exports them. */
  static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-zA-Z0-9:_]");
  private static final CharacterFilter FILTER = FlinkMetrics::replaceInvalidChars;
  private static final String PREFIX = "flink_";

  private record Key(String name, Labels labels) {}

  private record Registered(String help, Metric metric) {}

  private final Map<Key, Registered> metrics = new ConcurrentHashMap<>();
  private final boolean filterLabelValues;

  /**
   * @param filterLabelValues whether label values get the names' character filter too (Flink's
   *     {@code filterLabelValueCharacters}, on by default: {@code market-data} becomes {@code
   *     market_data})
   */
  FlinkMetrics(boolean filterLabelValues) {
    this.filterLabelValues = filterLabelValues;
  }

  /** Flink's replacement of the characters Prometheus names may not contain. */
  static String replaceInvalidChars(String input) {
    return NOT_ALLOWED.matcher(input).replaceAll("_");
  }

  /** The Prometheus name of {@code metricName} in {@code group}. */
  static String name(String metricName, MetricGroup group) {
    return PREFIX + logicalScope(group) + "_" + FILTER.filterCharacters(metricName);
  }

  private static String logicalScope(MetricGroup group) {
    return LogicalScopeProvider.castFrom(group).getLogicalScope(FILTER, '_');
  }

  /** Exports {@code metric}; one already exported under the same name and labels is replaced. */
  void add(Metric metric, String metricName, MetricGroup group) {
    String name = name(metricName, group);
    if (!PrometheusNaming.isValidMetricName(name)) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a name Prometheus accepts (reserved suffix)");
    }
    String help = metricName + " (scope: " + logicalScope(group) + ")";
    metrics.put(new Key(name, labels(group)), new Registered(help, metric));
  }

  /** Stops exporting the metric {@code metricName} of {@code group}. */
  void remove(String metricName, MetricGroup group) {
    metrics.remove(new Key(name(metricName, group), labels(group)));
  }

  private Labels labels(MetricGroup group) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> variable : group.getAllVariables().entrySet()) {
      String key = variable.getKey();
      names.add(replaceInvalidChars(key.substring(1, key.length() - 1)));
      values.add(
          filterLabelValues ? replaceInvalidChars(variable.getValue()) : variable.getValue());
    }
    return Labels.of(names, values);
  }

  @Override
  public MetricSnapshots collect() {
    Map<String, List<Map.Entry<Key, Registered>>> byName = new TreeMap<>();
    for (Map.Entry<Key, Registered> entry : metrics.entrySet()) {
      byName.computeIfAbsent(entry.getKey().name(), n -> new ArrayList<>()).add(entry);
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    byName.forEach(
        (name, family) -> {
          String help = family.get(0).getValue().help();
          if (family.get(0).getValue().metric() instanceof Histogram) {
            snapshots.add(summary(name, help, family));
          } else {
            snapshots.add(gauge(name, help, family));
          }
        });
    return new MetricSnapshots(snapshots);
  }

  private static MetricSnapshot gauge(
      String name, String help, List<Map.Entry<Key, Registered>> family) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
    for (Map.Entry<Key, Registered> entry : family) {
      value(entry.getValue().metric())
          .ifPresent(
              v ->
                  gauge.dataPoint(
                      GaugeDataPointSnapshot.builder()
                          .labels(entry.getKey().labels())
                          .value(v)
                          .build()));
    }
    return gauge.build();
  }

  private static MetricSnapshot summary(
      String name, String help, List<Map.Entry<Key, Registered>> family) {
    SummarySnapshot.Builder summary = SummarySnapshot.builder().name(name).help(help);
    for (Map.Entry<Key, Registered> entry : family) {
      if (entry.getValue().metric() instanceof Histogram histogram) {
        HistogramStatistics statistics = histogram.getStatistics();
        List<Quantile> quantiles = new ArrayList<>();
        for (double q : QUANTILES) {
          quantiles.add(new Quantile(q, statistics.getQuantile(q)));
        }
        summary.dataPoint(
            SummaryDataPointSnapshot.builder()
                .labels(entry.getKey().labels())
                .count(histogram.getCount())
                .quantiles(Quantiles.of(quantiles))
                .build());
      }
    }
    return summary.build();
  }

  /** A counter's count, a meter's rate, a gauge's number; empty for anything else. */
  private static OptionalDouble value(Metric metric) {
    if (metric instanceof Counter counter) {
      return OptionalDouble.of(counter.getCount());
    }
    if (metric instanceof Meter meter) {
      return OptionalDouble.of(meter.getRate());
    }
    if (metric instanceof Gauge<?> gauge) {
      Object value;
      try {
        value = gauge.getValue();
      } catch (RuntimeException e) {
        // A gauge of a task being torn down may throw; the scrape goes on without it.
        return OptionalDouble.empty();
      }
      if (value instanceof Number number) {
        return OptionalDouble.of(number.doubleValue());
      }
      if (value instanceof Boolean flag) {
        return OptionalDouble.of(flag ? 1 : 0);
      }
    }
    return OptionalDouble.empty();
  }
}
