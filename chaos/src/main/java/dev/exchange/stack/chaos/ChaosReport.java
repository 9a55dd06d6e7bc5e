package dev.exchange.stack.chaos;

import java.time.Duration;
import java.util.List;

/** The chaos run's outcomes as the Markdown table docs/reliability.md keeps. */
public final class ChaosReport {

  private ChaosReport() {}

  /** Every fault recovered and nothing was lost, duplicated or inconsistent; the cold tier too. */
  public static boolean passed(List<ChaosRun.Outcome> outcomes, int faults) {
    return outcomes.size() == faults + 1
        && outcomes.stream()
            .allMatch(
                o ->
                    o.recovery().isPresent()
                        && o.lost() == 0
                        && o.duplicated() == 0
                        && o.problems().isEmpty());
  }

  public static String markdown(
      List<ChaosRun.Outcome> outcomes, ChaosRun.Settings settings, Duration took) {
    StringBuilder md = new StringBuilder();
    md.append(
            String.format(
                "Chaos run: %d crossing pairs/s, %d s warm-up per fault, %d min in all.%n%n",
                settings.pairsPerSecond(), settings.warmUp().toSeconds(), took.toMinutes()))
        .append(
            "| fault | what | recovered after | orders accepted | refused until recovered (status×n)"
                + " | landed unanswered | lost | duplicated | problems |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (ChaosRun.Outcome o : outcomes) {
      md.append(
          String.format(
              "| %s | %s | %s | %d | %s | %d | %d | %d | %s |%n",
              o.fault(),
              o.what(),
              o.recovery()
                  .map(d -> String.format("%.1f s", d.toMillis() / 1000.0))
                  .orElse("**not recovered**"),
              o.accepted(),
              ChaosRun.refusals(o.refused()),
              o.landedUnanswered(),
              o.lost(),
              o.duplicated(),
              o.problems().isEmpty()
                  ? "none"
                  : String.join("; ", o.problems()).replace("|", "\\|")));
    }
    return md.toString();
  }
}
