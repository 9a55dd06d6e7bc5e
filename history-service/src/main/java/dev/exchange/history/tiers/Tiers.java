package dev.exchange.history.tiers;

import dev.exchange.history.system.HistoryProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * Where the hot tier starts. The history job keeps today and {@code retention} full UTC days before
 * it in PostgreSQL and drops older day partitions (hourly, so some may linger); times from the
 * start of the oldest kept day on are read from PostgreSQL, earlier times from the cold tier. The
 * boundary is a UTC midnight, so every stored candle interval (1m … 1d) and every bucket of a
 * coarser one that does not straddle it lies entirely on one side.
 */
@Component
public class Tiers {

  private final Clock clock;
  private final long retentionDays;
  private final ColdStore cold;

  public Tiers(Clock clock, HistoryProperties properties, ColdStore cold) {
    this.clock = clock;
    this.retentionDays = properties.hotRetention().toDays();
    this.cold = cold;
  }

  /** The first epoch ms answered by the hot tier; {@link Long#MIN_VALUE} without a cold tier. */
  public long hotStart() {
    if (!cold.enabled()) {
      return Long.MIN_VALUE;
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return today.minusDays(retentionDays).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  public long now() {
    return clock.millis();
  }

  public ColdStore cold() {
    return cold;
  }
}
