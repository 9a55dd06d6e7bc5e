package dev.exchange.history.klines;

import dev.exchange.history.rows.Kline;
import dev.exchange.history.system.HistoryProperties;
import dev.exchange.history.tiers.ColdStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Hourly candles of the cold tier, kept per UTC day in a bounded LRU cache. Intervals of an hour
 * and more (whose buckets all nest hour buckets) are built from them. They are read from the stored
 * {@code candles_1h} table from the symbol's first row there on ({@link ColdStore#hourlyStart}: the
 * lakehouse job stores every closed hour from then on, partitioned by month, so a year is about a
 * dozen files); hours before it, written before that table existed, are folded from {@code
 * candles_1m}. Both are the market-data job's closed candles of the same trades, so a stored hour
 * equals the fold of its minutes.
 *
 * <p>The cold tier only holds days older than the hot tier's start, which no writer changes any
 * more (Kafka keeps 7 days, the hot retention is longer); entries still expire after {@link
 * HistoryProperties#coldCacheTtl()} so that a lake that is backfilled after the service started is
 * picked up.
 */
@Component
public class ColdHourly {

  private static final long DAY = 86_400_000L;

  private record Entry(List<Kline> hours, long loadedAt) {}

  private final Clock clock;
  private final long ttlMillis;
  private final Map<String, Entry> cache;

  public ColdHourly(Clock clock, HistoryProperties properties) {
    this.clock = clock;
    this.ttlMillis = properties.coldCacheTtl().toMillis();
    int maxDays = properties.coldCacheDays();
    this.cache =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > maxDays;
          }
        };
  }

  /** 1h candles of the cold tier with open time in {@code [from, to)}, both hour-aligned. */
  public List<Kline> hours(ColdStore cold, String symbol, long from, long to) {
    long firstDay = Math.floorDiv(from, DAY) * DAY;
    long now = clock.millis();
    List<Kline> out = new ArrayList<>();
    long missingFrom = -1;
    List<long[]> missing = new ArrayList<>();
    for (long day = firstDay; day < to; day += DAY) {
      if (cached(symbol, day, now) == null) {
        if (missingFrom < 0) {
          missingFrom = day;
        }
      } else if (missingFrom >= 0) {
        missing.add(new long[] {missingFrom, day});
        missingFrom = -1;
      }
    }
    if (missingFrom >= 0) {
      missing.add(new long[] {missingFrom, Math.floorDiv(to - 1, DAY) * DAY + DAY});
    }
    for (long[] range : missing) {
      load(cold, symbol, range[0], range[1], now);
    }
    for (long day = firstDay; day < to; day += DAY) {
      Entry e;
      synchronized (cache) {
        e = cache.get(key(symbol, day));
      }
      List<Kline> hours = e == null ? reload(cold, symbol, day, now) : e.hours();
      for (Kline k : hours) {
        if (k.openTime() >= from && k.openTime() < to) {
          out.add(k);
        }
      }
    }
    return out;
  }

  private List<Kline> reload(ColdStore cold, String symbol, long day, long now) {
    load(cold, symbol, day, day + DAY, now);
    synchronized (cache) {
      Entry e = cache.get(key(symbol, day));
      return e == null ? List.of() : e.hours();
    }
  }

  /** Reads the hours of whole days {@code [from, to)} and caches them per day. */
  private void load(ColdStore cold, String symbol, long from, long to, long now) {
    List<Kline> hours = read(cold, symbol, from, to);
    Map<Long, List<Kline>> byDay = new LinkedHashMap<>();
    for (long day = from; day < to; day += DAY) {
      byDay.put(day, new ArrayList<>());
    }
    for (Kline k : hours) {
      byDay.get(Math.floorDiv(k.openTime(), DAY) * DAY).add(k);
    }
    synchronized (cache) {
      byDay.forEach((day, list) -> cache.put(key(symbol, day), new Entry(List.copyOf(list), now)));
    }
  }

  /**
   * Hours in {@code [from, to)}: stored ones from the symbol's first stored hour on, folded from 1m
   * candles before it.
   */
  static List<Kline> read(ColdStore cold, String symbol, long from, long to) {
    long stored = cold.hourlyStart(symbol);
    List<Kline> hours = new ArrayList<>();
    if (from < stored) {
      hours.addAll(
          Buckets.fold(cold.candles1m(symbol, from, Math.min(to, stored)), KlineInterval.H1));
    }
    if (to > stored) {
      hours.addAll(cold.candles1h(symbol, Math.max(from, stored), to));
    }
    return hours;
  }

  private Entry cached(String symbol, long day, long now) {
    synchronized (cache) {
      Entry e = cache.get(key(symbol, day));
      if (e != null && now - e.loadedAt() >= ttlMillis) {
        cache.remove(key(symbol, day));
        return null;
      }
      return e;
    }
  }

  private static String key(String symbol, long day) {
    return symbol + '/' + day;
  }
}
