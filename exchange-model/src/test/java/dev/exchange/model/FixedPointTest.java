package dev.exchange.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class FixedPointTest {

  @Provide
  Arbitrary<Long> anyLong() {
    return Arbitraries.longs()
        .edgeCases(
            c -> c.add(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L, 999_999_999_999_999_999L));
  }

  @Property
  void formatThenParseIsIdentity(
      @ForAll("anyLong") long units, @ForAll @IntRange(min = 0, max = 18) int scale) {
    String text = FixedPoint.format(units, scale);
    assertThat(FixedPoint.parse(text, scale)).isEqualTo(units);
    assertThat(new BigDecimal(text)).isEqualTo(BigDecimal.valueOf(units, scale));
  }

  @Property
  void formatHasExactlyScaleDecimals(
      @ForAll("anyLong") long units, @ForAll @IntRange(min = 1, max = 18) int scale) {
    String text = FixedPoint.format(units, scale);
    assertThat(text.length() - text.indexOf('.') - 1).isEqualTo(scale);
  }

  @Property
  void parseAgreesWithBigDecimalOrRefuses(
      @ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long mantissa,
      @ForAll @IntRange(min = 0, max = 12) int textScale,
      @ForAll @IntRange(min = 0, max = 18) int scale) {
    BigDecimal exact = BigDecimal.valueOf(mantissa, textScale);
    String text = exact.toPlainString();
    BigDecimal scaled = exact.movePointRight(scale);
    boolean representable =
        scaled.stripTrailingZeros().scale() <= 0 && scaled.toBigInteger().bitLength() < 64;
    if (representable) {
      assertThat(FixedPoint.parse(text, scale)).isEqualTo(scaled.longValueExact());
    } else {
      assertThatThrownBy(() -> FixedPoint.parse(text, scale))
          .isInstanceOf(InvalidDecimalException.class);
    }
  }

  @Property
  void moreSignificantDecimalsThanScaleAreRefusedNeverRounded(
      @ForAll @IntRange(min = 0, max = 17) int scale,
      @ForAll @IntRange(min = 1, max = 9) int lastDigit) {
    String text = "1." + "0".repeat(scale) + lastDigit;
    assertThatThrownBy(() -> FixedPoint.parse(text, scale))
        .isInstanceOfSatisfying(
            InvalidDecimalException.class,
            e -> assertThat(e.kind()).isEqualTo(InvalidDecimalException.Kind.TOO_MANY_DECIMALS))
        .hasMessageContaining("more than " + scale + " decimal places");
  }

  @Example
  void trailingZerosBeyondTheScaleAreExactAndAccepted() {
    assertThat(FixedPoint.parse("1.50000000", 2)).isEqualTo(150);
    assertThat(FixedPoint.parse("0.10", 1)).isEqualTo(1);
  }

  @Example
  void limitsOfALong() {
    assertThat(FixedPoint.parse("9223372036854775807", 0)).isEqualTo(Long.MAX_VALUE);
    assertThat(FixedPoint.parse("-9223372036854775808", 0)).isEqualTo(Long.MIN_VALUE);
    assertThat(FixedPoint.parse("9.223372036854775807", 18)).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> FixedPoint.parse("9223372036854775808", 0))
        .isInstanceOfSatisfying(
            InvalidDecimalException.class,
            e -> assertThat(e.kind()).isEqualTo(InvalidDecimalException.Kind.OVERFLOW));
    assertThatThrownBy(() -> FixedPoint.parse("10", 18))
        .isInstanceOf(InvalidDecimalException.class)
        .hasMessageContaining("too large");
  }

  @Example
  void malformedTextIsRefusedWithItsKind() {
    for (String text :
        new String[] {"", "-", ".5", "5.", "1.2.3", "1e5", "+1", " 1", "1 ", "0x10"}) {
      assertThatThrownBy(() -> FixedPoint.parse(text, 4))
          .as(text)
          .isInstanceOfSatisfying(
              InvalidDecimalException.class,
              e ->
                  assertThat(e.kind())
                      .isIn(
                          InvalidDecimalException.Kind.EMPTY,
                          InvalidDecimalException.Kind.MALFORMED));
    }
    assertThatThrownBy(() -> FixedPoint.parseNonNegative("-0.01", 2))
        .hasMessage("'-0.01' must not be negative");
  }

  @Property
  void arithmeticIsExactOrThrows(@ForAll("anyLong") long a, @ForAll("anyLong") long b) {
    BigInteger sum = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
    BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
    if (sum.bitLength() < 64) {
      assertThat(FixedPoint.add(a, b)).isEqualTo(sum.longValueExact());
    } else {
      assertThatThrownBy(() -> FixedPoint.add(a, b)).isInstanceOf(ArithmeticException.class);
    }
    if (product.bitLength() < 64) {
      assertThat(FixedPoint.multiply(a, b)).isEqualTo(product.longValueExact());
    } else {
      assertThatThrownBy(() -> FixedPoint.multiply(a, b)).isInstanceOf(ArithmeticException.class);
    }
  }

  @Property
  void rescaleIsLosslessOrRefused(
      @ForAll("anyLong") long units,
      @ForAll @IntRange(min = 0, max = 18) int from,
      @ForAll @IntRange(min = 0, max = 18) int to) {
    BigDecimal exact = BigDecimal.valueOf(units, from).setScale(Math.max(from, to));
    BigDecimal target = exact.movePointRight(to);
    boolean representable =
        target.stripTrailingZeros().scale() <= 0 && target.toBigInteger().bitLength() < 64;
    if (representable) {
      long rescaled = FixedPoint.rescale(units, from, to);
      assertThat(BigDecimal.valueOf(rescaled, to).compareTo(BigDecimal.valueOf(units, from)))
          .isZero();
      assertThat(FixedPoint.compare(units, from, rescaled, to)).isZero();
    } else {
      assertThatThrownBy(() -> FixedPoint.rescale(units, from, to))
          .isInstanceOf(InvalidDecimalException.class);
    }
  }

  @Example
  void scaleOutsideRangeIsAProgrammingError() {
    assertThatThrownBy(() -> FixedPoint.format(1, 19))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scale 19 outside 0..18");
  }
}
