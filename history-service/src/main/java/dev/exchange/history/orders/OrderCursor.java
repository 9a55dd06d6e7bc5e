package dev.exchange.history.orders;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque cursor of an orders page: the last order returned, by (updatedAt, orderId). */
public record OrderCursor(long updatedAt, String orderId) {

  private static final String VERSION = "o1";

  public String encode() {
    String plain = VERSION + ":" + updatedAt + ":" + orderId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor, or null if the text is not one this service issued. */
  public static OrderCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", 3);
      if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
        return null;
      }
      return new OrderCursor(Long.parseLong(parts[1]), parts[2]);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
