package dev.exchange.service.apikeys;

import java.security.SecureRandom;

/** Random identifiers of letters and digits, as Binance's API keys, secrets and listen keys are. */
public final class RandomText {

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomText() {}

  /** {@code length} letters and digits from a {@link SecureRandom} (about 5.95 bits each). */
  public static String of(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
