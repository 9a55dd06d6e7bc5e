package dev.exchange.history.binance;

import dev.exchange.service.apikeys.ApiKeyAuthenticator;
import dev.exchange.service.apikeys.Permission;
import dev.exchange.service.apikeys.SignedRequestFilter;
import dev.exchange.service.ratelimit.RateLimiters;
import dev.exchange.service.web.BinanceException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

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

  /**
   * The signed reads are charged to the key's account and the caller's address (edge-api's budgets,
   * {@code exchange.rate-limits.*}, per instance), after the signature check: over budget, 429 with
   * Binance's -1003 and {@code Retry-After}.
   */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> signedReadLimitFilter(RateLimiters limiters) {
    OncePerRequestFilter filter =
        new OncePerRequestFilter() {
          @Override
          protected boolean shouldNotFilter(HttpServletRequest request) {
            return !limiters.enabled() || request.getAttribute(SignedRequestFilter.API_KEY) == null;
          }

          @Override
          protected void doFilterInternal(
              HttpServletRequest request, HttpServletResponse response, FilterChain chain)
              throws ServletException, IOException {
            RateLimiters.Refusal refusal =
                limiters.check(
                    request.getRemoteAddr(), SignedRequestFilter.apiKey(request).account());
            if (refusal != null) {
              response.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
              SignedRequestFilter.write(response, BinanceException.tooManyRequests());
              return;
            }
            chain.doFilter(request, response);
          }
        };
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(filter);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
    registration.addUrlPatterns("/api/v3/*");
    return registration;
  }

  static Permission permission(HttpServletRequest request) {
    return request.getMethod().equals("GET") && PATHS.contains(request.getRequestURI())
        ? Permission.READ
        : null;
  }
}
