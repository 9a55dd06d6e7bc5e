package dev.exchange.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.model.avro.Side;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PriceBandTest {

  @Test
  void theBoundsAreInclusiveAndExact() {
    PriceBand band = PriceBand.DEFAULT;
    // last 1001: 0.2 × 1001 = 200.2, 5 × 1001 = 5005
    assertThat(band.allows(Side.BUY, 201, 1001)).isTrue();
    assertThat(band.allows(Side.BUY, 200, 1001)).isFalse();
    assertThat(band.allows(Side.BUY, 5005, 1001)).isTrue();
    assertThat(band.allows(Side.BUY, 5006, 1001)).isFalse();
    assertThat(band.allows(Side.SELL, 200, 1000)).isTrue();
    assertThat(band.allows(Side.SELL, 199, 1000)).isFalse();
    assertThat(band.allows(Side.SELL, 5000, 1000)).isTrue();
    assertThat(band.allows(Side.SELL, 5001, 1000)).isFalse();
  }

  @Test
  void eachSideHasItsOwnMultipliersAndZeroChecksNothing() {
    PriceBand band = new PriceBand(11_000, 9_000, 0, 0);
    assertThat(band.allows(Side.BUY, 111, 100)).isFalse();
    assertThat(band.allows(Side.BUY, 89, 100)).isFalse();
    assertThat(band.allows(Side.SELL, 1, 100)).isTrue();
    assertThat(band.allows(Side.SELL, Long.MAX_VALUE, 100)).isTrue();
  }

  @Test
  void beforeTheFirstTradeEveryPriceIsAllowed() {
    assertThat(PriceBand.DEFAULT.allows(Side.BUY, Long.MAX_VALUE, 0)).isTrue();
    assertThat(PriceBand.DEFAULT.allows(Side.SELL, 1, 0)).isTrue();
  }

  @Test
  void hugePricesDoNotOverflow() {
    long last = Long.MAX_VALUE / 3;
    assertThat(PriceBand.DEFAULT.allows(Side.BUY, Long.MAX_VALUE, last)).isTrue();
    assertThat(new PriceBand(ONE, ONE, ONE, ONE).allows(Side.BUY, Long.MAX_VALUE, last)).isFalse();
    assertThat(new PriceBand(ONE, ONE, ONE, ONE).allows(Side.SELL, last, last)).isTrue();
  }

  private static final int ONE = PriceBand.ONE;

  @Property
  void agreesWithDecimalArithmetic(
      @ForAll @LongRange(min = 1) long price,
      @ForAll @LongRange(min = 0) long last,
      @ForAll @IntRange(min = ONE, max = PriceBand.MAX_MULTIPLIER * ONE) int up,
      @ForAll @IntRange(min = 1, max = ONE) int down) {
    PriceBand band = new PriceBand(up, down, up, down);
    BigDecimal p = BigDecimal.valueOf(price);
    BigDecimal l = BigDecimal.valueOf(last);
    boolean expected =
        last == 0
            || (p.compareTo(l.multiply(BigDecimal.valueOf(down, 4))) >= 0
                && p.compareTo(l.multiply(BigDecimal.valueOf(up, 4))) <= 0);
    assertThat(band.allows(Side.BUY, price, last)).isEqualTo(expected);
  }

  @Test
  void multipliersOutsideTheirRangesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> new PriceBand(9_999, 2_000, 50_000, 2_000))
        .hasMessage("bidMultiplierUp must be at least 1 and at most 100000");
    assertThatThrownBy(() -> new PriceBand(50_000, 10_001, 50_000, 2_000))
        .hasMessage("bidMultiplierDown must be greater than 0 and at most 1");
    assertThatThrownBy(() -> new PriceBand(50_000, 2_000, 50_000, -1))
        .hasMessage("askMultiplierDown must be greater than 0 and at most 1");
  }

  @Test
  void anUpdateReplacesOnlyTheMultipliersItGives() {
    assertThat(PriceBand.DEFAULT.updatedBy(new PriceBand(20_000, 0, 0, 5_000)))
        .isEqualTo(new PriceBand(20_000, 2_000, 50_000, 5_000));
  }

  @Test
  void decimalTextRoundTrips() {
    assertThat(PriceBand.parseMultiplier("0.2")).isEqualTo(2_000);
    assertThat(PriceBand.parseMultiplier("5")).isEqualTo(50_000);
    assertThat(PriceBand.parseMultiplier("1.0001")).isEqualTo(10_001);
    assertThat(PriceBand.format(2_000)).isEqualTo("0.2");
    assertThat(PriceBand.format(50_000)).isEqualTo("5");
    assertThat(PriceBand.format(10_001)).isEqualTo("1.0001");
    assertThatThrownBy(() -> PriceBand.parseMultiplier("0.00001"))
        .isInstanceOf(InvalidDecimalException.class);
    assertThatThrownBy(() -> PriceBand.parseMultiplier("100001"))
        .isInstanceOf(InvalidDecimalException.class);
  }
}
