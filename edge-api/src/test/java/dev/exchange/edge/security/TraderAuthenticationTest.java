package dev.exchange.edge.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.service.security.Rs256JwtDecoder;
import dev.exchange.service.security.SecurityProperties;
import dev.exchange.service.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The fast path's trading check says yes only where the security chain would let an order in. */
class TraderAuthenticationTest {

  private static final SecurityProperties PROPERTIES = TestTokens.properties();

  private final AtomicInteger decoded = new AtomicInteger();
  private final JwtDecoder real = Rs256JwtDecoder.from(PROPERTIES);
  private final JwtDecoder counting =
      token -> {
        decoded.incrementAndGet();
        return real.decode(token);
      };

  private TraderAuthentication at(Instant now) {
    return new TraderAuthentication(counting, PROPERTIES, 100, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  @Test
  void tradersAndAdminsAreTheirSubject() {
    TraderAuthentication auth = at(Instant.now());
    assertThat(auth.trader(bearer(TestTokens.KEY.token("alice", "trader")))).isEqualTo("alice");
    assertThat(auth.trader(bearer(TestTokens.KEY.token("root", "admin")))).isEqualTo("root");
  }

  @Test
  void everythingElseIsLeftToTheSecurityChain() {
    TraderAuthentication auth = at(Instant.now());
    String trader = TestTokens.KEY.token("alice", "trader");
    assertThat(auth.trader(null)).isNull();
    assertThat(auth.trader("")).isNull();
    assertThat(auth.trader("Bearer ")).isNull();
    assertThat(auth.trader("bearer " + trader)).isNull();
    assertThat(auth.trader("Bearer  " + trader)).isNull();
    assertThat(auth.trader("Bearer " + trader + " ")).isNull();
    assertThat(auth.trader("Basic dXNlcjpwYXNz")).isNull();
    assertThat(auth.trader(bearer("not.a.jwt"))).isNull();
    assertThat(auth.trader(bearer(TestTokens.KEY.token("bob")))).isNull();
    assertThat(auth.trader(bearer(TestTokens.OTHER_KEY.token("alice", "trader")))).isNull();
    assertThat(
            auth.trader(
                bearer(
                    TestTokens.KEY.issue(
                        "alice",
                        "https://evil.test",
                        Instant.now(),
                        Duration.ofHours(1),
                        "trader"))))
        .isNull();
    assertThat(
            auth.trader(
                bearer(
                    TestTokens.KEY.issue(
                        "alice",
                        TestTokens.ISSUER,
                        Instant.now().minus(Duration.ofHours(2)),
                        Duration.ofHours(1),
                        "trader"))))
        .isNull();
    String altered =
        trader.substring(0, trader.length() - 2) + (trader.endsWith("A") ? "BB" : "AA");
    assertThat(auth.trader(bearer(trader))).isEqualTo("alice");
    assertThat(auth.trader(bearer(altered))).isNull();
  }

  @Test
  void aTokenIsVerifiedOnceWhileValidAndAgainOncePastItsExpiry() {
    Instant issued = Instant.now();
    String token =
        TestTokens.KEY.issue("alice", TestTokens.ISSUER, issued, Duration.ofMinutes(10), "trader");
    MutableClock clock = new MutableClock(issued.plusSeconds(1));
    TraderAuthentication auth = new TraderAuthentication(counting, PROPERTIES, 100, clock);
    for (int i = 0; i < 5; i++) {
      assertThat(auth.trader(bearer(token))).isEqualTo("alice");
    }
    assertThat(decoded).hasValue(1);
    clock.now = issued.plus(Duration.ofMinutes(10));
    auth.trader(bearer(token));
    assertThat(decoded).hasValue(2);
  }

  @Test
  void theRememberedTokensAreBounded() {
    TraderAuthentication auth =
        new TraderAuthentication(counting, PROPERTIES, 2, Clock.systemUTC());
    String a = bearer(TestTokens.KEY.token("a", "trader"));
    String b = bearer(TestTokens.KEY.token("b", "trader"));
    String c = bearer(TestTokens.KEY.token("c", "trader"));
    auth.trader(a);
    auth.trader(b);
    auth.trader(c);
    auth.trader(a);
    assertThat(decoded).hasValue(4);
    assertThat(auth.trader(a)).isEqualTo("a");
    assertThat(decoded).hasValue(4);
  }
}
