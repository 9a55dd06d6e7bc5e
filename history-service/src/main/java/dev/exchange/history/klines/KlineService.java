package dev.exchange.history.klines;

import dev.exchange.history.rows.Kline;
import dev.exchange.history.rows.TradeRow;
import dev.exchange.history.tiers.HotStore;
import dev.exchange.history.tiers.Tiers;
import dev.exchange.history.trades.TradeService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Klines of any interval over any range: buckets before the hot tier's start are built from the
 * cold tier's 1m candles, later ones from the hot tier's stored interval (see {@link
 * KlineInterval}), and a bucket that straddles the boundary (3d, 1w, 1M) is folded from both. The
 * boundary is a UTC midnight and every stored bucket lies on one side of it, so nothing is counted
 * twice or lost at the seam.
 */
@Service
public class KlineService {

  private final Tiers tiers;
  private final HotStore hot;
  private final TradeService trades;
  private final ColdHourly coldHourly;

  public KlineService(Tiers tiers, HotStore hot, TradeService trades, ColdHourly coldHourly) {
    this.tiers = tiers;
    this.hot = hot;
    this.trades = trades;
    this.coldHourly = coldHourly;
  }

  /**
   * Binance's window: with {@code startTime}, up to {@code limit} buckets opening at or after it
   * (and at or before {@code endTime} if given); otherwise up to {@code limit} buckets ending with
   * the one that contains {@code endTime} (default now). Buckets without trades are not returned.
   */
  public List<Kline> klines(
      String symbol, KlineInterval interval, Long startTime, Long endTime, int limit) {
    long from;
    long to;
    if (startTime != null) {
      from = interval.bucketStartAtOrAfter(startTime);
      to = interval.plus(from, limit);
      if (endTime != null) {
        to = Math.min(to, interval.plus(interval.bucketStart(endTime), 1));
      }
    } else {
      long last = interval.bucketStart(endTime != null ? endTime : tiers.now());
      from = interval.plus(last, -(limit - 1L));
      to = interval.plus(last, 1);
    }
    if (from >= to) {
      return List.of();
    }
    List<Kline> out = range(symbol, interval, from, to);
    if (out.size() <= limit) {
      return out;
    }
    return startTime != null ? out.subList(0, limit) : out.subList(out.size() - limit, out.size());
  }

  /** Every non-empty bucket of {@code interval} with open time in {@code [from, to)}. */
  public List<Kline> range(String symbol, KlineInterval interval, long from, long to) {
    if (interval.fromTrades()) {
      return Buckets.fromTrades(allTrades(symbol, from, to), interval);
    }
    long hotStart = tiers.hotStart();
    List<Kline> finer = new ArrayList<>();
    if (from < hotStart) {
      long coldTo = Math.min(to, hotStart);
      finer.addAll(
          interval.nestsHours()
              ? coldHourly.hours(tiers.cold(), symbol, from, coldTo)
              : tiers.cold().candles1m(symbol, from, coldTo));
    }
    if (to > hotStart) {
      finer.addAll(hot.candles(symbol, interval.hotSource(), Math.max(from, hotStart), to));
    }
    return Buckets.fold(finer, interval);
  }

  private List<TradeRow> allTrades(String symbol, long from, long to) {
    List<TradeRow> all = new ArrayList<>();
    long fromTime = from;
    long fromId = 0;
    while (true) {
      List<TradeRow> chunk =
          trades.ascending(symbol, fromTime, to, fromId, TradeService.CHUNK, false);
      all.addAll(chunk);
      if (chunk.size() < TradeService.CHUNK) {
        return all;
      }
      TradeRow last = chunk.get(chunk.size() - 1);
      fromTime = last.time();
      fromId = last.tradeId() + 1;
    }
  }
}
