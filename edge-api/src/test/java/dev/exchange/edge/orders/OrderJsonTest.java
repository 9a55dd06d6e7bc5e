package dev.exchange.edge.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** The fast JSON of the order entry path gives what data binding gives, for every body. */
class OrderJsonTest {

  /** As configured for the application ({@code spring.jackson.deserialization.*}). */
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final ObjectReader DATABIND = MAPPER.readerFor(PlaceOrderRequest.class);
  private static final OrderJson JSON = new OrderJson(MAPPER);

  static List<String> plainBodies() {
    return List.of(
        "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"0.01\","
            + "\"price\":\"30000.00\"}",
        "{\"symbol\":\"btcusdt\",\"side\":\"SELL\",\"type\":\"MARKET\",\"quoteQuantity\":\"10\","
            + "\"timeInForce\":\"IOC\",\"clientOrderId\":\"a.b:c-d_e\","
            + "\"selfTradePrevention\":\"EXPIRE_BOTH\"}",
        " { \"symbol\" : \"ETHUSDT\" , \"price\" : null } \n",
        "{\"symbol\":\"\\u0042TC\\nUSDT\",\"side\":\"\u00e9\"}",
        "{}");
  }

  static List<String> otherBodies() {
    return List.of(
        "",
        " ",
        "{\"symbol\":",
        "[1,2]",
        "null",
        "\"text\"",
        "{\"symbol\":\"BTCUSDT\",\"qty\":\"1\"}",
        "{\"symbol\":\"BTCUSDT\",\"price\":{\"v\":1}}",
        "{\"symbol\":\"BTCUSDT\",\"price\":[\"1\"]}",
        "{\"symbol\":\"BTCUSDT\",\"price\":100.001}",
        "{\"symbol\":\"BTCUSDT\",\"quantity\":1E2}",
        "{\"symbol\":\"BTCUSDT\",\"quantity\":7}",
        "{\"symbol\":\"BTCUSDT\",\"side\":true}",
        "{\"symbol\":\"BTCUSDT\",\"symbol\":\"ETHUSDT\"}",
        "{\"symbol\":\"BTCUSDT\"} x",
        "{\"symbol\":\"BTCUSDT\"}{}",
        "{\"symbol\":\"BTCUSDT\",}",
        "{'symbol':'BTCUSDT'}",
        "{\"symbol\":\"BTC\u0001USDT\"}",
        "{\"symbol\":\"BTCUSDT\" /* comment */}");
  }

  @ParameterizedTest
  @MethodSource("plainBodies")
  void plainBodiesAreReadByTheStreamingParserToTheSameValue(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    PlaceOrderRequest plain = JSON.readPlain(bytes);
    assertThat(plain).isNotNull().isEqualTo(DATABIND.readValue(bytes));
    assertThat(JSON.read(bytes)).isEqualTo(plain);
  }

  @ParameterizedTest
  @MethodSource("otherBodies")
  void everyOtherBodyGetsExactlyTheDataBindingResult(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertThat(JSON.readPlain(bytes)).isNull();
    Throwable expected = catchThrowable(() -> DATABIND.readValue(bytes));
    Throwable actual = catchThrowable(() -> JSON.read(bytes));
    if (expected == null) {
      assertThat(actual).isNull();
      assertThat(JSON.read(bytes)).isEqualTo(DATABIND.readValue(bytes));
    } else {
      assertThat(actual).isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("answers")
  void theAnswerIsWrittenAsDataBindingWritesIt(OrderAccepted answer) {
    assertThat(new String(JSON.write(answer), StandardCharsets.UTF_8))
        .isEqualTo(MAPPER.writeValueAsString(answer));
  }

  static List<OrderAccepted> answers() {
    return List.of(
        new OrderAccepted(
            "01a1fcab-4ef1-7872-a646-733e376cdfd5",
            "my-order.1:x_y",
            "BTCUSDT",
            "PENDING_NEW",
            1795240447729L),
        new OrderAccepted("id", "quote\"back\\slash\u00e9\n", "BTCUSDT", "PENDING_NEW", 0L));
  }
}
