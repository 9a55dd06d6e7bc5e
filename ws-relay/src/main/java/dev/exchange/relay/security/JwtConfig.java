package dev.exchange.relay.security;

import dev.exchange.service.security.Rs256JwtDecoder;
import dev.exchange.service.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * RS256 JWT validation for the private stream, configured like edge-api's. The relay has no servlet
 * security chain: everything else it serves is public market data, and the private WebSocket checks
 * its token in the handshake ({@code access_token} query parameter, because browsers cannot set
 * headers on WebSockets).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class JwtConfig {

  @Bean
  JwtDecoder jwtDecoder(SecurityProperties properties) {
    return Rs256JwtDecoder.from(properties);
  }
}
