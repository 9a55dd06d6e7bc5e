package dev.exchange.stack.chaos;

import dev.exchange.stack.DevIssuer;
import dev.exchange.stack.StackState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./exchange chaos [--faults a,b,...] [--pairs-per-second N] [--data DIR]}: the chaos run
 * ({@link ChaosRun}) against the stack running from the data folder. Prints each outcome as it
 * comes, writes the report to {@code <data>/chaos-report.md} and exits 1 if anything was lost,
 * duplicated or did not recover.
 */
public final class Chaos {

  private Chaos() {}

  public static void main(String[] argv) throws Exception {
    List<String> args = new ArrayList<>(List.of(argv));
    Path data = Path.of(option(args, "--data", ".data")).toAbsolutePath().normalize();
    String faults = option(args, "--faults", "");
    int rate = Integer.parseInt(option(args, "--pairs-per-second", "10"));
    if (!args.isEmpty()) {
      fail("unknown arguments " + args + " (use --faults a,b --pairs-per-second N --data DIR)");
    }
    StackState state =
        StackState.running(data)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no stack is running from " + data + " (start it with ./exchange up)"));
    ChaosRun.Settings settings = ChaosRun.Settings.defaults().withPairsPerSecond(rate);
    DevIssuer issuer = state.devIssuer();
    ChaosRun run = new ChaosRun(state, issuer::token, settings, System.out);
    List<ChaosRun.Fault> chosen =
        faults.isBlank() ? run.faults() : run.faults(Arrays.asList(faults.split(",")));
    Instant start = Instant.now();
    List<ChaosRun.Outcome> outcomes = run.run(chosen);
    String report =
        ChaosReport.markdown(outcomes, settings, Duration.between(start, Instant.now()));
    Path file = data.resolve("chaos-report.md");
    try {
      Files.writeString(file, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println();
    System.out.print(report);
    System.out.println("(written to " + file + ")");
    System.exit(ChaosReport.passed(outcomes, chosen.size()) ? 0 : 1);
  }

  private static String option(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    if (i < 0) {
      return fallback;
    }
    if (i + 1 >= args.size()) {
      fail(name + " needs a value");
    }
    String value = args.remove(i + 1);
    args.remove(i);
    return value;
  }

  private static void fail(String message) {
    System.err.println("exchange chaos: " + message);
    System.exit(2);
  }
}
