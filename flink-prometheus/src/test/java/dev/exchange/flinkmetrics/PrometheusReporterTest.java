package dev.exchange.flinkmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.flink.metrics.MetricConfig;
import org.junit.jupiter.api.Test;

/**
 * The reporter's endpoint and settings; what it exports of a running job is in flink-jobs'
 * MatchingMetricsExportTest.
 */
class PrometheusReporterTest {

  @Test
  void aTakenPortOfTheRangeIsSkippedAndTheEndpointServesTheTextFormat() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket taken = new ServerSocket(0, 50, loopback)) {
      int free;
      try (ServerSocket probe = new ServerSocket(0, 50, loopback)) {
        free = probe.getLocalPort();
      }
      PrometheusReporter reporter = new PrometheusReporter();
      reporter.open(config(taken.getLocalPort() + "," + free));
      try {
        assertThat(reporter.port()).isEqualTo(free);
        HttpResponse<String> response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + free + "/metrics"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      } finally {
        reporter.close();
      }
    }
  }

  @Test
  void noFreePortInTheRangeAndAPortThatIsNoneAreRefusedByName() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      String port = Integer.toString(taken.getLocalPort());
      assertThatThrownBy(() -> new PrometheusReporter().open(config(port)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("no port of '" + port + "' is free for the Prometheus metrics endpoint");
    }
    assertThatThrownBy(() -> new PrometheusReporter().open(config("metrics")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metrics reporter setting 'port' is not a port or port range: 'metrics'");
  }

  private static MetricConfig config(String port) {
    MetricConfig config = new MetricConfig();
    config.setProperty(PrometheusReporter.PORT, port);
    config.setProperty(PrometheusReporter.HOST, "127.0.0.1");
    return config;
  }
}
