package dev.exchange.history.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the history service.
 *
 * @param hotRetention how much the PostgreSQL hot tier keeps: the same value as the history job's
 *     {@code --hot-retention-days} (default 30 days). Whole days count: the hot tier holds today
 *     and that many full UTC days before it; older times come from the cold tier
 * @param maxKlines the largest {@code limit} of the own klines endpoint
 * @param maxPage the largest {@code limit} of the own trades and orders pages
 */
@ConfigurationProperties("exchange.history")
public record HistoryProperties(
    @DefaultValue("30d") Duration hotRetention,
    @DefaultValue("10000") int maxKlines,
    @DefaultValue("1000") int maxPage) {

  public HistoryProperties {
    if (hotRetention.isNegative()) {
      throw new IllegalArgumentException(
          "exchange.history.hot-retention must not be negative: " + hotRetention);
    }
  }
}
