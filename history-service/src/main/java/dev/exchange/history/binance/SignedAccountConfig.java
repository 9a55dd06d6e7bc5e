package dev.exchange.history.binance;

import dev.exchange.service.apikeys.ApiKeyAuthenticator;
import dev.exchange.service.apikeys.Permission;
import dev.exchange.service.apikeys.SignedRequestFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The signature check in front of the signed reads ({@link SignedAccountController}), ahead of
 * Spring Security, which lets {@code GET /api/v3/**} through.
 */
@Configuration(proxyBeanMethods = false)
class SignedAccountConfig {

  /** The signed GET paths this service answers. */
  static final Set<String> PATHS =
      Set.of(
          "/api/v3/order",
          "/api/v3/openOrders",
          "/api/v3/allOrders",
          "/api/v3/myTrades",
          "/api/v3/account");

  /** Query strings only; a larger request is not one of these. */
  static final int MAX_BODY = 16 * 1024;

  @Bean
  FilterRegistrationBean<SignedRequestFilter> signedAccountFilter(
      ApiKeyAuthenticator authenticator) {
    FilterRegistrationBean<SignedRequestFilter> registration =
        new FilterRegistrationBean<>(
            new SignedRequestFilter(authenticator, SignedAccountConfig::permission, MAX_BODY));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    registration.addUrlPatterns("/api/v3/*");
    return registration;
  }

  static Permission permission(HttpServletRequest request) {
    return request.getMethod().equals("GET") && PATHS.contains(request.getRequestURI())
        ? Permission.READ
        : null;
  }
}
