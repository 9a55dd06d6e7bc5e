package dev.exchange.history.system;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Decimal text for responses: exact, plain (no exponent), at the instrument's scale. */
public final class Decimals {

  private Decimals() {}

  /**
   * {@code value} with exactly {@code scale} decimals, e.g. {@code "30000.10"} at scale 2. A value
   * with more significant decimals than the scale (never written by the jobs) is shown in full
   * rather than rounded.
   */
  public static String text(BigDecimal value, int scale) {
    if (value == null) {
      return null;
    }
    try {
      return value.setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
    } catch (ArithmeticException e) {
      return value.stripTrailingZeros().toPlainString();
    }
  }

  /** A fixed-point amount ({@code units × 10^-scale}) as text with {@code scale} decimals. */
  public static String text(long units, int scale) {
    return BigDecimal.valueOf(units, scale).toPlainString();
  }
}
