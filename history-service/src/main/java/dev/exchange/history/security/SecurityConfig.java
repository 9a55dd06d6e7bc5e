package dev.exchange.history.security;

import dev.exchange.history.api.ErrorCodes;
import dev.exchange.service.security.Rs256JwtDecoder;
import dev.exchange.service.security.SecurityProperties;
import dev.exchange.service.web.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Stateless bearer-token security as in edge-api (RS256 JWTs checked with service-support's
 * decoder, account = {@code sub}, roles from a configurable claim). Market history (klines, trades,
 * the Binance surface) is public; my orders and my account need role {@code trader} or {@code
 * admin}; the fee ledger needs {@code admin}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

  static final String TRADER = "trader";
  static final String ADMIN = "admin";

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder jwtDecoder, SecurityProperties p)
      throws Exception {
    AuthenticationEntryPoint entryPoint =
        (request, response, ex) -> {
          boolean invalid = ex instanceof InvalidBearerTokenException;
          response.setHeader(
              "WWW-Authenticate", invalid ? "Bearer error=\"invalid_token\"" : "Bearer");
          Problems.write(
              response,
              request.getRequestURI(),
              Problems.detail(
                  HttpStatus.UNAUTHORIZED,
                  ErrorCodes.UNAUTHENTICATED,
                  null,
                  invalid
                      ? "invalid bearer token: " + ex.getMessage()
                      : "a bearer token (Authorization: Bearer <jwt>) is required"),
              null);
        };
    AccessDeniedHandler denied =
        (request, response, ex) ->
            Problems.write(
                response,
                request.getRequestURI(),
                Problems.detail(
                    HttpStatus.FORBIDDEN,
                    ErrorCodes.FORBIDDEN,
                    null,
                    "the token's roles do not allow this request"),
                null);
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/api/v1/history/orders",
                        "/api/v1/history/orders/**",
                        "/api/v1/account",
                        "/api/v1/account/**")
                    .hasAnyRole(TRADER, ADMIN)
                    .requestMatchers("/api/v1/history/fees")
                    .hasRole(ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/v1/history/**", "/api/v3/**")
                    .permitAll()
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/actuator/**", "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .jwt(
                        jwt ->
                            jwt.decoder(jwtDecoder)
                                .jwtAuthenticationConverter(converter(p.rolesClaim())))
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(denied))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
    return http.build();
  }

  private static JwtAuthenticationConverter converter(String rolesClaim) {
    JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
    roles.setAuthoritiesClaimName(rolesClaim);
    roles.setAuthorityPrefix("ROLE_");
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(roles);
    return converter;
  }

  @Bean
  JwtDecoder jwtDecoder(SecurityProperties properties) {
    return Rs256JwtDecoder.from(properties);
  }
}
