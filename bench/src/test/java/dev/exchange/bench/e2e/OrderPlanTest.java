package dev.exchange.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.bench.support.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderPlanTest {

  private static final Map<String, Object> BTCUSDT =
      Json.object(
          "{\"symbol\":\"BTCUSDT\",\"baseAsset\":\"BTC\",\"quoteAsset\":\"USDT\",\"status\":\"TRADING\","
              + "\"tickSize\":\"0.01\",\"stepSize\":\"0.0001\",\"minQuantity\":\"0.0001\","
              + "\"maxQuantity\":\"1000\",\"minNotional\":\"5\",\"maxOpenOrders\":200,"
              + "\"priceScale\":2,\"quantityScale\":4}");

  @Test
  void withABookThePairsTradeInsideTheSpread() {
    Map<String, Object> depth =
        Json.object(
            "{\"lastUpdateId\":9,\"bids\":[[\"30000.00\",\"1\"]],\"asks\":[[\"30000.07\",\"2\"]]}");
    OrderPlan plan = OrderPlan.from(BTCUSDT, depth);
    assertThat(plan.price().toPlainString()).isEqualTo("30000.03");
    // 5 / 30000.03 = 0.000166..., rounded up to the step
    assertThat(plan.quantity().toPlainString()).isEqualTo("0.0002");
  }

  @Test
  void aOneTickSpreadOrNoBookFallsBackToAPriceThatMeetsTheNotional() {
    Map<String, Object> tight =
        Json.object("{\"bids\":[[\"30000.00\",\"1\"]],\"asks\":[[\"30000.01\",\"2\"]]}");
    // 5 / 0.0001 = 50000, on tick
    assertThat(OrderPlan.from(BTCUSDT, tight).price().toPlainString()).isEqualTo("50000");
    assertThat(OrderPlan.from(BTCUSDT, tight).quantity().toPlainString()).isEqualTo("0.0001");
    assertThat(OrderPlan.from(BTCUSDT, null).price().toPlainString()).isEqualTo("50000");
    assertThat(OrderPlan.from(BTCUSDT, Json.object("{\"bids\":[],\"asks\":[]}")).price())
        .isEqualByComparingTo("50000");
  }

  @Test
  void withoutANotionalFilterThePriceIsAHundredTicks() {
    Map<String, Object> instrument =
        Json.object(
            "{\"symbol\":\"ETHUSDT\",\"status\":\"TRADING\",\"tickSize\":\"0.05\",\"stepSize\":\"0.001\","
                + "\"minQuantity\":\"0.0005\",\"minNotional\":\"0\"}");
    OrderPlan plan = OrderPlan.from(instrument, null);
    assertThat(plan.price().toPlainString()).isEqualTo("5");
    // min quantity below one step is raised to a whole step
    assertThat(plan.quantity().toPlainString()).isEqualTo("0.001");
  }

  @Test
  void theBodyIsALimitOrderWhoseSideFollowsTheSlot() {
    OrderPlan plan = OrderPlan.from(BTCUSDT, null);
    assertThat(plan.body("BTCUSDT", 0, "brun1-0"))
        .isEqualTo(
            "{\"symbol\":\"BTCUSDT\",\"side\":\"SELL\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\","
                + "\"quantity\":\"0.0001\",\"price\":\"50000\",\"clientOrderId\":\"brun1-0\"}");
    assertThat(plan.body("BTCUSDT", 1, "brun1-1")).contains("\"side\":\"BUY\"");
  }

  @Test
  void anInstrumentThatIsNotTradingOrLacksAFilterIsRefused() {
    assertThatThrownBy(
            () -> OrderPlan.from(Json.object("{\"symbol\":\"X\",\"status\":\"HALTED\"}"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("X is not trading (status HALTED)");
    assertThatThrownBy(
            () -> OrderPlan.from(Json.object("{\"symbol\":\"X\",\"status\":\"TRADING\"}"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("instrument X has no tickSize");
  }
}
