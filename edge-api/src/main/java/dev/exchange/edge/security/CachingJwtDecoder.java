package dev.exchange.edge.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens the delegate has verified, so a client sending the same bearer token on every
 * order costs one RSA signature check per token instead of one per request (it was about a fifth of
 * the edge's CPU under load, see docs/edge-api.md#benchmark).
 *
 * <p>Safety: the key is the whole token text, signature included, so a token differing in any byte
 * is verified afresh; only successful verifications are remembered; a remembered token past its
 * {@code exp} is dropped and handed to the delegate again, which applies its own validators (expiry
 * with their clock skew, issuer), so expiry behaves exactly as without the cache. The map is
 * bounded: past {@code maxEntries} it is cleared, which only costs re-verification.
 */
public final class CachingJwtDecoder implements JwtDecoder {

  private final JwtDecoder delegate;
  private final int maxEntries;
  private final Clock clock;
  private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

  public CachingJwtDecoder(JwtDecoder delegate, int maxEntries, Clock clock) {
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
    }
    this.delegate = delegate;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Jwt jwt = verified.get(token);
    if (jwt != null) {
      Instant expiresAt = jwt.getExpiresAt();
      if (expiresAt == null || clock.instant().isBefore(expiresAt)) {
        return jwt;
      }
      verified.remove(token);
    }
    jwt = delegate.decode(token);
    Instant expiresAt = jwt.getExpiresAt();
    if (expiresAt != null && clock.instant().isBefore(expiresAt)) {
      if (verified.size() >= maxEntries) {
        verified.clear();
      }
      verified.put(token, jwt);
    }
    return jwt;
  }

  int size() {
    return verified.size();
  }
}
