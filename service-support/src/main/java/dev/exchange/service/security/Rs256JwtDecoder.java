package dev.exchange.service.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The RS256 JWT decoder every service validates bearer tokens with. */
public final class Rs256JwtDecoder {

  private Rs256JwtDecoder() {}

  /**
   * A decoder for the issuer's JWK set or, when none is configured, for a PEM public key (the local
   * dev issuer); checks expiry and, when configured, the issuer.
   *
   * @throws IllegalStateException if neither a JWK set URI nor a public key is configured
   */
  public static JwtDecoder from(SecurityProperties properties) {
    NimbusJwtDecoder decoder;
    if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
      decoder =
          NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
              .jwsAlgorithm(SignatureAlgorithm.RS256)
              .build();
    } else if (properties.publicKey() != null && !properties.publicKey().isBlank()) {
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
    OAuth2TokenValidator<Jwt> validator =
        properties.issuer() == null || properties.issuer().isBlank()
            ? JwtValidators.createDefault()
            : JwtValidators.createDefaultWithIssuer(properties.issuer());
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validator));
    return decoder;
  }
}
