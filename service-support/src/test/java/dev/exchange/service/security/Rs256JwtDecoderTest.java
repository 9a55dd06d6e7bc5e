package dev.exchange.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.service.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class Rs256JwtDecoderTest {

  private final JwtDecoder decoder = Rs256JwtDecoder.from(TestTokens.properties());

  private static SecurityProperties properties(String issuer, String audience, String publicKey) {
    return new SecurityProperties(
        issuer, audience, "aud", null, publicKey, SecurityProperties.ROLES_CLAIM);
  }

  @Test
  void acceptsATokenSignedWithTheConfiguredKeyIssuerAndAudience() {
    var jwt = decoder.decode(TestTokens.KEY.token("alice", "trader"));
    assertThat(jwt.getSubject()).isEqualTo("alice");
    assertThat(jwt.getAudience()).containsExactly(TestTokens.AUDIENCE);
    assertThat(jwt.getClaimAsStringList(SecurityProperties.ROLES_CLAIM)).containsExactly("trader");
  }

  @Test
  void refusesAnotherKeysToken() {
    assertThatThrownBy(() -> decoder.decode(TestTokens.OTHER_KEY.token("mallory", "admin")))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void refusesAnUnsignedToken() {
    String none = TestTokens.unsigned(TestTokens.KEY.token("mallory", "admin"));
    assertThatThrownBy(() -> decoder.decode(none))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("Unsupported algorithm of none");
  }

  @Test
  void refusesAnotherIssuer() {
    String token = TestTokens.KEY.sign(c -> c.issuer("https://someone-else.test"), "trader");
    assertThatThrownBy(() -> decoder.decode(token))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("The iss claim is not valid");
  }

  @Test
  void refusesATokenWithoutExpiry() {
    String token = TestTokens.KEY.sign(c -> c.claims(m -> m.remove("exp")), "trader");
    assertThatThrownBy(() -> decoder.decode(token))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("The exp claim is required");
  }

  @Test
  void refusesAnExpiredToken() {
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    String token =
        TestTokens.KEY.sign(
            c -> c.issuedAt(twoHoursAgo).expiresAt(twoHoursAgo.plus(Duration.ofHours(1))),
            "trader");
    assertThatThrownBy(() -> decoder.decode(token))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("Jwt expired at");
  }

  @Test
  void refusesATokenForAnotherAudience() {
    String token = TestTokens.KEY.sign(c -> c.audience(List.of("another-application")), "admin");
    assertThatThrownBy(() -> decoder.decode(token))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("The aud claim is not exchange");
  }

  @Test
  void refusesATokenWithoutAudience() {
    String token = TestTokens.KEY.sign(c -> c.claims(m -> m.remove(JwtClaimNames.AUD)), "trader");
    assertThatThrownBy(() -> decoder.decode(token))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("The aud claim is not exchange");
  }

  @Test
  void readsTheAudienceFromAnotherClaimForCognito() {
    SecurityProperties cognito =
        new SecurityProperties(
            TestTokens.ISSUER,
            "app-client-id",
            "client_id",
            null,
            TestTokens.KEY.publicKeyPem(),
            "cognito:groups");
    String token =
        TestTokens.KEY.sign(
            c -> c.claims(m -> m.remove(JwtClaimNames.AUD)).claim("client_id", "app-client-id"));
    assertThat(Rs256JwtDecoder.from(cognito).decode(token).getSubject()).isEqualTo("alice");
  }

  @Test
  void refusesToStartWithoutAnIssuer() {
    assertThatThrownBy(
            () -> Rs256JwtDecoder.from(properties(" ", "exchange", TestTokens.KEY.publicKeyPem())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "exchange.security.issuer is empty: set it to the token issuer (iss) the service"
                + " trusts");
  }

  @Test
  void refusesToStartWithoutAnAudience() {
    assertThatThrownBy(
            () ->
                Rs256JwtDecoder.from(
                    properties(TestTokens.ISSUER, "", TestTokens.KEY.publicKeyPem())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("exchange.security.audience is empty");
  }

  @Test
  void saysWhatIsMissingWhenNoKeyIsConfigured() {
    assertThatThrownBy(() -> Rs256JwtDecoder.from(properties(TestTokens.ISSUER, "exchange", " ")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("set exchange.security.jwk-set-uri or exchange.security.public-key");
  }
}
