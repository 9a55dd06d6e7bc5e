package dev.exchange.service.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.exchange.service.security.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Mints RS256 tokens with a key generated for the test run, with the claims the local identity
 * provider puts in an access token: {@code iss}, {@code aud}, {@code exp}, {@code sub} and the
 * exchange roles.
 */
public final class TestTokens {

  public static final String ISSUER = "https://issuer.exchange.test";
  public static final String AUDIENCE = "exchange";
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
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** The settings a service needs to trust {@link #KEY}'s tokens, by property name. */
  public static Map<String, String> serviceSettings() {
    return Map.of(
        "exchange.security.public-key", KEY.publicKeyPem(),
        "exchange.security.issuer", ISSUER,
        "exchange.security.audience", AUDIENCE);
  }

  /** The same settings as {@link #serviceSettings()}, bound. */
  public static SecurityProperties properties() {
    return new SecurityProperties(
        ISSUER, AUDIENCE, "aud", null, KEY.publicKeyPem(), SecurityProperties.ROLES_CLAIM);
  }

  /** A token for {@code subject} with these roles, valid for an hour. */
  public String token(String subject, String... roles) {
    return issue(subject, ISSUER, Instant.now(), Duration.ofHours(1), roles);
  }

  public String issue(
      String subject, String issuer, Instant issuedAt, Duration validity, String... roles) {
    return sign(
        claims -> {
          claims.issuer(issuer).issuedAt(issuedAt).expiresAt(issuedAt.plus(validity));
          if (subject == null) {
            claims.claims(c -> c.remove("sub"));
          } else {
            claims.subject(subject);
          }
        },
        roles);
  }

  /**
   * A valid token for alice (this key's issuer, the audience, an hour of validity, these exchange
   * roles), changed by {@code claims}: the way to mint a token missing a claim or holding a wrong
   * one, e.g. {@code c -> c.claims(m -> m.remove("exp"))}.
   */
  public String sign(Consumer<JwtClaimsSet.Builder> claims, String... roles) {
    Instant now = Instant.now();
    JwtClaimsSet.Builder builder =
        JwtClaimsSet.builder()
            .issuer(ISSUER)
            .subject("alice")
            .issuedAt(now)
            .expiresAt(now.plus(Duration.ofHours(1)))
            .audience(List.of(AUDIENCE))
            .claim(SecurityProperties.ROLES_CLAIM, List.of(roles));
    claims.accept(builder);
    return encoder
        .encode(
            JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).keyId("test").build(), builder.build()))
        .getTokenValue();
  }

  /** {@code token} with its header replaced by {@code {"alg":"none"}} and no signature. */
  public static String unsigned(String token) {
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.US_ASCII));
    String[] parts = token.split("\\.");
    return header + "." + parts[1] + ".";
  }
}
