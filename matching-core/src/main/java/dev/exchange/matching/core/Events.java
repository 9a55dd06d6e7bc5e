package dev.exchange.matching.core;

import dev.exchange.model.FixedPoint;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.PriceLevel;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds output records from engine state, identically for every {@link OrderBook} implementation.
 * Consumes counters from {@link EngineState}.
 */
public final class Events {

  private Events() {}

  /** An execution report for an order that passed validation. */
  public static OrderEvent report(
      EngineState s,
      OrderState o,
      ExecutionType type,
      OrderStatus status,
      RejectReason reason,
      long lastQuantity,
      long lastPrice,
      long lastQuote,
      Long tradeId,
      boolean maker) {
    return new OrderEvent(
        s.symbol,
        ++s.lastSequence,
        o.account,
        o.orderId,
        o.clientOrderId,
        o.side,
        o.orderType,
        o.timeInForce,
        type,
        status,
        reason == null ? null : reason.name(),
        o.orderType == OrderType.MARKET ? null : o.price,
        o.byQuote() ? null : o.quantity,
        o.byQuote() ? o.quoteQuantity : null,
        o.executedQuantity,
        o.cumulativeQuote,
        lastQuantity,
        lastPrice,
        lastQuote,
        tradeId,
        maker,
        s.priceScale,
        s.quantityScale,
        s.lastTime,
        o.createdTime,
        0L,
        null,
        0);
  }

  /**
   * A TRADE report of one side of a fill, carrying that side's {@code commission} (from {@link
   * #commission}) in the asset it received: base at {@link InstrumentSpec#baseFeeScale()} for a
   * buyer, quote at {@link InstrumentSpec#quoteFeeScale()} for a seller.
   */
  public static OrderEvent fill(
      EngineState s,
      OrderState o,
      OrderStatus status,
      long lastQuantity,
      long lastPrice,
      long lastQuote,
      long tradeId,
      boolean maker,
      long commission) {
    OrderEvent e =
        report(
            s,
            o,
            ExecutionType.TRADE,
            status,
            null,
            lastQuantity,
            lastPrice,
            lastQuote,
            tradeId,
            maker);
    InstrumentSpec spec = s.spec();
    boolean buyer = o.side == Side.BUY;
    e.setCommission(commission);
    e.setCommissionAsset(buyer ? spec.baseAsset() : spec.quoteAsset());
    e.setCommissionScale(buyer ? spec.baseFeeScale() : spec.quoteFeeScale());
    return e;
  }

  /**
   * The fee of one side of a fill: {@code ceil(received × bps / 10 000)}, where a buyer receives
   * {@code quantity} of base rescaled to {@link InstrumentSpec#baseFeeScale()}, a seller {@code
   * quote} rescaled to {@link InstrumentSpec#quoteFeeScale()}, and {@code bps} is the maker rate
   * for the resting order, the taker rate for the incoming one. Rounded up, exact.
   *
   * @throws ArithmeticException if the received amount does not fit a long at the fee scale
   */
  public static long commission(
      EngineState s, Side side, boolean maker, long quantity, long quote) {
    InstrumentSpec spec = s.spec();
    long received =
        side == Side.BUY
            ? Math.multiplyExact(
                quantity, FixedPoint.pow10(spec.baseFeeScale() - spec.quantityScale()))
            : Math.multiplyExact(
                quote, FixedPoint.pow10(spec.quoteFeeScale() - spec.notionalScale()));
    return ceilBasisPoints(received, maker ? spec.makerFeeBps() : spec.takerFeeBps());
  }

  /** {@code ceil(amount × bps / 10 000)} for {@code amount ≥ 0}, without intermediate overflow. */
  static long ceilBasisPoints(long amount, int bps) {
    long whole = Math.multiplyExact(amount / BASIS_POINTS, (long) bps);
    long part = (amount % BASIS_POINTS) * bps;
    return Math.addExact(whole, (part + BASIS_POINTS - 1) / BASIS_POINTS);
  }

  private static final long BASIS_POINTS = 10_000;

  /**
   * Status of an order after a fill at {@code price}. A market buy by quote is FILLED once the
   * quote left cannot buy one more {@code stepSize} at that price.
   */
  public static OrderStatus afterFill(OrderState o, long price, long stepSize) {
    if (!o.byQuote()) {
      return o.leaves == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    }
    long left = o.quoteQuantity - o.cumulativeQuote;
    long stepCost;
    try {
      stepCost = Math.multiplyExact(price, stepSize);
    } catch (ArithmeticException e) {
      return OrderStatus.FILLED;
    }
    return left < stepCost ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
  }

  /** The refusal of a new order, with the amounts and scales as the command carried them. */
  public static OrderEvent rejected(EngineState s, OrderCommand c, NewOrder n, RejectReason r) {
    return new OrderEvent(
        s.symbol,
        ++s.lastSequence,
        c.getAccount(),
        n.getOrderId(),
        n.getClientOrderId(),
        n.getSide(),
        n.getOrderType(),
        n.getTimeInForce(),
        ExecutionType.REJECTED,
        OrderStatus.REJECTED,
        r.name(),
        n.getPrice(),
        n.getQuantity(),
        n.getQuoteQuantity(),
        0L,
        0L,
        0L,
        0L,
        0L,
        null,
        false,
        n.getPriceScale(),
        n.getQuantityScale(),
        s.lastTime,
        s.lastTime,
        0L,
        null,
        0);
  }

  /** The next trade; advances {@code lastTradeId} and records {@code lastTradePrice}. */
  public static Trade trade(
      EngineState s, OrderState taker, OrderState maker, long quantity, long quote) {
    s.lastTradePrice = maker.price;
    return new Trade(
        s.symbol,
        ++s.lastTradeId,
        maker.price,
        quantity,
        quote,
        s.priceScale,
        s.quantityScale,
        taker.side,
        maker.orderId,
        taker.orderId,
        maker.account,
        taker.account,
        s.lastTime);
  }

  /**
   * A delta from the levels touched by one command: {@code before} maps each touched (side, price)
   * to its quantity before the command; {@code after} gives the current quantity. Returns null if
   * no level actually changed. Consumes an update id otherwise.
   */
  public static BookDelta delta(
      EngineState s,
      Map<Long, Long> bidsBefore,
      Map<Long, Long> asksBefore,
      LevelLookup after,
      PriceLevel bestBid,
      PriceLevel bestAsk) {
    return delta(
        s,
        changed(bidsBefore, Side.BUY, after),
        changed(asksBefore, Side.SELL, after),
        bestBid,
        bestAsk);
  }

  /**
   * A delta from the levels that changed, in any order (each price once, with its new quantity);
   * sorts them, bids highest first and asks lowest first. Returns null if there are none. Consumes
   * an update id otherwise.
   */
  public static BookDelta delta(
      EngineState s,
      List<PriceLevel> bids,
      List<PriceLevel> asks,
      PriceLevel bestBid,
      PriceLevel bestAsk) {
    if (bids.isEmpty() && asks.isEmpty()) {
      return null;
    }
    bids.sort((a, b) -> Long.compare(b.getPrice(), a.getPrice()));
    asks.sort((a, b) -> Long.compare(a.getPrice(), b.getPrice()));
    long id = ++s.lastUpdateId;
    return new BookDelta(
        s.symbol, id, id, s.lastTime, bids, asks, bestBid, bestAsk, s.priceScale, s.quantityScale);
  }

  private static List<PriceLevel> changed(Map<Long, Long> before, Side side, LevelLookup after) {
    List<PriceLevel> out = new ArrayList<>(before.size());
    for (Map.Entry<Long, Long> e : before.entrySet()) {
      long now = after.quantity(side, e.getKey());
      if (now != e.getValue()) {
        out.add(new PriceLevel(e.getKey(), now));
      }
    }
    return out;
  }

  /**
   * Levels per side a {@link BookSnapshot} holds at most: Binance's largest depth request. At most
   * 20 bytes a level, a snapshot stays near 200 KB at any depth, far under the broker's 1 MB record
   * limit, where a whole book of many levels would fail the sink and crash-loop the job
   * (docs/matching.md, "Snapshots").
   */
  public static final int SNAPSHOT_LEVELS = 5_000;

  /** The book's snapshot: the best {@link #SNAPSHOT_LEVELS} levels of each side (best first). */
  public static BookSnapshot snapshot(
      EngineState s, List<OrderBook.Level> bids, List<OrderBook.Level> asks) {
    return new BookSnapshot(
        s.symbol,
        s.lastUpdateId,
        s.lastTime,
        levels(bids),
        levels(asks),
        s.priceScale,
        s.quantityScale);
  }

  private static List<PriceLevel> levels(List<OrderBook.Level> levels) {
    int n = Math.min(levels.size(), SNAPSHOT_LEVELS);
    List<PriceLevel> out = new ArrayList<>(n);
    for (OrderBook.Level l : levels.subList(0, n)) {
      out.add(new PriceLevel(l.price(), l.quantity()));
    }
    return out;
  }

  /** Current aggregate quantity at a price. */
  @FunctionalInterface
  public interface LevelLookup {
    long quantity(Side side, long price);
  }
}
