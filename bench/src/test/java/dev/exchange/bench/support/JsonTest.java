package dev.exchange.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsObjectsArraysStringsExactNumbersAndLiterals() {
    Map<String, Object> m =
        Json.object(
            " {\"a\":\"x\\\"y\\u00e9\",\"n\":-12.50,\"big\":12345678901234567890,\"t\":true,"
                + "\"f\":false,\"z\":null,\"l\":[1,[\"2\"],{}]} ");
    assertThat(m).containsEntry("a", "x\"yé").containsEntry("t", true).containsEntry("f", false);
    assertThat(m.get("n")).isEqualTo(new BigDecimal("-12.50"));
    assertThat(m.get("big")).isEqualTo(new BigDecimal("12345678901234567890"));
    assertThat(m).containsKey("z");
    assertThat(m.get("z")).isNull();
    assertThat(m.get("l")).isEqualTo(List.of(new BigDecimal(1), List.of("2"), Map.of()));
    assertThat(Json.longValue(m, "n")).isEqualTo(-1);
    assertThat(Json.longValue(Json.object("{\"t\":42}"), "t")).isEqualTo(42);
    assertThat(Json.string(m, "n")).isNull();
  }

  @Test
  void malformedInputIsRefusedWithThePosition() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid JSON at position 7: expected a field name");
    assertThatThrownBy(() -> Json.parse("[1 2]"))
        .hasMessageStartingWith("invalid JSON at position 4: expected ',' or ']'");
    assertThatThrownBy(() -> Json.parse("\"open"))
        .hasMessageStartingWith("invalid JSON at position 5: unterminated string");
    assertThatThrownBy(() -> Json.parse("{} x"))
        .hasMessageStartingWith("invalid JSON at position 3: unexpected trailing content");
    assertThatThrownBy(() -> Json.object("[1]")).hasMessage("expected a JSON object: [1]");
  }
}
