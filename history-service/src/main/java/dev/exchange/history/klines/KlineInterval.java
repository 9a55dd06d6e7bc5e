package dev.exchange.history.klines;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The Binance kline intervals and how each is served exactly from what is stored. Buckets are UTC:
 * fixed-length intervals up to 3d are aligned to the Unix epoch (as Binance does), weeks start on
 * Monday 00:00, months on the first calendar day 00:00.
 *
 * <p>{@code hotSource} is the stored hot-tier interval the bucket is built from (the coarsest one
 * whose buckets nest exactly in this interval's buckets); the cold tier stores 1m candles only, so
 * every interval but 1s is built from 1m there. 1s is built from trades in both tiers.
 */
public enum KlineInterval {
  S1("1s", 1_000L, null),
  M1("1m", 60_000L, "1m"),
  M3("3m", 180_000L, "1m"),
  M5("5m", 300_000L, "5m"),
  M15("15m", 900_000L, "15m"),
  M30("30m", 1_800_000L, "15m"),
  H1("1h", 3_600_000L, "1h"),
  H2("2h", 7_200_000L, "1h"),
  H4("4h", 14_400_000L, "4h"),
  H6("6h", 21_600_000L, "1h"),
  H8("8h", 28_800_000L, "4h"),
  H12("12h", 43_200_000L, "4h"),
  D1("1d", 86_400_000L, "1d"),
  D3("3d", 259_200_000L, "1d"),
  W1("1w", 604_800_000L, "1d"),
  MONTH1("1M", 0L, "1d");

  private final String code;
  private final long millis;
  private final String hotSource;

  KlineInterval(String code, long millis, String hotSource) {
    this.code = code;
    this.millis = millis;
    this.hotSource = hotSource;
  }

  /** The Binance code, e.g. {@code 1m} or {@code 1M}. */
  public String code() {
    return code;
  }

  /** The stored hot-tier interval this one is built from, or null if built from trades (1s). */
  public String hotSource() {
    return hotSource;
  }

  /** Whether the interval is built from trades rather than stored candles. */
  public boolean fromTrades() {
    return hotSource == null;
  }

  /** Whether the stored hot-tier interval is this one itself (no aggregation in the hot tier). */
  public boolean storedInHotTier() {
    return code.equals(hotSource);
  }

  /**
   * The interval of a Binance code (case-sensitive: {@code 1m} is a minute, {@code 1M} a month).
   */
  public static KlineInterval of(String code) {
    for (KlineInterval i : values()) {
      if (i.code.equals(code)) {
        return i;
      }
    }
    return null;
  }

  /** Start of the bucket that contains {@code time} (epoch ms). */
  public long bucketStart(long time) {
    if (this == MONTH1) {
      LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(time), ZoneOffset.UTC);
      return day.withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (this == W1) {
      LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(time), ZoneOffset.UTC);
      return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
          .atStartOfDay()
          .toInstant(ZoneOffset.UTC)
          .toEpochMilli();
    }
    return Math.floorDiv(time, millis) * millis;
  }

  /** Start of the bucket {@code n} buckets after the one starting at {@code bucketStart}. */
  public long plus(long bucketStart, long n) {
    if (this == MONTH1) {
      return LocalDate.ofInstant(Instant.ofEpochMilli(bucketStart), ZoneOffset.UTC)
          .plusMonths(n)
          .atStartOfDay()
          .toInstant(ZoneOffset.UTC)
          .toEpochMilli();
    }
    return bucketStart + n * millis;
  }

  /** The first bucket start at or after {@code time}. */
  public long bucketStartAtOrAfter(long time) {
    long start = bucketStart(time);
    return start == time ? start : plus(start, 1);
  }

  /** Binance's close time of the bucket: the next bucket's start minus 1 ms. */
  public long closeTime(long bucketStart) {
    return plus(bucketStart, 1) - 1;
  }
}
