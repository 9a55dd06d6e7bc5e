package dev.exchange.jobs.marketdata;

/** The candle intervals, in emission order. UTC buckets aligned to the epoch, as Binance. */
public enum Interval {
  ONE_MINUTE("1m", 60_000L),
  FIVE_MINUTES("5m", 5 * 60_000L),
  FIFTEEN_MINUTES("15m", 15 * 60_000L),
  ONE_HOUR("1h", 60 * 60_000L),
  FOUR_HOURS("4h", 4 * 60 * 60_000L),
  ONE_DAY("1d", 24 * 60 * 60_000L);

  private final String code;
  private final long millis;

  Interval(String code, long millis) {
    this.code = code;
    this.millis = millis;
  }

  /** The name on the wire ({@code Candle.interval}, Binance's kline interval). */
  public String code() {
    return code;
  }

  public long millis() {
    return millis;
  }

  /** The start of the bucket holding {@code time}: {@code floor(time / interval) * interval}. */
  public long openTime(long time) {
    return Math.floorDiv(time, millis) * millis;
  }

  /** The last millisecond of the bucket opening at {@code openTime}. */
  public long closeTime(long openTime) {
    return openTime + millis - 1;
  }
}
