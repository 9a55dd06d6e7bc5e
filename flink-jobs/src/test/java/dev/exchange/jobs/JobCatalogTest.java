package dev.exchange.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.JobFlag;
import dev.exchange.jobs.common.JobSpec;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published catalog is the catalog: the committed jobs.json equals {@link JobCatalog#json()} (a
 * local build rewrites it, as it applies formatting; CI only checks), every entry class is a {@code
 * main}, and the deployment's job definitions take their entry classes from it.
 */
class JobCatalogTest {

  private static final Path COMMITTED = Path.of("src/main/resources", JobCatalog.RESOURCE);
  private static final Path BUILT = Path.of("target/classes", JobCatalog.RESOURCE);
  private static final Path TERRAFORM_ENVS = Path.of("../terraform/envs");

  @Test
  void theCommittedCatalogIsTheCatalog() throws IOException {
    String current = JobCatalog.json();
    String committed =
        Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
    if (!current.equals(committed) && System.getenv("CI") == null) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, current, StandardCharsets.UTF_8);
      Files.createDirectories(BUILT.getParent());
      Files.writeString(BUILT, current, StandardCharsets.UTF_8);
      System.out.println("JobCatalogTest: rewrote " + COMMITTED.toAbsolutePath() + ": commit it");
      committed = current;
    }
    assertThat(committed)
        .as(COMMITTED + " is out of date: build locally (CI unset) and commit it")
        .isEqualTo(current);
  }

  @Test
  void everyJobHasAUniqueNameAnEntryClassWithMainAndUniqueFlags() throws Exception {
    assertThat(JobCatalog.JOBS.stream().map(JobSpec::name))
        .doesNotHaveDuplicates()
        .containsExactly("accounts", "matching", "market-data", "history", "lakehouse", "alerts");
    for (JobSpec job : JobCatalog.JOBS) {
      Method main = job.entryClass().getMethod("main", String[].class);
      assertThat(Modifier.isStatic(main.getModifiers())).as(job.name()).isTrue();
      assertThat(job.entryClass().getField("NAME").get(null)).isEqualTo(job.name());
      assertThat(job.flags().stream().map(JobFlag::name)).as(job.name()).doesNotHaveDuplicates();
    }
  }

  @Test
  void onlyTheReadCommittedPacersTakeTheEnvironmentsCheckpointInterval() {
    assertThat(
            JobCatalog.JOBS.stream()
                .filter(JobSpec::environmentCheckpointInterval)
                .map(JobSpec::name))
        .containsExactly("matching", "market-data", "alerts");
  }

  /**
   * Each job of an environment's {@code flink_jobs} is named as in the catalog and takes its entry
   * class from the catalog ({@code local.job_catalog["<name>"].entryClass}), never a class name.
   */
  @Test
  void terraformTakesEntryClassesFromTheCatalog() throws IOException {
    List<String> names = JobCatalog.JOBS.stream().map(JobSpec::name).toList();
    List<Path> envs;
    try (Stream<Path> files = Files.list(TERRAFORM_ENVS)) {
      envs = files.map(env -> env.resolve("main.tf")).filter(Files::exists).sorted().toList();
    }
    assertThat(envs).isNotEmpty();
    for (Path mainTf : envs) {
      Map<String, String> entryClasses = entryClasses(Files.readString(mainTf));
      assertThat(entryClasses).as(mainTf.toString()).isNotEmpty();
      assertThat(names).as(mainTf.toString()).containsAll(entryClasses.keySet());
      entryClasses.forEach(
          (job, value) ->
              assertThat(value)
                  .as(mainTf + ": entry_class of " + job)
                  .isEqualTo("local.job_catalog[\"" + job + "\"].entryClass"));
      assertThat(Files.readString(mainTf))
          .as(mainTf + " reads the catalog")
          .contains("flink-jobs/src/main/resources/" + JobCatalog.RESOURCE);
    }
  }

  @Test
  void theTerraformReaderFindsEachJobsEntryClass() {
    String tf =
        """
          flink_jobs = {
            matching = {
              entry_class = local.job_catalog["matching"].entryClass
              parallelism = 2
            }
            market-data = {
              entry_class              = "dev.exchange.jobs.marketdata.MarketDataJob"
            }
          }
        """;
    assertThat(entryClasses(tf))
        .containsExactly(
            Map.entry("matching", "local.job_catalog[\"matching\"].entryClass"),
            Map.entry("market-data", "\"dev.exchange.jobs.marketdata.MarketDataJob\""));
  }

  private static final Pattern BLOCK = Pattern.compile("^\\s*([\\w-]+)\\s*=\\s*\\{\\s*$");
  private static final Pattern ENTRY_CLASS = Pattern.compile("^\\s*entry_class\\s*=\\s*(.+?)\\s*$");

  /** Job name to the expression of its {@code entry_class}: the block opened last before it. */
  static Map<String, String> entryClasses(String tf) {
    Map<String, String> found = new LinkedHashMap<>();
    List<String> open = new ArrayList<>();
    for (String line : tf.split("\n")) {
      Matcher block = BLOCK.matcher(line);
      Matcher entry = ENTRY_CLASS.matcher(line);
      if (block.matches()) {
        open.add(block.group(1));
      } else if (entry.matches()) {
        found.put(open.get(open.size() - 1), entry.group(1));
      }
    }
    return found;
  }
}
