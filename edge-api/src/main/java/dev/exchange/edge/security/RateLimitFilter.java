package dev.exchange.edge.security;

import dev.exchange.edge.errors.ProblemWriter;
import dev.exchange.service.apikeys.ApiKey;
import dev.exchange.service.apikeys.SignedRequestFilter;
import dev.exchange.service.ratelimit.RateLimiters;
import dev.exchange.service.web.BinanceException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the per-address budget to every API request and the per-account budget to authenticated
 * ones; runs after the bearer token is read so the account is known. Answers 429 with Retry-After.
 */
final class RateLimitFilter extends OncePerRequestFilter {

  private final RateLimiters limiters;
  private final ProblemWriter problems;

  RateLimitFilter(RateLimiters limiters, ProblemWriter problems) {
    this.limiters = limiters;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !limiters.enabled() || !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    // A signed Binance request is charged to its key's account, like a bearer token's.
    ApiKey key = (ApiKey) request.getAttribute(SignedRequestFilter.API_KEY);
    String account =
        auth instanceof JwtAuthenticationToken token
            ? token.getName()
            : key == null ? null : key.account();
    RateLimiters.Refusal refusal = limiters.check(request.getRemoteAddr(), account);
    if (refusal != null && request.getRequestURI().startsWith("/api/v3/")) {
      response.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
      SignedRequestFilter.write(response, BinanceException.tooManyRequests());
      return;
    }
    if (refusal != null) {
      problems.write(
          request, response, HttpStatus.TOO_MANY_REQUESTS, refusal.problem(), refusal.retryAfter());
      return;
    }
    chain.doFilter(request, response);
  }
}
