package dev.exchange.relay.security;

import dev.exchange.service.security.SecurityProperties;
import dev.exchange.service.web.Problems;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/ws-ticket} with {@code Authorization: Bearer <jwt>} (role trader or admin): a
 * single-use ticket for {@code /ws/private?ticket=…}, valid for {@code
 * exchange.ws-ticket.validity}. The relay has no servlet security chain, so the bearer check is
 * done here with the same decoder every service uses.
 */
@RestController
class WsTicketController {

  private static final String BEARER = "Bearer ";

  private final JwtDecoder decoder;
  private final WsTickets tickets;
  private final String rolesClaim;

  WsTicketController(JwtDecoder decoder, WsTickets tickets, SecurityProperties security) {
    this.decoder = decoder;
    this.tickets = tickets;
    this.rolesClaim = security.rolesClaim();
  }

  @PostMapping("/api/v1/ws-ticket")
  ResponseEntity<?> ticket(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    if (authorization == null || !authorization.startsWith(BEARER)) {
      return problem(
          HttpStatus.UNAUTHORIZED,
          "UNAUTHENTICATED",
          "a bearer token (Authorization: Bearer <jwt>) is required");
    }
    Jwt jwt;
    try {
      jwt = decoder.decode(authorization.substring(BEARER.length()));
    } catch (JwtException e) {
      return problem(
          HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "invalid bearer token: " + e.getMessage());
    }
    if (jwt.getSubject() == null || jwt.getSubject().isBlank() || !canTrade(jwt)) {
      return problem(
          HttpStatus.FORBIDDEN, "FORBIDDEN", "the token's roles do not allow this request");
    }
    WsTickets.Ticket ticket = tickets.issue(jwt.getSubject(), jwt.getExpiresAt());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ticket", ticket.value());
    body.put("expiresAt", ticket.expiresAt().toEpochMilli());
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }

  /** Role trader or admin in the roles claim, a list or a space-separated string. */
  private boolean canTrade(Jwt jwt) {
    Object claim = jwt.getClaims().get(rolesClaim);
    Collection<?> roles =
        claim instanceof Collection<?> list
            ? list
            : claim instanceof String text ? List.of(text.split(" ")) : List.of();
    return roles.contains("trader") || roles.contains("admin");
  }

  private static ResponseEntity<?> problem(HttpStatus status, String code, String message) {
    ResponseEntity.BodyBuilder response =
        ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return response.body(Problems.detail(status, code, null, message));
  }
}
