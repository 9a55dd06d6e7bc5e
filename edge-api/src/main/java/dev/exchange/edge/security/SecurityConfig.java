package dev.exchange.edge.security;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.edge.errors.ProblemWriter;
import dev.exchange.service.ratelimit.RateLimiters;
import dev.exchange.service.security.Rs256JwtDecoder;
import dev.exchange.service.security.SecurityProperties;
import dev.exchange.service.web.FieldProblem;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Stateless bearer-token security: RS256 JWTs, account = {@code sub}, roles from a configurable
 * claim. Trading needs role {@code trader} or {@code admin}, instrument administration {@code
 * admin} (assets and transfers too); the instrument and asset lists, the OpenAPI document and the
 * actuator are public.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfig {

  static final String TRADER = "trader";
  static final String ADMIN = "admin";

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      JwtDecoder jwtDecoder,
      SecurityProperties properties,
      ProblemWriter problems,
      RateLimiters rateLimiters)
      throws Exception {
    AuthenticationEntryPoint entryPoint = entryPoint(problems);
    AccessDeniedHandler denied =
        (request, response, ex) ->
            problems.write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                new FieldProblem(
                    null, ErrorCodes.FORBIDDEN, "the token's roles do not allow this request"),
                null);
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(HttpMethod.GET, "/api/v1/instruments", "/api/v1/assets")
                    .permitAll()
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/actuator/**", "/error")
                    .permitAll()
                    .requestMatchers("/api/v1/admin/**")
                    .hasRole(ADMIN)
                    .requestMatchers("/api/v1/orders", "/api/v1/orders/**")
                    .hasAnyRole(TRADER, ADMIN)
                    .requestMatchers("/api/v1/api-keys", "/api/v1/api-keys/**")
                    .hasAnyRole(TRADER, ADMIN)
                    .requestMatchers("/api/v1/alerts", "/api/v1/alerts/**")
                    .hasAnyRole(TRADER, ADMIN)
                    // Binance's signed endpoints: SignedRequestFilter checked the api key.
                    .requestMatchers("/api/v3/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .jwt(
                        jwt ->
                            jwt.decoder(jwtDecoder)
                                .jwtAuthenticationConverter(
                                    authenticationConverter(properties.rolesClaim())))
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(denied))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
        .addFilterAfter(
            new RateLimitFilter(rateLimiters, problems), BearerTokenAuthenticationFilter.class);
    return http.build();
  }

  private static AuthenticationEntryPoint entryPoint(ProblemWriter problems) {
    return (request, response, ex) -> {
      boolean invalid = ex instanceof InvalidBearerTokenException;
      response.setHeader("WWW-Authenticate", invalid ? "Bearer error=\"invalid_token\"" : "Bearer");
      problems.write(
          request,
          response,
          HttpStatus.UNAUTHORIZED,
          new FieldProblem(null, ErrorCodes.UNAUTHENTICATED, message(ex, invalid)),
          null);
    };
  }

  private static String message(AuthenticationException ex, boolean invalid) {
    return invalid
        ? "invalid bearer token: " + ex.getMessage()
        : "a bearer token (Authorization: Bearer <jwt>) is required";
  }

  static JwtAuthenticationConverter authenticationConverter(String rolesClaim) {
    JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
    roles.setAuthoritiesClaimName(rolesClaim);
    roles.setAuthorityPrefix("ROLE_");
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(roles);
    return converter;
  }

  @Bean
  JwtDecoder jwtDecoder(
      SecurityProperties properties,
      @Value("${exchange.security.token-cache-size:10000}") int tokenCacheSize) {
    return new CachingJwtDecoder(
        Rs256JwtDecoder.from(properties), tokenCacheSize, Clock.systemUTC());
  }

  /** The default firewall rules, with a faster check of the characters of headers. */
  @Bean
  WebSecurityCustomizer firewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedHeaderNames(FastHeaderCharacters.NAMES);
    firewall.setAllowedHeaderValues(FastHeaderCharacters.VALUES);
    return web -> web.httpFirewall(firewall);
  }
}
