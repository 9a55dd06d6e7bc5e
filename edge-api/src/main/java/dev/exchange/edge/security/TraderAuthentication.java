package dev.exchange.edge.security;

import dev.exchange.service.security.SecurityProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;

/**
 * The trading check of {@link SecurityConfig} for a code path that runs ahead of the security
 * filter chain (the order entry fast path): the same decoder (with its token cache), the same
 * authentication provider and role mapping, the same rule (role {@code trader} or {@code admin},
 * account = {@code sub}). It only ever says yes: every request it does not clearly accept is left
 * to the filter chain, which then answers exactly as it always does (401, 403, ...).
 *
 * <p>A yes is remembered per token until the token's {@code exp}, like {@link CachingJwtDecoder}
 * remembers the verification (keyed by the whole header text, so a remembered header needs neither
 * the character check nor the decoder, and any altered byte is checked afresh; bounded by {@code
 * exchange.security.token-cache-size}, cleared when full): the role mapping of a verified token
 * cannot change, so a client sending the same token on every order costs one map lookup.
 */
@Component
public class TraderAuthentication {

  private static final String BEARER = "Bearer ";
  private static final String TRADER_ROLE = "ROLE_" + SecurityConfig.TRADER;
  private static final String ADMIN_ROLE = "ROLE_" + SecurityConfig.ADMIN;

  private final JwtAuthenticationProvider provider;
  private final int maxEntries;
  private final Clock clock;
  private final Map<String, Trader> traders = new ConcurrentHashMap<>();

  private record Trader(String account, Instant expiresAt) {}

  @Autowired
  public TraderAuthentication(
      JwtDecoder jwtDecoder,
      SecurityProperties properties,
      @Value("${exchange.security.token-cache-size:10000}") int maxEntries) {
    this(jwtDecoder, properties, maxEntries, Clock.systemUTC());
  }

  TraderAuthentication(
      JwtDecoder jwtDecoder, SecurityProperties properties, int maxEntries, Clock clock) {
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
    }
    this.provider = new JwtAuthenticationProvider(jwtDecoder);
    this.provider.setJwtAuthenticationConverter(
        SecurityConfig.authenticationConverter(properties.rolesClaim()));
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /**
   * The account allowed to trade with this {@code Authorization} header, or null when the filter
   * chain has to decide: no header, not exactly {@code Bearer <token>} with the characters RFC 6750
   * allows, a token the decoder refuses, no trading role, or no subject.
   */
  public String trader(String authorization) {
    if (authorization == null) {
      return null;
    }
    Trader known = traders.get(authorization);
    if (known != null) {
      if (clock.instant().isBefore(known.expiresAt())) {
        return known.account();
      }
      traders.remove(authorization);
    }
    String token = bearerToken(authorization);
    if (token == null) {
      return null;
    }
    Authentication authentication;
    try {
      authentication = provider.authenticate(new BearerTokenAuthenticationToken(token));
    } catch (AuthenticationException e) {
      return null;
    }
    if (authentication == null || !canTrade(authentication)) {
      return null;
    }
    String account = authentication.getName();
    if (account == null || account.isBlank()) {
      return null;
    }
    Instant expiresAt =
        authentication.getPrincipal() instanceof Jwt jwt ? jwt.getExpiresAt() : null;
    if (expiresAt != null && clock.instant().isBefore(expiresAt)) {
      if (traders.size() >= maxEntries) {
        traders.clear();
      }
      traders.put(authorization, new Trader(account, expiresAt));
    }
    return account;
  }

  private static boolean canTrade(Authentication authentication) {
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      String role = authority.getAuthority();
      if (TRADER_ROLE.equals(role) || ADMIN_ROLE.equals(role)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The token of {@code Bearer <token>}, where the token is {@code [A-Za-z0-9-._~+/]+=*} as in
   * Spring Security's resolver; null for anything else.
   */
  static String bearerToken(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.startsWith(BEARER)) {
      return null;
    }
    int n = authorization.length();
    int i = BEARER.length();
    while (i < n && isTokenChar(authorization.charAt(i))) {
      i++;
    }
    if (i == BEARER.length()) {
      return null;
    }
    while (i < n && authorization.charAt(i) == '=') {
      i++;
    }
    return i == n ? authorization.substring(BEARER.length()) : null;
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == '/';
  }
}
