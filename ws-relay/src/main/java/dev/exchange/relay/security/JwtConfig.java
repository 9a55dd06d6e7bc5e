package dev.exchange.relay.security;

import dev.exchange.service.security.Rs256JwtDecoder;
import dev.exchange.service.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * RS256 JWT validation for {@code POST /api/v1/ws-ticket}, configured like edge-api's. The relay
 * has no servlet security chain: everything else it serves is public market data, and the private
 * WebSocket takes a single-use ticket in the handshake (browsers cannot set headers on WebSockets,
 * and a bearer token in a URL ends up in logs).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class JwtConfig {

  @Bean
  JwtDecoder jwtDecoder(SecurityProperties properties) {
    return Rs256JwtDecoder.from(properties);
  }
}
