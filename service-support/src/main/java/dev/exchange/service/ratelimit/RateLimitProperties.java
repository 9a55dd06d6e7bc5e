package dev.exchange.service.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request budgets per account (token subject) and per client address, as token buckets.
 *
 * @param enabled whether limits apply
 * @param perAccount budget of one account
 * @param perAddress budget of one client address
 * @param maxTrackedKeys buckets kept before the least recently created are dropped
 */
@ConfigurationProperties("exchange.rate-limits")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue Limit perAccount,
    @DefaultValue Limit perAddress,
    @DefaultValue("100000") int maxTrackedKeys) {

  /**
   * @param capacity burst size
   * @param refillTokens tokens added every {@code refillPeriod}
   * @param refillPeriod refill interval
   */
  public record Limit(
      @DefaultValue("100") long capacity,
      @DefaultValue("50") long refillTokens,
      @DefaultValue("1s") Duration refillPeriod) {}
}
