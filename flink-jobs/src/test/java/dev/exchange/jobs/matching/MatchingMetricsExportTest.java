package dev.exchange.jobs.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.FlinkMiniCluster;
import dev.exchange.localservices.Resources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The matching job's metrics as Prometheus scrapes them: a MiniCluster with the clusters' reporter
 * ({@code dev.exchange.flinkmetrics.PrometheusReporterFactory}, flink-prometheus) runs the job's
 * graph on a generator of undecodable commands, and the test reads {@code /metrics} over HTTP. The
 * names and labels asserted here are the ones the alert rules and dashboards query
 * (docs/observability.md).
 */
class MatchingMetricsExportTest {

  private static final int PORT = Resources.freePort();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      FlinkMiniCluster.extension(
          Map.of(
              "metrics.reporter.prom.factory.class",
              "dev.exchange.flinkmetrics.PrometheusReporterFactory",
              "metrics.reporter.prom.port",
              Integer.toString(PORT),
              "metrics.reporter.prom.host",
              "127.0.0.1"));

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  /** One line of the text format. */
  record Sample(String name, Map<String, String> labels, double value) {}

  @Test
  void theJobsCountersHistogramsAndCheckpointsAreScrapedWithTheirScopeAsLabels() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(200);
    DataGeneratorSource<RawRecord> commands =
        new DataGeneratorSource<>(
            index ->
                new RawRecord(
                    "BTCUSDT",
                    "not a command".getBytes(StandardCharsets.UTF_8),
                    "exchange.orders",
                    0,
                    index,
                    System.currentTimeMillis()),
            Long.MAX_VALUE,
            RateLimiterStrategy.perSecond(20),
            TypeInformation.of(RawRecord.class));
    MatchingJob.build(env, commands, new DiscardingSink<>(), TopicNames.standard(), 1000, true);
    JobClient job = env.executeAsync(MatchingJob.NAME);
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                List<Sample> samples = scrape();
                assertThat(samples)
                    .anySatisfy(
                        exported(
                            "flink_taskmanager_job_task_operator_numRecordsIn",
                            Map.of("job_name", "matching", "operator_name", "match_per_symbol"),
                            true))
                    .anySatisfy(
                        s -> {
                          assertThat(s.name())
                              .isEqualTo("flink_taskmanager_job_task_operator_numRecordsIn");
                          assertThat(s.labels())
                              .containsKeys("subtask_index", "tm_id", "task_name", "host");
                        })
                    .anySatisfy(
                        exported(
                            "flink_taskmanager_job_task_operator_reason_deadLetters",
                            Map.of("job_name", "matching", "reason", "MALFORMED_COMMAND"),
                            true))
                    .anySatisfy(
                        exported(
                            "flink_taskmanager_job_task_operator_matchingLatencyMs",
                            Map.of("job_name", "matching", "quantile", "0.99"),
                            false))
                    .anySatisfy(
                        exported(
                            "flink_taskmanager_job_task_operator_matchingLatencyMs_count",
                            Map.of("job_name", "matching"),
                            true))
                    .anySatisfy(
                        exported(
                            "flink_taskmanager_job_task_numRecordsInPerSecond",
                            Map.of("job_name", "matching"),
                            false))
                    .anySatisfy(
                        exported(
                            "flink_jobmanager_job_numberOfCompletedCheckpoints",
                            Map.of("job_name", "matching"),
                            true))
                    .anySatisfy(
                        exported(
                            "flink_jobmanager_job_lastCheckpointDuration",
                            Map.of("job_name", "matching"),
                            false));
              });
    } finally {
      job.cancel().get();
    }
  }

  /** A sample of {@code name} with (at least) {@code labels}, above zero if {@code positive}. */
  private static Consumer<Sample> exported(
      String name, Map<String, String> labels, boolean positive) {
    return s -> {
      assertThat(s.name()).isEqualTo(name);
      assertThat(s.labels()).containsAllEntriesOf(labels);
      if (positive) {
        assertThat(s.value()).as("value of %s", name).isPositive();
      }
    };
  }

  private static List<Sample> scrape() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("scrape status").isEqualTo(200);
    return response.body().lines().filter(l -> !l.startsWith("#")).map(l -> sample(l)).toList();
  }

  private static Sample sample(String line) {
    Matcher m = SAMPLE.matcher(line);
    assertThat(m.matches()).as("a sample line: %s", line).isTrue();
    Map<String, String> labels = new TreeMap<>();
    if (m.group(2) != null) {
      Matcher label = LABEL.matcher(m.group(2));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
    }
    return new Sample(
        m.group(1), labels, Double.parseDouble(m.group(3).replace("Inf", "Infinity")));
  }
}
