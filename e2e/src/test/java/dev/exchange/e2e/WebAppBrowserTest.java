package dev.exchange.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.e2e.ExchangeUnderTest.RunningExchange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web app in Debian's chromium against the whole exchange ({@code scripts/web-app.mjs}): sign
 * in and see the starter balances, list an asset and a pair on it as admin and see the pair appear,
 * watch the book and chart update, trade across the spread and find the trade in the tape, in my
 * fills and in my balances (fees included), see a resting order lock its funds and its cancel
 * release them, have an unaffordable order refused in the form before it is sent, and create an API
 * key in the API keys panel, sign a request with its secret, revoke it there and see the request
 * refused, and create a price alert in the Alerts panel, trade through its level and see the panel
 * show it fired and the browser raise its notification, then pause and delete it there. Screenshots
 * go to {@code e2e/target/e2e/screenshots}.
 */
@ExtendWith(ExchangeUnderTest.class)
class WebAppBrowserTest {

  @Test
  void signsInListsAPairTradesHoldsFundsAndCancelsInChromium(RunningExchange exchange)
      throws Exception {
    Path chromium = Path.of(System.getProperty("exchange.e2e.chromium", "/usr/bin/chromium"));
    assertThat(Files.isExecutable(chromium))
        .as(
            "%s is needed for the browser test: ./exchange test installs it (apt-get install chromium)",
            chromium)
        .isTrue();
    NodeScript node = NodeScript.fromSystemProperties();
    Path out = node.moduleDir().resolve("target/e2e");

    NodeScript.Result result =
        node.run(
            "web-app.mjs",
            List.of(
                "--base-url", exchange.baseUrl().toString(),
                "--out", out.toString(),
                "--chromium", chromium.toString()),
            Map.of(),
            Duration.ofMinutes(5));

    assertThat(result.passed())
        .as(
            "web-app.mjs exited with %d after %s:%n%s",
            result.exitCode(), result.took(), result.output())
        .isTrue();
    try (Stream<Path> shots = Files.list(out.resolve("screenshots"))) {
      assertThat(shots.filter(p -> p.toString().endsWith(".png")).count())
          .as("screenshots in %s", out.resolve("screenshots"))
          .isGreaterThanOrEqualTo(9);
    }
  }
}
