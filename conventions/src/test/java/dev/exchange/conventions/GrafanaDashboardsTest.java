package dev.exchange.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards ({@code terraform/modules/observability/dashboards/*.json}) parse, and
 * every metric their queries and the alert rules use exists: declared by a meter in the code
 * (Micrometer's {@code Counter/Timer/Gauge.builder("...")}, a Flink operator's {@code
 * counter/histogram/gauge("...")}) or one of {@link #PLATFORM} (Spring's, Flink's and Prometheus's
 * own). A renamed meter fails here instead of leaving an empty panel or an alert that never fires.
 */
class GrafanaDashboardsTest {

  private static final Path DASHBOARDS =
      TerraformConventionsTest.REPO_ROOT.resolve("terraform/modules/observability/dashboards");

  /** Metrics that no code of ours declares: the scrape's, Spring Boot's and Flink's built-ins. */
  static final Set<String> PLATFORM =
      Set.of(
          "up",
          "http_server_requests_seconds_count",
          "http_server_requests_seconds_bucket",
          "flink_taskmanager_job_task_operator_pendingRecords",
          "flink_jobmanager_job_lastCheckpointDuration",
          "flink_jobmanager_job_numberOfFailedCheckpoints",
          "flink_jobmanager_job_numberOfCompletedCheckpoints",
          "flink_jobmanager_job_numRestarts");

  private static final Pattern MICROMETER =
      Pattern.compile("(Counter|Timer|Gauge)\\.builder\\(\\s*\"([a-z][a-z0-9.]*)\"");

  /**
   * An operator's metric, after an optional {@code addGroup("key", value)}: the key joins the
   * exported name ({@code ..._operator_<key>_<name>}), the value becomes a label.
   */
  private static final Pattern FLINK =
      Pattern.compile(
          "(?:addGroup\\(\\s*\"([a-zA-Z]+)\"\\s*,[^)]*\\)\\s*)?"
              + "\\.(counter|histogram|gauge)\\(\\s*\"([a-zA-Z][a-zA-Z0-9]*)\"");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "sum",
          "max",
          "min",
          "avg",
          "count",
          "rate",
          "irate",
          "increase",
          "delta",
          "histogram_quantile",
          "topk",
          "bottomk",
          "abs",
          "clamp_min",
          "clamp_max",
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset");

  @Test
  void everyDashboardQueryUsesAnExistingMetric() throws IOException {
    Set<String> known = knownMetrics();
    Map<String, Set<String>> unknown = new TreeMap<>();
    List<Path> dashboards = dashboards();
    assertThat(dashboards).as("dashboards in %s", DASHBOARDS).isNotEmpty();
    for (Path file : dashboards) {
      JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
      assertThat(dashboard.path("uid").asText()).as("uid of %s", file).isNotBlank();
      assertThat(dashboard.path("title").asText()).as("title of %s", file).isNotBlank();
      List<String> queries = new ArrayList<>();
      for (JsonNode panel : dashboard.path("panels")) {
        assertThat(panel.path("targets").size())
            .as("queries of panel %s", panel.path("title"))
            .isPositive();
        for (JsonNode target : panel.path("targets")) {
          queries.add(target.path("expr").asText());
        }
      }
      for (String query : queries) {
        Set<String> metrics = metrics(query);
        assertThat(metrics).as("metrics of %s", query).isNotEmpty();
        metrics.stream()
            .filter(m -> !known.contains(m))
            .forEach(
                m ->
                    unknown
                        .computeIfAbsent(file.getFileName().toString(), f -> new TreeSet<>())
                        .add(m));
      }
    }
    assertThat(unknown).as("metrics no meter declares (known: %s)", known).isEmpty();
  }

  @Test
  void everyAlertRuleUsesAnExistingMetric() throws IOException {
    Set<String> known = knownMetrics();
    Set<String> unknown = new TreeSet<>();
    List<String> lines =
        Files.readAllLines(PrometheusRulesTest.RULES.resolve("exchange.rules.yml"));
    StringBuilder expressions = new StringBuilder();
    boolean inExpr = false;
    for (String line : lines) {
      String l = line.strip();
      if (l.startsWith("expr:")) {
        inExpr = true;
        expressions.append(l.substring(5)).append('\n');
      } else if (inExpr && !l.isEmpty() && !l.matches("[a-z_]+:.*")) {
        expressions.append(l).append('\n');
      } else {
        inExpr = false;
      }
    }
    Set<String> metrics = metrics(expressions.toString().replace(">-", ""));
    assertThat(metrics).contains("exchange_orders_rejected_total");
    metrics.stream().filter(m -> !known.contains(m)).forEach(unknown::add);
    assertThat(unknown).as("metrics no meter declares (known: %s)", known).isEmpty();
  }

  /** The metric names of a PromQL expression: identifiers outside labels, ranges and groupings. */
  static Set<String> metrics(String promql) {
    String bare =
        promql
            .replaceAll("\"[^\"]*\"", "")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
    Set<String> out = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      String word = m.group();
      int after = m.end();
      boolean call = bare.substring(after).stripLeading().startsWith("(");
      if (!PROMQL_WORDS.contains(word) && !call && !word.matches("[0-9.eE]+")) {
        out.add(word);
      }
    }
    return out;
  }

  /** Every metric our meters export, in Prometheus's naming, plus {@link #PLATFORM}. */
  static Set<String> knownMetrics() throws IOException {
    Set<String> known = new TreeSet<>(PLATFORM);
    try (Stream<Path> files = Files.walk(TerraformConventionsTest.REPO_ROOT)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> f.toString().contains("/src/main/java/"))
              .filter(f -> !f.toString().contains("/target/"))
              .toList()) {
        String source = Files.readString(file);
        Matcher micrometer = MICROMETER.matcher(source);
        while (micrometer.find()) {
          String base = micrometer.group(2).replace('.', '_');
          switch (micrometer.group(1)) {
            case "Counter" -> known.add(base + "_total");
            case "Timer" ->
                Stream.of("_count", "_sum", "_max", "_bucket")
                    .forEach(s -> known.add(base + "_seconds" + s));
            default -> known.add(base);
          }
        }
        Matcher flink = FLINK.matcher(source);
        while (flink.find()) {
          String name =
              "flink_taskmanager_job_task_operator_"
                  + (flink.group(1) == null ? "" : flink.group(1) + "_")
                  + flink.group(3);
          known.add(name);
          if (flink.group(2).equals("histogram")) {
            known.add(name + "_count");
          }
        }
      }
    }
    return known;
  }

  private static List<Path> dashboards() throws IOException {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }
}
