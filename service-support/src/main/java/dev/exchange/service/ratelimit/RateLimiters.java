package dev.exchange.service.ratelimit;

import dev.exchange.service.web.FieldProblem;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (bucket4j) per account and per client address, per service instance: edge-api
 * charges every request, history-service Binance's signed reads. A request signed with an API key
 * is charged to the key's account, so all of an account's keys and sessions share one budget. The
 * key maps are bounded: past {@code maxTrackedKeys} they are cleared, which only ever grants fresh
 * budgets.
 */
public class RateLimiters {

  /** The problem code of a refused request on {@code /api/v1}. */
  public static final String CODE = "RATE_LIMITED";

  private final RateLimitProperties properties;
  private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();
  private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();

  public RateLimiters(RateLimitProperties properties) {
    this.properties = properties;
  }

  public boolean enabled() {
    return properties.enabled();
  }

  /** Null if the account may proceed, else how long until a request is allowed. */
  public Duration tryAccount(String account) {
    return tryConsume(accounts, account, properties.perAccount());
  }

  /** Null if the address may proceed, else how long until a request is allowed. */
  public Duration tryAddress(String address) {
    return tryConsume(addresses, address, properties.perAddress());
  }

  /** A refused request: the problem to answer with 429 and when to retry. */
  public record Refusal(FieldProblem problem, Duration retryAfter) {

    /** {@link #retryAfter} in whole seconds, at least 1: the {@code Retry-After} header. */
    public long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  /**
   * Takes one token from the address's budget, then (if {@code account} is not null) one from the
   * account's; null if both allow the request. The address is charged first, and a request refused
   * on its address does not touch the account's budget.
   */
  public Refusal check(String address, String account) {
    Duration wait = tryAddress(address);
    String scope = "client address";
    if (wait == null && account != null) {
      wait = tryAccount(account);
      scope = "account";
    }
    return wait == null
        ? null
        : new Refusal(
            new FieldProblem(null, CODE, "request rate limit exceeded for this " + scope), wait);
  }

  public RateLimitProperties properties() {
    return properties;
  }

  private Duration tryConsume(
      Map<String, Bucket> buckets, String key, RateLimitProperties.Limit limit) {
    if (buckets.size() >= properties.maxTrackedKeys() && !buckets.containsKey(key)) {
      buckets.clear();
    }
    Bucket bucket = buckets.computeIfAbsent(key, k -> newBucket(limit));
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? null : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }

  private static Bucket newBucket(RateLimitProperties.Limit limit) {
    return Bucket.builder()
        .addLimit(
            l ->
                l.capacity(limit.capacity())
                    .refillGreedy(limit.refillTokens(), limit.refillPeriod()))
        .build();
  }
}
