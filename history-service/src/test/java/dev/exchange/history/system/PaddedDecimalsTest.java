package dev.exchange.history.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PaddedDecimalsTest {

  private static String appended(BigDecimal value, int scale) {
    StringBuilder out = new StringBuilder("x");
    PaddedDecimals.append(out, value, scale);
    return out.substring(1);
  }

  @Test
  void appendWritesExactlyWhatTextReturns() {
    assertThat(appended(new BigDecimal("30000.10"), 2)).isEqualTo("30000.10");
    assertThat(appended(new BigDecimal("-0.05"), 2)).isEqualTo("-0.05");
    assertThat(appended(new BigDecimal("0.00000"), 5)).isEqualTo("0.00000");
    assertThat(appended(new BigDecimal("7"), 0)).isEqualTo("7");
    assertThat(appended(new BigDecimal("0.000000000000000001"), 18))
        .isEqualTo("0.000000000000000001");
    // Other scale or more than 18 digits: the general path, same text.
    assertThat(appended(new BigDecimal("1.5"), 3)).isEqualTo("1.500");
    assertThat(appended(new BigDecimal("1.2345"), 2)).isEqualTo("1.2345");
    assertThat(appended(new BigDecimal("123456789012345678.90"), 2))
        .isEqualTo("123456789012345678.90");

    Random random = new Random(3);
    for (int i = 0; i < 100_000; i++) {
      int scale = random.nextInt(19);
      long units = random.nextLong() % 1_000_000_000_000_000_000L;
      if (random.nextBoolean()) {
        units %= 1 + random.nextInt(1_000_000);
      }
      BigDecimal value = BigDecimal.valueOf(units, scale);
      assertThat(appended(value, scale))
          .as("%s", value)
          .isEqualTo(PaddedDecimals.text(value, scale));
    }
  }
}
