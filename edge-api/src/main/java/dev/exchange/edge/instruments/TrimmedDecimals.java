package dev.exchange.edge.instruments;

import dev.exchange.model.FixedPoint;

/**
 * Decimal text for API responses with trailing zeros trimmed: {@code "0.01"} for 10 units at scale
 * 3 (history-service writes amounts padded to the scale instead, {@code PaddedDecimals}).
 */
public final class TrimmedDecimals {

  private TrimmedDecimals() {}

  /** {@link FixedPoint#format} without trailing zeros: {@code (10, 3)} is {@code "0.01"}. */
  public static String plain(long units, int scale) {
    String text = FixedPoint.format(units, scale);
    if (text.indexOf('.') < 0) {
      return text;
    }
    int end = text.length();
    while (text.charAt(end - 1) == '0') {
      end--;
    }
    if (text.charAt(end - 1) == '.') {
      end--;
    }
    return text.substring(0, end);
  }

  /** Decimal places written in a plain decimal text, e.g. 2 for {@code "0.01"}. */
  public static int places(String text) {
    int dot = text.indexOf('.');
    return dot < 0 ? 0 : text.length() - dot - 1;
  }
}
