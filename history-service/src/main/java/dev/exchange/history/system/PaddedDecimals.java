package dev.exchange.history.system;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimal text for responses: exact, plain (no exponent), padded to the instrument's scale ({@code
 * "30000.10"} at scale 2; edge-api trims trailing zeros instead, {@code TrimmedDecimals}).
 */
public final class PaddedDecimals {

  private PaddedDecimals() {}

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

  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  /**
   * Appends {@link #text(BigDecimal, int)} of a non-null value to {@code out}. The common case (the
   * value already at {@code scale}, at most 18 digits) writes the digits straight into {@code out}
   * without the intermediate strings of {@code toPlainString}: this runs 10 times per kline row.
   */
  public static void append(StringBuilder out, BigDecimal value, int scale) {
    if (value.scale() != scale || scale < 0 || scale > 18 || value.precision() > 18) {
      out.append(text(value, scale));
      return;
    }
    long units = value.unscaledValue().longValue();
    if (units < 0) {
      out.append('-');
      units = -units; // |units| < 10^18: no overflow
    }
    if (scale == 0) {
      out.append(units);
      return;
    }
    long pow = POW10[scale];
    out.append(units / pow).append('.');
    long fraction = units % pow;
    for (long p = pow / 10; p > 1 && fraction < p; p /= 10) {
      out.append('0');
    }
    out.append(fraction);
  }

  /** A fixed-point amount ({@code units × 10^-scale}) as text with {@code scale} decimals. */
  public static String text(long units, int scale) {
    return BigDecimal.valueOf(units, scale).toPlainString();
  }
}
