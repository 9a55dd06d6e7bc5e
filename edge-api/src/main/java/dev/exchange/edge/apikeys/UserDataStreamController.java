package dev.exchange.edge.apikeys;

import dev.exchange.service.apikeys.ApiKey;
import dev.exchange.service.apikeys.ApiKeyAuthenticator;
import dev.exchange.service.apikeys.ListenKeyStore;
import dev.exchange.service.apikeys.Permission;
import dev.exchange.service.apikeys.SignedRequestFilter;
import dev.exchange.service.web.BinanceErrorHandler;
import dev.exchange.service.web.BinanceException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Binance's listen key endpoints ({@code USER_STREAM}: the {@code X-MBX-APIKEY} header, no
 * signature): {@code POST} opens the key's listen key (or returns its live one, extended), {@code
 * PUT} keeps it alive for another 60 minutes, {@code DELETE} closes it. The stream itself is
 * ws-relay's {@code /ws/<listenKey>}. A key needs READ: the stream shows the account's orders and
 * balances.
 */
@RestController
@RequestMapping("/api/v3/userDataStream")
class UserDataStreamController {

  private final ApiKeyAuthenticator authenticator;
  private final ListenKeyStore listenKeys;
  private final Clock clock;

  UserDataStreamController(
      ApiKeyAuthenticator authenticator, ListenKeyStore listenKeys, Clock clock) {
    this.authenticator = authenticator;
    this.listenKeys = listenKeys;
    this.clock = clock;
  }

  @PostMapping
  Map<String, String> open(HttpServletRequest request) {
    return Map.of("listenKey", listenKeys.open(key(request), clock.millis()));
  }

  @PutMapping
  Map<String, String> keepAlive(HttpServletRequest request) {
    ApiKey key = key(request);
    if (!listenKeys.keepAlive(key.apiKey(), listenKey(request), clock.millis())) {
      throw BinanceException.unknownListenKey();
    }
    return Map.of();
  }

  @DeleteMapping
  Map<String, String> close(HttpServletRequest request) {
    ApiKey key = key(request);
    if (!listenKeys.close(key.apiKey(), listenKey(request), clock.millis())) {
      throw BinanceException.unknownListenKey();
    }
    return Map.of();
  }

  private ApiKey key(HttpServletRequest request) {
    ApiKey key =
        authenticator.key(request.getHeader(SignedRequestFilter.HEADER), request.getRemoteAddr());
    if (!key.permissions().contains(Permission.READ)) {
      throw BinanceException.apiKeyRejected();
    }
    return key;
  }

  private static String listenKey(HttpServletRequest request) {
    String listenKey = request.getParameter("listenKey");
    if (listenKey == null || listenKey.isEmpty()) {
      throw BinanceException.missing("listenKey");
    }
    return listenKey;
  }

  /** Binance's error body for these endpoints, ahead of the problem+json handler. */
  @Order(Ordered.HIGHEST_PRECEDENCE)
  @RestControllerAdvice(assignableTypes = UserDataStreamController.class)
  static class Errors extends BinanceErrorHandler {}
}
