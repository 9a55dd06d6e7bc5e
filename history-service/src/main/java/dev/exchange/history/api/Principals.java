package dev.exchange.history.api;

import dev.exchange.service.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/** The caller of a private endpoint: the account is the bearer token's subject. */
final class Principals {

  private Principals() {}

  /** The token's subject; 403 if it has none. */
  static String account(Jwt jwt) {
    if (jwt == null || jwt.getSubject() == null || jwt.getSubject().isBlank()) {
      throw ApiException.of(
          HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, null, "the token has no subject (sub)");
    }
    return jwt.getSubject();
  }
}
