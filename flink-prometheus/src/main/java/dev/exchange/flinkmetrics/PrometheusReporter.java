package dev.exchange.flinkmetrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Iterator;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.util.NetUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the metrics of its Flink process ({@link FlinkMetrics}) on {@code
 * http://<host>:<port>/metrics} in Prometheus's text format. Settings ({@code
 * metrics.reporter.<name>.<setting>}): {@value #PORT}, a port or a range such as {@code 9249-9250}
 * of which the first free one is taken (a JobManager and a TaskManager on one host), default
 * {@value #DEFAULT_PORT}; {@value #HOST}, the address to bind, default every interface; {@value
 * #FILTER_LABEL_VALUE_CHARACTERS}, as Flink's reporter, default true.
 */
public final class PrometheusReporter implements MetricReporter {

  static final String PORT = "port";
  static final String DEFAULT_PORT = "9249";
  static final String HOST = "host";
  static final String FILTER_LABEL_VALUE_CHARACTERS = "filterLabelValueCharacters";

  private static final Logger LOG = LoggerFactory.getLogger(PrometheusReporter.class);

  private FlinkMetrics metrics;
  private HTTPServer server;

  @Override
  public void open(MetricConfig config) {
    metrics = new FlinkMetrics(config.getBoolean(FILTER_LABEL_VALUE_CHARACTERS, true));
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(metrics);
    String ports = config.getString(PORT, DEFAULT_PORT);
    String host = config.getString(HOST, null);
    server = start(registry, ports, host);
    LOG.info("Prometheus metrics on port {} (/metrics)", server.getPort());
  }

  private static HTTPServer start(PrometheusRegistry registry, String ports, String host) {
    Iterator<Integer> range;
    try {
      range = NetUtils.getPortRangeFromString(ports);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "metrics reporter setting '" + PORT + "' is not a port or port range: '" + ports + "'",
          e);
    }
    IOException last = null;
    while (range.hasNext()) {
      int port = range.next();
      try {
        HTTPServer.Builder builder = HTTPServer.builder().port(port).registry(registry);
        if (host != null) {
          builder.hostname(host);
        }
        return builder.buildAndStart();
      } catch (IOException e) {
        last = e;
      }
    }
    throw new IllegalStateException(
        "no port of '" + ports + "' is free for the Prometheus metrics endpoint", last);
  }

  /** The port the endpoint listens on. */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    try {
      metrics.add(metric, metricName, group);
    } catch (IllegalArgumentException e) {
      LOG.warn("Metric {} not exported: {}", metricName, e.getMessage());
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    metrics.remove(metricName, group);
  }
}
