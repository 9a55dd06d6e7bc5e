package dev.exchange.service.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The RS256 JWT decoder every service validates bearer tokens with. A token passes when its
 * signature is RS256 by the configured key ({@code alg=none} and every other algorithm are
 * refused), it has an {@code exp} that has not passed (60 s clock skew), its {@code iss} is the
 * configured issuer and its audience claim holds the configured audience.
 */
public final class Rs256JwtDecoder {

  private Rs256JwtDecoder() {}

  /**
   * A decoder for the issuer's JWK set or, when none is configured, for a PEM public key.
   *
   * @throws IllegalStateException naming the setting, if the issuer, the audience or both the JWK
   *     set URI and the public key are not configured
   */
  public static JwtDecoder from(SecurityProperties properties) {
    require(
        properties.issuer(),
        "exchange.security.issuer is empty: set it to the token issuer (iss) the service trusts");
    require(
        properties.audience(),
        "exchange.security.audience is empty: set it to the audience the exchange's tokens carry");
    require(
        properties.audienceClaim(),
        "exchange.security.audience-claim is empty: set it to aud, or client_id for Cognito");
    NimbusJwtDecoder decoder;
    if (present(properties.jwkSetUri())) {
      decoder =
          NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
              .jwsAlgorithm(SignatureAlgorithm.RS256)
              .build();
    } else if (present(properties.publicKey())) {
      RSAPublicKey key =
          RsaKeyConverters.x509()
              .convert(
                  new ByteArrayInputStream(
                      properties.publicKey().strip().getBytes(StandardCharsets.US_ASCII)));
      decoder =
          NimbusJwtDecoder.withPublicKey(key).signatureAlgorithm(SignatureAlgorithm.RS256).build();
    } else {
      throw new IllegalStateException(
          "set exchange.security.jwk-set-uri or exchange.security.public-key");
    }
    decoder.setJwtValidator(validator(properties));
    return decoder;
  }

  /** The claim checks, in the order a refusal names them. */
  static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
    return new DelegatingOAuth2TokenValidator<>(
        List.of(
            required(JwtClaimNames.EXP),
            new JwtTimestampValidator(),
            new JwtIssuerValidator(properties.issuer()),
            audience(properties.audienceClaim(), properties.audience())));
  }

  private static OAuth2TokenValidator<Jwt> required(String claim) {
    return jwt -> {
      Instant value = jwt.getClaimAsInstant(claim);
      return value != null
          ? OAuth2TokenValidatorResult.success()
          : failure("The " + claim + " claim is required");
    };
  }

  private static OAuth2TokenValidator<Jwt> audience(String claim, String expected) {
    return jwt -> {
      Object value = jwt.getClaims().get(claim);
      boolean holds =
          value instanceof Collection<?> values
              ? values.contains(expected)
              : expected.equals(value);
      return holds
          ? OAuth2TokenValidatorResult.success()
          : failure("The " + claim + " claim is not " + expected);
    };
  }

  private static OAuth2TokenValidatorResult failure(String description) {
    return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
  }

  private static void require(String value, String message) {
    if (!present(value)) {
      throw new IllegalStateException(message);
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
