package dev.exchange.model;

import java.math.BigDecimal;

/**
 * Fixed-point decimals held as a {@code long} count of units of {@code 10^-scale}.
 *
 * <p>All money in the exchange uses this representation: prices in units of the instrument's price
 * scale, quantities in its quantity scale, notionals in the sum of both. Conversions are exact:
 * parsing rejects text that carries more significant decimals than the scale (trailing zeros are
 * exact and accepted), and every arithmetic helper throws {@link ArithmeticException} on overflow
 * instead of wrapping. Nothing here rounds.
 */
public final class FixedPoint {

  /** Largest supported scale; {@code 10^18} still fits in a long. */
  public static final int MAX_SCALE = 18;

  private static final long[] POWERS_OF_TEN = new long[MAX_SCALE + 1];

  static {
    long p = 1;
    for (int i = 0; i <= MAX_SCALE; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  private FixedPoint() {}

  /** {@code 10^exponent} for 0 ≤ exponent ≤ {@link #MAX_SCALE}. */
  public static long pow10(int exponent) {
    checkScale(exponent);
    return POWERS_OF_TEN[exponent];
  }

  /**
   * Parses a plain decimal string ({@code -?digits(.digits)?}) into units of {@code 10^-scale}.
   *
   * @throws InvalidDecimalException if the text is empty or malformed, has more significant
   *     decimals than {@code scale}, or does not fit in a long
   */
  public static long parse(String text, int scale) {
    checkScale(scale);
    if (text == null || text.isEmpty()) {
      throw new InvalidDecimalException(InvalidDecimalException.Kind.EMPTY, "empty decimal");
    }
    int length = text.length();
    int start = text.charAt(0) == '-' ? 1 : 0;
    boolean negative = start == 1;
    if (start == length) {
      throw malformed(text);
    }
    // Accumulate negatively so that Long.MIN_VALUE parses too.
    long value = 0;
    int decimals = -1;
    int integerDigits = 0;
    for (int i = start; i < length; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (decimals >= 0 || integerDigits == 0 || i == length - 1) {
          throw malformed(text);
        }
        decimals = 0;
        continue;
      }
      if (c < '0' || c > '9') {
        throw malformed(text);
      }
      int digit = c - '0';
      if (decimals < 0) {
        integerDigits++;
        value = accumulate(value, digit, text, scale);
      } else {
        decimals++;
        if (decimals <= scale) {
          value = accumulate(value, digit, text, scale);
        } else if (digit != 0) {
          throw new InvalidDecimalException(
              InvalidDecimalException.Kind.TOO_MANY_DECIMALS,
              "'" + text + "' has more than " + scale + " decimal places");
        }
      }
    }
    int missing = scale - Math.max(decimals, 0);
    if (missing > 0) {
      try {
        value = Math.multiplyExact(value, POWERS_OF_TEN[missing]);
      } catch (ArithmeticException e) {
        throw overflow(text, scale);
      }
    }
    if (negative) {
      return value;
    }
    if (value == Long.MIN_VALUE) {
      throw overflow(text, scale);
    }
    return -value;
  }

  /** Like {@link #parse} but refuses negative values. */
  public static long parseNonNegative(String text, int scale) {
    long value = parse(text, scale);
    if (value < 0) {
      throw new InvalidDecimalException(
          InvalidDecimalException.Kind.NEGATIVE, "'" + text + "' must not be negative");
    }
    return value;
  }

  private static long accumulate(long negativeValue, int digit, String text, int scale) {
    try {
      return Math.subtractExact(Math.multiplyExact(negativeValue, 10), digit);
    } catch (ArithmeticException e) {
      throw overflow(text, scale);
    }
  }

  /** Formats with exactly {@code scale} decimals, e.g. {@code format(150, 2)} is {@code "1.50"}. */
  public static String format(long units, int scale) {
    checkScale(scale);
    String digits = Long.toString(units);
    boolean negative = units < 0;
    if (negative) {
      digits = digits.substring(1);
    }
    if (scale == 0) {
      return negative ? "-" + digits : digits;
    }
    StringBuilder out = new StringBuilder(digits.length() + scale + 3);
    if (negative) {
      out.append('-');
    }
    if (digits.length() <= scale) {
      out.append("0.");
      out.append("0".repeat(scale - digits.length()));
      out.append(digits);
    } else {
      int point = digits.length() - scale;
      out.append(digits, 0, point).append('.').append(digits, point, digits.length());
    }
    return out.toString();
  }

  /** Exact sum; throws {@link ArithmeticException} on overflow. Operands share one scale. */
  public static long add(long a, long b) {
    return Math.addExact(a, b);
  }

  /** Exact difference; throws {@link ArithmeticException} on overflow. */
  public static long subtract(long a, long b) {
    return Math.subtractExact(a, b);
  }

  /**
   * Exact product; the result's scale is the sum of the operands' scales (price × quantity is a
   * notional). Throws {@link ArithmeticException} on overflow.
   */
  public static long multiply(long a, long b) {
    return Math.multiplyExact(a, b);
  }

  /**
   * Converts units from one scale to another without loss.
   *
   * @throws InvalidDecimalException if scaling down would drop non-zero digits or scaling up
   *     overflows
   */
  public static long rescale(long units, int fromScale, int toScale) {
    checkScale(fromScale);
    checkScale(toScale);
    if (toScale == fromScale) {
      return units;
    }
    if (toScale > fromScale) {
      try {
        return Math.multiplyExact(units, POWERS_OF_TEN[toScale - fromScale]);
      } catch (ArithmeticException e) {
        throw new InvalidDecimalException(
            InvalidDecimalException.Kind.OVERFLOW,
            format(units, fromScale) + " does not fit at scale " + toScale);
      }
    }
    long divisor = POWERS_OF_TEN[fromScale - toScale];
    if (units % divisor != 0) {
      throw new InvalidDecimalException(
          InvalidDecimalException.Kind.TOO_MANY_DECIMALS,
          format(units, fromScale) + " has more than " + toScale + " decimal places");
    }
    return units / divisor;
  }

  /** Compares two values of possibly different scales exactly, without overflow. */
  public static int compare(long a, int scaleA, long b, int scaleB) {
    if (scaleA == scaleB) {
      return Long.compare(a, b);
    }
    return BigDecimal.valueOf(a, scaleA).compareTo(BigDecimal.valueOf(b, scaleB));
  }

  private static void checkScale(int scale) {
    if (scale < 0 || scale > MAX_SCALE) {
      throw new IllegalArgumentException("scale " + scale + " outside 0.." + MAX_SCALE);
    }
  }

  private static InvalidDecimalException malformed(String text) {
    return new InvalidDecimalException(
        InvalidDecimalException.Kind.MALFORMED,
        "'" + text + "' is not a plain decimal number (digits with an optional '.' and decimals)");
  }

  private static InvalidDecimalException overflow(String text, int scale) {
    return new InvalidDecimalException(
        InvalidDecimalException.Kind.OVERFLOW,
        "'" + text + "' is too large to represent with " + scale + " decimal places");
  }
}
