package dev.exchange.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.exchange.stack.StackState;
import dev.exchange.stack.chaos.ChaosReport;
import dev.exchange.stack.chaos.ChaosRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bounded form of the chaos run ({@code ./exchange chaos}, docs/reliability.md) on the suite's
 * shared stack, last of the classes ({@link ClassOrderer.OrderAnnotation}) because it kills parts
 * of it: a killed broker, a killed edge-api, a killed relay, PostgreSQL stopped for a while, and a
 * savepoint redeploy of the matching job, each under a steady order load and each followed by every
 * check of the full run; the cold tier at the end.
 */
@ExtendWith(ExchangeUnderTest.class)
@Order(Integer.MAX_VALUE)
class ChaosTest {

  private static final List<String> FAULTS =
      List.of(
          "kill-broker", "kill-edge-api", "kill-ws-relay", "postgres-outage", "redeploy-matching");

  @Test
  void faultsUnderLoadLoseAndDuplicateNothing(ExchangeUnderTest.RunningExchange exchange)
      throws Exception {
    assumeTrue(
        exchange.dataDir().isPresent(), "the chaos run needs the stack this suite started itself");
    Path data = exchange.dataDir().get();
    StackState state = StackState.running(data).orElseThrow();
    ChaosRun.Settings full = ChaosRun.Settings.defaults();
    ChaosRun.Settings bounded =
        new ChaosRun.Settings(
            5,
            Duration.ofSeconds(5),
            Duration.ofMinutes(3),
            Duration.ofMinutes(2),
            full.brokerPause(),
            Duration.ofSeconds(20),
            full.coldTierWithin());
    ChaosRun run = new ChaosRun(state, state.devIssuer()::token, bounded, System.out);
    Instant start = Instant.now();
    List<ChaosRun.Outcome> outcomes = run.run(run.faults(FAULTS));
    String report = ChaosReport.markdown(outcomes, bounded, Duration.between(start, Instant.now()));
    System.out.print(report);

    assertThat(outcomes).extracting(ChaosRun.Outcome::fault).contains("cold-tier");
    assertThat(outcomes)
        .allSatisfy(
            o -> {
              assertThat(o.recovery()).as(o.fault() + " recovered").isPresent();
              assertThat(o.lost()).as(o.fault() + " lost").isZero();
              assertThat(o.duplicated()).as(o.fault() + " duplicated").isZero();
              assertThat(o.problems()).as(o.fault() + " problems").isEmpty();
            });
    assertThat(outcomes.stream().filter(o -> !o.fault().equals("cold-tier")))
        .allSatisfy(o -> assertThat(o.accepted()).as(o.fault() + " under load").isPositive());
    assertThat(ChaosReport.passed(outcomes, FAULTS.size())).isTrue();
  }
}
