package dev.exchange.edge.system;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDv7 identifiers (RFC 9562): 48 bits of epoch milliseconds, then random bits, so ids sort by
 * creation time. Used for order ids and command ids, which the edge assigns.
 */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new UUIDv7 for the given epoch-millisecond time. */
  public static UUID uuidV7(long epochMillis) {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16;
    msb |= 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
    long lsb = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
    for (int i = 3; i < 10; i++) {
      lsb |= (random[i] & 0xFFL) << (8 * (9 - i));
    }
    return new UUID(msb, lsb);
  }
}
