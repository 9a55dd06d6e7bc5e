package dev.exchange.edge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.service.security.Rs256JwtDecoder;
import dev.exchange.service.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** With the real RS256 decoder and keys minted by the test support. */
class CachingJwtDecoderTest {

  private final AtomicInteger verifications = new AtomicInteger();
  private final JwtDecoder real = Rs256JwtDecoder.from(TestTokens.properties());
  private final JwtDecoder counting =
      token -> {
        verifications.incrementAndGet();
        return real.decode(token);
      };

  @Test
  void aTokenIsVerifiedOnceWhileItIsValid() {
    CachingJwtDecoder decoder = new CachingJwtDecoder(counting, 100, Clock.systemUTC());
    String token = TestTokens.KEY.token("alice", "trader");

    Jwt first = decoder.decode(token);
    Jwt second = decoder.decode(token);

    assertThat(second).isSameAs(first);
    assertThat(second.getSubject()).isEqualTo("alice");
    assertThat(verifications).hasValue(1);
  }

  @Test
  void aForgedOrTamperedTokenIsNeverServedFromTheCache() {
    CachingJwtDecoder decoder = new CachingJwtDecoder(counting, 100, Clock.systemUTC());
    String genuine = TestTokens.KEY.token("alice", "trader");
    decoder.decode(genuine);
    String forged = TestTokens.OTHER_KEY.token("alice", "trader");
    String tampered = genuine.substring(0, genuine.length() - 2) + "AA";

    assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(JwtException.class);
    assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    assertThat(verifications).hasValue(4);
    assertThat(decoder.size()).isEqualTo(1);
  }

  @Test
  void aRememberedTokenPastItsExpiryIsVerifiedAgainAndRefused() {
    Instant issued = Instant.now().minusSeconds(30);
    String token =
        TestTokens.KEY.issue("alice", TestTokens.ISSUER, issued, Duration.ofSeconds(60), "trader");
    MutableClock clock = new MutableClock(Instant.now());
    CachingJwtDecoder decoder = new CachingJwtDecoder(counting, 100, clock);
    decoder.decode(token);
    decoder.decode(token);
    assertThat(verifications).hasValue(1);

    // past exp: the cache hands it back to the real decoder, whose own clock has not reached exp
    // plus its 60 s skew yet, so it verifies (once more) exactly as without the cache
    clock.now = issued.plusSeconds(61);
    decoder.decode(token);
    assertThat(verifications).hasValue(2);
    assertThat(decoder.size()).as("past its exp by the cache's clock: not remembered").isZero();

    // a token long expired is refused by the real decoder even though it was once remembered
    String old =
        TestTokens.KEY.issue(
            "bob", TestTokens.ISSUER, Instant.now().minusSeconds(3600), Duration.ofSeconds(60));
    assertThatThrownBy(() -> decoder.decode(old))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("expired");
    assertThat(decoder.size()).isZero();
  }

  @Test
  void theCacheIsBounded() {
    CachingJwtDecoder decoder = new CachingJwtDecoder(counting, 3, Clock.systemUTC());
    for (int i = 0; i < 10; i++) {
      decoder.decode(TestTokens.KEY.token("user" + i, "trader"));
      assertThat(decoder.size()).isLessThanOrEqualTo(3);
    }
    assertThatThrownBy(() -> new CachingJwtDecoder(counting, 0, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEntries must be positive, got 0");
  }
}
