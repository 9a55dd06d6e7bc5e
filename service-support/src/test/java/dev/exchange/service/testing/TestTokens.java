package dev.exchange.service.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Mints RS256 tokens with a key generated for the test run, like the local dev issuer. */
public final class TestTokens {

  public static final String ISSUER = "https://issuer.exchange.test";
  public static final TestTokens KEY = new TestTokens();
  public static final TestTokens OTHER_KEY = new TestTokens();

  private final KeyPair keys;
  private final NimbusJwtEncoder encoder;

  private TestTokens() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    RSAKey jwk =
        new RSAKey.Builder((RSAPublicKey) keys.getPublic())
            .privateKey((RSAPrivateKey) keys.getPrivate())
            .keyID("test")
            .build();
    encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
  }

  /** The public key as PEM, for {@code exchange.security.public-key}. */
  public String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(keys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** A token for {@code subject} with these roles, valid for an hour. */
  public String token(String subject, String... roles) {
    return issue(subject, ISSUER, Instant.now(), Duration.ofHours(1), roles);
  }

  public String issue(
      String subject, String issuer, Instant issuedAt, Duration validity, String... roles) {
    JwtClaimsSet.Builder claims =
        JwtClaimsSet.builder()
            .issuer(issuer)
            .issuedAt(issuedAt)
            .expiresAt(issuedAt.plus(validity))
            .claim("roles", List.of(roles));
    if (subject != null) {
      claims.subject(subject);
    }
    return encoder
        .encode(
            JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).keyId("test").build(), claims.build()))
        .getTokenValue();
  }
}
