package dev.exchange.history.trades;

import dev.exchange.history.rows.TradeRow;
import dev.exchange.history.tiers.ColdStore;
import dev.exchange.history.tiers.HotStore;
import dev.exchange.history.tiers.Tiers;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A symbol's trades from both tiers. Trade ids are per symbol, gapless and in time order, so the
 * cold part of a range (times before the hot tier's start) always precedes the hot part, and a
 * keyset on {@code (time, tradeId)} is also a keyset on the id alone.
 */
@Service
public class TradeService {

  /** How many trades one step of a longer walk reads. */
  public static final int CHUNK = 1000;

  private final Tiers tiers;
  private final HotStore hot;

  public TradeService(Tiers tiers, HotStore hot) {
    this.tiers = tiers;
    this.hot = hot;
  }

  /**
   * Trades with time in {@code [from, to)} and id {@code >= fromId}, oldest first, at most limit.
   *
   * @param byId the range has no time bound: walk the id rather than the time index
   */
  public List<TradeRow> ascending(
      String symbol, long from, long to, long fromId, int limit, boolean byId) {
    long hotStart = tiers.hotStart();
    ColdStore cold = tiers.cold();
    List<TradeRow> out = new ArrayList<>();
    if (cold.enabled() && from < hotStart) {
      out.addAll(cold.tradesAscending(symbol, from, Math.min(to, hotStart), fromId, limit));
    }
    if (out.size() < limit && to > hotStart) {
      out.addAll(
          hot.tradesAscending(
              symbol, Math.max(from, hotStart), to, fromId, limit - out.size(), byId));
    }
    return out;
  }

  /** Trades with time {@code < to} and id {@code < beforeId}, newest first, at most limit. */
  public List<TradeRow> descending(String symbol, long to, long beforeId, int limit) {
    long hotStart = tiers.hotStart();
    ColdStore cold = tiers.cold();
    List<TradeRow> out = new ArrayList<>();
    if (to > hotStart) {
      out.addAll(hot.tradesDescending(symbol, hotStart, to, beforeId, limit));
    }
    if (out.size() < limit && cold.enabled()) {
      long before = out.isEmpty() ? beforeId : out.get(out.size() - 1).tradeId();
      out.addAll(cold.tradesDescending(symbol, Math.min(to, hotStart), before, limit - out.size()));
    }
    return out;
  }

  /** The latest {@code limit} trades, oldest first (Binance {@code /api/v3/trades}). */
  public List<TradeRow> recent(String symbol, int limit) {
    List<TradeRow> newestFirst = descending(symbol, Long.MAX_VALUE, Long.MAX_VALUE, limit);
    List<TradeRow> out = new ArrayList<>(newestFirst.size());
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      out.add(newestFirst.get(i));
    }
    return out;
  }

  /**
   * One keyset page of {@code [from, to)}: the trades after {@code after} (null = from the start),
   * at most limit, and whether more follow.
   */
  public TradePage page(String symbol, long from, long to, TradeCursor after, int limit) {
    long fromTime = after == null ? from : Math.max(from, after.time());
    long fromId = after == null ? 0 : after.tradeId() + 1;
    List<TradeRow> rows = ascending(symbol, fromTime, to, fromId, limit + 1, false);
    boolean more = rows.size() > limit;
    List<TradeRow> items = more ? rows.subList(0, limit) : rows;
    TradeRow last = items.isEmpty() ? null : items.get(items.size() - 1);
    TradeCursor next = more ? new TradeCursor(symbol, from, to, last.time(), last.tradeId()) : null;
    return new TradePage(List.copyOf(items), next);
  }

  /** A page of trades and the cursor of the next one (null on the last page). */
  public record TradePage(List<TradeRow> items, TradeCursor next) {}
}
