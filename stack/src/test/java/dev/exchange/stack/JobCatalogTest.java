package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stack submits the jobs of the catalog in flink-jobs.jar with its values for their flags. */
class JobCatalogTest {

  private static final Path JOB_JAR = Path.of("../flink-jobs/target/flink-jobs.jar");

  private static final Map<String, List<String>> SUPPLIED =
      Map.of(
          "bootstrap-servers", List.of("127.0.0.1:9092"),
          "checkpoint-interval-ms", List.of("500"),
          "jdbc-url", List.of("jdbc:postgresql://127.0.0.1:5432/exchange"),
          "lakehouse.", List.of("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog", "uri", "u"),
          "not-a-flag-of-any-job", List.of("x"));

  @Test
  void theJarListsEveryJobInStartOrder() {
    List<JobCatalog.Entry> catalog = JobCatalog.read(JOB_JAR);
    assertThat(catalog)
        .extracting(JobCatalog.Entry::name, JobCatalog.Entry::environmentCheckpointInterval)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("accounts", false),
            org.assertj.core.groups.Tuple.tuple("matching", true),
            org.assertj.core.groups.Tuple.tuple("market-data", true),
            org.assertj.core.groups.Tuple.tuple("history", false),
            org.assertj.core.groups.Tuple.tuple("lakehouse", false),
            org.assertj.core.groups.Tuple.tuple("alerts", true));
    assertThat(catalog.get(0).entryClass()).isEqualTo("dev.exchange.jobs.accounts.AccountsJob");
    assertThat(catalog.get(1).entryClass()).isEqualTo("dev.exchange.jobs.matching.MatchingJob");
    assertThat(catalog).allSatisfy(e -> assertThat(e.flags()).contains("bootstrap-servers"));
  }

  @Test
  void aJobGetsTheSuppliedValuesOfItsOwnFlagsOnly() {
    Map<String, JobCatalog.Entry> byName =
        JobCatalog.read(JOB_JAR).stream()
            .collect(java.util.stream.Collectors.toMap(JobCatalog.Entry::name, e -> e));

    // The history job takes the lakehouse's catalog too: its retention asks Iceberg before a drop.
    assertThat(byName.get("history").submission(SUPPLIED).args())
        .containsExactly(
            "--bootstrap-servers",
            "127.0.0.1:9092",
            "--checkpoint-interval-ms",
            "500",
            "--jdbc-url",
            "jdbc:postgresql://127.0.0.1:5432/exchange",
            "--lakehouse.catalog-impl",
            "org.apache.iceberg.jdbc.JdbcCatalog",
            "--lakehouse.uri",
            "u");
    assertThat(byName.get("lakehouse").submission(SUPPLIED).args())
        .containsExactly(
            "--bootstrap-servers",
            "127.0.0.1:9092",
            "--checkpoint-interval-ms",
            "500",
            "--lakehouse.catalog-impl",
            "org.apache.iceberg.jdbc.JdbcCatalog",
            "--lakehouse.uri",
            "u");
    StackJob matching = byName.get("matching").submission(SUPPLIED);
    assertThat(matching.name()).isEqualTo("matching");
    assertThat(matching.entryClass()).isEqualTo("dev.exchange.jobs.matching.MatchingJob");
    assertThat(matching.args()).doesNotContain("--jdbc-url", "--lakehouse.uri");
    assertThat(
            byName.values().stream()
                .map(e -> e.submission(SUPPLIED))
                .filter(StackJob::refusesEmptyStart)
                .map(StackJob::name))
        .as("the jobs that hold the exchange's state refuse to start without it")
        .containsExactlyInAnyOrder("accounts", "matching");
  }
}
