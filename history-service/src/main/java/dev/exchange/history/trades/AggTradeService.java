package dev.exchange.history.trades;

import dev.exchange.history.rows.TradeRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Binance aggregate trades, grouped on the fly from the trades of both tiers. All trades of a group
 * share one time, so a time bound never cuts a group; only an id bound or a read limit can, and the
 * walks below read on until the groups they return are complete.
 */
@Service
public class AggTradeService {

  private final TradeService trades;

  public AggTradeService(TradeService trades) {
    this.trades = trades;
  }

  /** Groups with id {@code >= fromId}, oldest first. */
  public List<AggTrade> fromId(String symbol, long fromId, int limit) {
    // Start one trade early: if that trade belongs to the group of fromId, the group started
    // before fromId and is not one of the answers.
    return ascending(symbol, 0, Long.MAX_VALUE, Math.max(0, fromId - 1), fromId, limit, true);
  }

  /** Groups with time in {@code [from, to)}, oldest first. */
  public List<AggTrade> fromTime(String symbol, long from, long to, int limit) {
    return ascending(symbol, from, to, 0, 0, limit, false);
  }

  /** The latest groups with time {@code < to}, oldest first. */
  public List<AggTrade> latest(String symbol, long to, int limit) {
    List<TradeRow> newestFirst = new ArrayList<>();
    long before = Long.MAX_VALUE;
    while (true) {
      List<TradeRow> chunk = trades.descending(symbol, to, before, TradeService.CHUNK);
      newestFirst.addAll(chunk);
      List<TradeRow> ascending = reversed(newestFirst);
      List<AggTrade> groups = group(ascending);
      boolean exhausted = chunk.size() < TradeService.CHUNK;
      if (exhausted || groups.size() > limit) {
        // Without exhaustion the oldest group may be cut; there are more than limit, so it is not
        // among the newest limit.
        return List.copyOf(groups.subList(Math.max(0, groups.size() - limit), groups.size()));
      }
      before = chunk.get(chunk.size() - 1).tradeId();
    }
  }

  private List<AggTrade> ascending(
      String symbol,
      long from,
      long to,
      long readFromId,
      long minGroupId,
      int limit,
      boolean byId) {
    List<TradeRow> rows = new ArrayList<>();
    long fromTime = from;
    long fromId = readFromId;
    while (true) {
      List<TradeRow> chunk =
          trades.ascending(symbol, fromTime, to, fromId, TradeService.CHUNK, byId);
      rows.addAll(chunk);
      List<AggTrade> groups = new ArrayList<>();
      for (AggTrade g : group(rows)) {
        if (g.id() >= minGroupId) {
          groups.add(g);
        }
      }
      boolean exhausted = chunk.size() < TradeService.CHUNK;
      if (exhausted || groups.size() > limit) {
        return List.copyOf(groups.subList(0, Math.min(limit, groups.size())));
      }
      TradeRow last = chunk.get(chunk.size() - 1);
      fromId = last.tradeId() + 1;
      if (!byId) {
        fromTime = last.time();
      }
    }
  }

  /** Groups consecutive trades (by id) of the same taker order, price and time. */
  static List<AggTrade> group(List<TradeRow> ascending) {
    List<AggTrade> out = new ArrayList<>();
    TradeRow first = null;
    TradeRow last = null;
    BigDecimal quantity = null;
    for (TradeRow t : ascending) {
      if (first != null
          && t.tradeId() == last.tradeId() + 1
          && t.time() == first.time()
          && t.takerOrderId().equals(first.takerOrderId())
          && t.price().compareTo(first.price()) == 0) {
        quantity = quantity.add(t.quantity());
        last = t;
        continue;
      }
      if (first != null) {
        out.add(aggregate(first, last, quantity));
      }
      first = t;
      last = t;
      quantity = t.quantity();
    }
    if (first != null) {
      out.add(aggregate(first, last, quantity));
    }
    return out;
  }

  private static AggTrade aggregate(TradeRow first, TradeRow last, BigDecimal quantity) {
    return new AggTrade(
        first.tradeId(),
        first.price(),
        quantity,
        first.tradeId(),
        last.tradeId(),
        first.time(),
        first.takerBuy(),
        first.priceScale(),
        first.quantityScale());
  }

  private static List<TradeRow> reversed(List<TradeRow> rows) {
    List<TradeRow> out = new ArrayList<>(rows.size());
    for (int i = rows.size() - 1; i >= 0; i--) {
      out.add(rows.get(i));
    }
    return out;
  }
}
