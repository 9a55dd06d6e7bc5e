package dev.exchange.history.accounts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque cursor of a ledger page: the sequence of the last entry returned. */
public record LedgerCursor(long sequence) {

  private static final String VERSION = "l1";

  public String encode() {
    String plain = VERSION + ":" + sequence;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor, or null if the text is not one this service issued. */
  public static LedgerCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", 2);
      if (parts.length != 2 || !VERSION.equals(parts[0])) {
        return null;
      }
      long sequence = Long.parseLong(parts[1]);
      return sequence > 0 ? new LedgerCursor(sequence) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
