package dev.exchange.history.testing;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The single-source computation the service is checked against: candles of any Binance interval
 * folded directly from trades, with buckets computed from calendar rules written independently of
 * the service (java.time: Monday weeks, calendar months, epoch-aligned fixed intervals).
 */
public final class Reference {

  private Reference() {}

  /** Start of the bucket of {@code interval} (Binance code) that contains {@code time}. */
  public static long bucket(String interval, long time) {
    ZonedDateTime t = Instant.ofEpochMilli(time).atZone(ZoneOffset.UTC);
    return switch (interval) {
      case "1M" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant().toEpochMilli();
      case "1w" ->
          t.truncatedTo(ChronoUnit.DAYS)
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
              .toInstant()
              .toEpochMilli();
      default -> Math.floorDiv(time, millis(interval)) * millis(interval);
    };
  }

  /** The next bucket's start. */
  public static long next(String interval, long bucketStart) {
    ZonedDateTime t = Instant.ofEpochMilli(bucketStart).atZone(ZoneOffset.UTC);
    return switch (interval) {
      case "1M" -> t.plusMonths(1).toInstant().toEpochMilli();
      case "1w" -> t.plusWeeks(1).toInstant().toEpochMilli();
      default -> bucketStart + millis(interval);
    };
  }

  public static long millis(String interval) {
    long unit =
        switch (interval.charAt(interval.length() - 1)) {
          case 's' -> 1_000L;
          case 'm' -> 60_000L;
          case 'h' -> 3_600_000L;
          case 'd' -> 86_400_000L;
          default -> throw new IllegalArgumentException(interval);
        };
    return Long.parseLong(interval.substring(0, interval.length() - 1)) * unit;
  }

  /** Candles of {@code interval} from trades in trade-id order. */
  public static List<CandleFixture> candles(List<TradeFixture> trades, String interval) {
    Map<Long, List<TradeFixture>> byBucket = new TreeMap<>();
    for (TradeFixture t : trades) {
      byBucket.computeIfAbsent(bucket(interval, t.time()), b -> new ArrayList<>()).add(t);
    }
    List<CandleFixture> out = new ArrayList<>();
    byBucket.forEach(
        (start, ts) -> {
          BigDecimal high = ts.get(0).price();
          BigDecimal low = ts.get(0).price();
          BigDecimal volume = BigDecimal.ZERO;
          BigDecimal quote = BigDecimal.ZERO;
          BigDecimal buyVolume = BigDecimal.ZERO;
          BigDecimal buyQuote = BigDecimal.ZERO;
          for (TradeFixture t : ts) {
            high = high.max(t.price());
            low = low.min(t.price());
            volume = volume.add(t.quantity());
            quote = quote.add(t.quoteQuantity());
            if (t.takerBuy()) {
              buyVolume = buyVolume.add(t.quantity());
              buyQuote = buyQuote.add(t.quoteQuantity());
            }
          }
          TradeFixture first = ts.get(0);
          TradeFixture last = ts.get(ts.size() - 1);
          out.add(
              new CandleFixture(
                  first.symbol(),
                  start,
                  next(interval, start) - 1,
                  first.price(),
                  high,
                  low,
                  last.price(),
                  volume,
                  quote,
                  ts.size(),
                  buyVolume,
                  buyQuote,
                  first.tradeId(),
                  last.tradeId()));
        });
    return out;
  }
}
