package dev.exchange.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.service.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class Rs256JwtDecoderTest {

  private static SecurityProperties properties(String issuer, String publicKey) {
    return new SecurityProperties(issuer, null, publicKey, "roles");
  }

  @Test
  void acceptsATokenSignedWithTheConfiguredKeyAndIssuer() {
    JwtDecoder decoder =
        Rs256JwtDecoder.from(properties(TestTokens.ISSUER, TestTokens.KEY.publicKeyPem()));
    var jwt = decoder.decode(TestTokens.KEY.token("alice", "trader"));
    assertThat(jwt.getSubject()).isEqualTo("alice");
    assertThat(jwt.getClaimAsStringList("roles")).containsExactly("trader");
  }

  @Test
  void refusesAnotherKeysToken() {
    JwtDecoder decoder =
        Rs256JwtDecoder.from(properties(TestTokens.ISSUER, TestTokens.KEY.publicKeyPem()));
    assertThatThrownBy(() -> decoder.decode(TestTokens.OTHER_KEY.token("mallory", "admin")))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void refusesAnotherIssuer() {
    JwtDecoder decoder =
        Rs256JwtDecoder.from(
            properties("https://someone-else.test", TestTokens.KEY.publicKeyPem()));
    assertThatThrownBy(() -> decoder.decode(TestTokens.KEY.token("alice", "trader")))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("iss");
  }

  @Test
  void saysWhatIsMissingWhenNoKeyIsConfigured() {
    assertThatThrownBy(() -> Rs256JwtDecoder.from(properties(TestTokens.ISSUER, " ")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("set exchange.security.jwk-set-uri or exchange.security.public-key");
  }
}
