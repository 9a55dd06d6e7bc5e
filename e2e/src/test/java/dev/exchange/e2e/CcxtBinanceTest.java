package dev.exchange.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.e2e.ExchangeUnderTest.RunningExchange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The npm {@code ccxt} library's {@code binance} class, unchanged and pointed at the exchange by
 * its URLs only ({@code scripts/ccxt-binance.mjs}): loadMarkets, fetchOrderBook, fetchTrades,
 * fetchOHLCV, fetchTicker, watchTrades, watchOHLCV and watchOrderBook, each checked against trades
 * the script makes on a pair of its own; then, with an API key the taker creates over {@code
 * /api/v1/api-keys}, the signed methods fetchBalance, createOrder, fetchOpenOrders, fetchOrder,
 * cancelOrder and fetchMyTrades, with balances equal to the account's ledger.
 */
@ExtendWith(ExchangeUnderTest.class)
class CcxtBinanceTest {

  @Test
  void ccxtBinanceWorksUnchanged(RunningExchange exchange) throws Exception {
    NodeScript.Result result =
        NodeScript.fromSystemProperties()
            .run(
                "ccxt-binance.mjs",
                List.of("--base-url", exchange.baseUrl().toString()),
                Map.of(),
                Duration.ofMinutes(5));

    assertThat(result.passed())
        .as(
            "ccxt-binance.mjs exited with %d after %s:%n%s",
            result.exitCode(), result.took(), result.output())
        .isTrue();
    assertThat(result.output())
        .contains(
            "loadMarkets",
            "fetchOrderBook",
            "fetchTrades",
            "fetchOHLCV",
            "fetchTicker",
            "watchTrades",
            "watchOHLCV",
            "watchOrderBook",
            "POST /api/v1/api-keys",
            "fetchBalance",
            "createOrder",
            "fetchOpenOrders",
            "cancelOrder",
            "fetchMyTrades")
        .doesNotContain("not ok");
  }
}
