package dev.exchange.flinkmetrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Creates the {@link PrometheusReporter}: {@code metrics.reporter.prom.factory.class:
 * dev.exchange.flinkmetrics.PrometheusReporterFactory} (registered in {@code META-INF/services}).
 */
public final class PrometheusReporterFactory implements MetricReporterFactory {

  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    return new PrometheusReporter();
  }
}
