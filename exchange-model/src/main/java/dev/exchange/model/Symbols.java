package dev.exchange.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Trading pair symbols: 2 to 20 upper-case letters or digits, e.g. {@code BTCUSDT}. Streams use the
 * lower-case form ({@code btcusdt@trade}), as Binance does.
 */
public final class Symbols {

  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");
  private static final Pattern ASSET = Pattern.compile("[A-Z0-9]{1,10}");

  private Symbols() {}

  public static boolean isValid(String symbol) {
    return symbol != null && SYMBOL.matcher(symbol).matches();
  }

  /** Returns the symbol if valid, else throws with a message that names it. */
  public static String requireValid(String symbol) {
    if (!isValid(symbol)) {
      throw new IllegalArgumentException(
          "symbol '" + symbol + "' must be 2 to 20 upper-case letters or digits");
    }
    return symbol;
  }

  public static boolean isValidAsset(String asset) {
    return asset != null && ASSET.matcher(asset).matches();
  }

  /** Canonical form of a symbol written in any case by a client ({@code btcusdt} → BTCUSDT). */
  public static String normalize(String symbol) {
    return symbol == null ? null : symbol.toUpperCase(Locale.ROOT);
  }
}
