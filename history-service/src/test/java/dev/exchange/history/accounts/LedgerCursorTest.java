package dev.exchange.history.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.history.orders.OrderCursor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The ledger cursor: what it issues decodes back; anything else is refused as null. */
class LedgerCursorTest {

  @Test
  void anIssuedCursorDecodesToTheSameSequence() {
    for (long sequence : new long[] {1, 42, Long.MAX_VALUE}) {
      assertThat(LedgerCursor.decode(new LedgerCursor(sequence).encode()))
          .isEqualTo(new LedgerCursor(sequence));
    }
  }

  @Test
  void garbageOtherEndpointsCursorsAndNonPositiveSequencesAreRefused() {
    assertThat(LedgerCursor.decode("garbage!")).isNull();
    assertThat(LedgerCursor.decode(new OrderCursor(5, "o-1").encode())).isNull();
    assertThat(LedgerCursor.decode(encode("l1:0"))).isNull();
    assertThat(LedgerCursor.decode(encode("l1:-3"))).isNull();
    assertThat(LedgerCursor.decode(encode("l1:"))).isNull();
    assertThat(LedgerCursor.decode(encode("l2:5"))).isNull();
    assertThat(LedgerCursor.decode(encode("l1:5"))).isEqualTo(new LedgerCursor(5));
  }

  private static String encode(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }
}
