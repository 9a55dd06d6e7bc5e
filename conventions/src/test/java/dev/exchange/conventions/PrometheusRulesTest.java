package dev.exchange.conventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The exchange's alert rules ({@code terraform/modules/observability/rules/exchange.rules.yml})
 * checked and unit-tested by Prometheus's own {@code promtool}: {@code check rules} (syntax,
 * PromQL) and {@code test rules} on {@code exchange.rules.test.yml} (each alert fires on the series
 * it is meant for, and not on the others).
 *
 * <p>promtool comes from Debian's {@code prometheus} package, unpacked by {@code ./exchange setup}
 * and {@code ./exchange test} into {@code ~/.cache/exchange/prometheus} ({@code EXCHANGE_PROMTOOL}
 * overrides the path). Without it the test is skipped locally and fails under {@code CI=true}.
 */
class PrometheusRulesTest {

  static final Path RULES =
      TerraformConventionsTest.REPO_ROOT.resolve("terraform/modules/observability/rules");

  @Test
  void rulesAreValidAndTheirUnitTestsPass() throws Exception {
    Path promtool = promtool();
    assertThat(run(promtool, "check", "rules", "exchange.rules.yml"))
        .contains("SUCCESS")
        .doesNotContain("FAILED");
    assertThat(run(promtool, "test", "rules", "exchange.rules.test.yml"))
        .contains("SUCCESS")
        .doesNotContain("FAILED");
  }

  @Test
  void everyAlertHasAUnitTest() throws IOException {
    List<String> alerts = names(RULES.resolve("exchange.rules.yml"), "- alert: ");
    List<String> tested = names(RULES.resolve("exchange.rules.test.yml"), "alertname: ");
    assertThat(alerts).isNotEmpty();
    assertThat(tested).containsAll(alerts);
  }

  private static List<String> names(Path file, String marker) throws IOException {
    return Files.readAllLines(file).stream()
        .map(String::strip)
        .filter(l -> l.startsWith(marker))
        .map(l -> l.substring(marker.length()).strip())
        .distinct()
        .toList();
  }

  static Path promtool() {
    String override = System.getenv("EXCHANGE_PROMTOOL");
    String cache = System.getenv("XDG_CACHE_HOME");
    Path path =
        override != null
            ? Path.of(override)
            : (cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("exchange/prometheus/root/usr/bin/promtool");
    boolean present = Files.isExecutable(path);
    if ("true".equals(System.getenv("CI"))) {
      assertThat(present)
          .as("promtool at %s (./exchange setup unpacks Debian's prometheus package there)", path)
          .isTrue();
    }
    assumeTrue(present, "no promtool at " + path + ": run ./exchange setup");
    return path;
  }

  private static String run(Path promtool, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(p.exitValue()).as("promtool %s exit status; output:%n%s", args[0], out).isZero();
    return out;
  }
}
