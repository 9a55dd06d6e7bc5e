package dev.exchange.edge.security;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.service.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/** The account behind a request: the token subject. */
public final class Accounts {

  private Accounts() {}

  public static String of(Jwt jwt) {
    if (jwt == null || jwt.getSubject() == null || jwt.getSubject().isBlank()) {
      throw ApiException.of(
          HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, null, "the token has no subject (sub)");
    }
    return jwt.getSubject();
  }
}
