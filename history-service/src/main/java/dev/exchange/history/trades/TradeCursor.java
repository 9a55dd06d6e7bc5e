package dev.exchange.history.trades;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of a trades page: the query it belongs to and the last trade returned. Clients
 * pass it back unchanged; it never encodes an offset, so inserts between pages neither repeat nor
 * skip a trade.
 */
public record TradeCursor(String symbol, long from, long to, long time, long tradeId) {

  private static final String VERSION = "t1";

  public String encode() {
    String plain = String.join(":", VERSION, symbol, "" + from, "" + to, "" + time, "" + tradeId);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor, or null if the text is not one this service issued. */
  public static TradeCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", -1);
      if (parts.length != 6 || !VERSION.equals(parts[0])) {
        return null;
      }
      return new TradeCursor(
          parts[1],
          Long.parseLong(parts[2]),
          Long.parseLong(parts[3]),
          Long.parseLong(parts[4]),
          Long.parseLong(parts[5]));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
