package dev.exchange.relay.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * RS256 JWT validation for the private stream, configured like edge-api's. The relay has no servlet
 * security chain: everything else it serves is public market data, and the private WebSocket checks
 * its token in the handshake ({@code access_token} query parameter, because browsers cannot set
 * headers on WebSockets).
 */
@Configuration(proxyBeanMethods = false)
public class JwtConfig {

  @Bean
  JwtDecoder jwtDecoder(SecurityProperties properties) {
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
