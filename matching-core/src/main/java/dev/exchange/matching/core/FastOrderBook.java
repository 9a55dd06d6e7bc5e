package dev.exchange.matching.core;

import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.CancelAllOrders;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.PriceLevel;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The order book the matching job runs: {@link OrderBook} semantics over a {@link BookStorage}, so
 * that every read and write is a point lookup or an ordered scan from the best price. Per command
 * it touches only the orders it matches or cancels and the levels they sit on.
 *
 * <p>Not thread-safe; one instance serves one symbol over one storage and lives across commands
 * (the job keeps one per symbol). It works on the storage's live objects ({@link BookStorage}): if
 * {@link #apply} throws, the book and its storage are in an undefined state and must be dropped.
 */
public final class FastOrderBook implements OrderBook {

  private final BookStorage store;
  private final String symbol;
  private final int snapshotInterval;

  // Scratch for the command being applied; never part of state.
  private final List<PriceLevel> changedBids = new ArrayList<>();
  private final List<PriceLevel> changedAsks = new ArrayList<>();
  private final BookStorage.LevelChange bidChanges =
      (price, before, now) -> changed(changedBids, price, before, now);
  private final BookStorage.LevelChange askChanges =
      (price, before, now) -> changed(changedAsks, price, before, now);
  private boolean snapshotDue;

  public FastOrderBook(BookStorage store, String symbol, int snapshotInterval) {
    if (snapshotInterval <= 0) {
      throw new IllegalArgumentException("snapshotInterval must be positive");
    }
    this.store = store;
    this.symbol = symbol;
    this.snapshotInterval = snapshotInterval;
  }

  @Override
  public void apply(OrderCommand command, Output out) {
    EngineState s = store.loadState();
    if (s == null) {
      s = EngineState.forSymbol(symbol);
    }
    s.advanceTime(command.getTimestamp());
    snapshotDue = false;
    Object payload = command.getPayload();
    if (payload instanceof NewOrder n) {
      newOrder(s, command, n, out);
    } else if (payload instanceof CancelOrder cancel) {
      cancel(s, command, cancel, out);
    } else if (payload instanceof CancelAllOrders) {
      cancelAll(s, command.getAccount(), out);
    } else if (InstrumentCommands.isInstrumentCommand(payload)) {
      EngineState state = s;
      InstrumentCommands.apply(
          s,
          command,
          out,
          new InstrumentCommands.Book() {
            @Override
            public void cancelAllResting(RejectReason reason, Output o) {
              cancelEvery(state, null, reason, o);
              flushDelta(state, o);
            }

            @Override
            public void snapshotDue() {
              snapshotDue = true;
            }
          });
    } else {
      out.commandRejected(command, RejectReason.MALFORMED_COMMAND, "unknown payload");
    }
    flushDelta(s, out);
    if (snapshotDue) {
      out.bookSnapshot(Events.snapshot(s, levels(Side.BUY), levels(Side.SELL)));
    }
    store.saveState(s);
  }

  private void newOrder(EngineState s, OrderCommand c, NewOrder n, Output out) {
    if (store.resting(n.getOrderId()) != null) {
      out.commandRejected(c, RejectReason.MALFORMED_COMMAND, "orderId already open");
      return;
    }
    if (n.getRejectReason() != null) {
      preRejected(s, c, n, out);
      return;
    }
    OrderState o = new OrderState();
    RejectReason reason = Admission.prepare(s, c, n, o);
    if (reason != null) {
      out.orderEvent(Events.rejected(s, c, n, reason));
      return;
    }
    if (o.orderType != OrderType.MARKET
        && !s.spec().priceBand().allows(o.side, o.price, s.lastTradePrice)) {
      out.orderEvent(Events.rejected(s, c, n, RejectReason.PRICE_OUT_OF_BAND));
      return;
    }
    if (store.clientOrder(o.account, o.clientOrderId) != null) {
      out.orderEvent(Events.rejected(s, c, n, RejectReason.DUPLICATE_CLIENT_ORDER_ID));
      return;
    }
    boolean canRest =
        o.orderType == OrderType.LIMIT_MAKER
            || (o.orderType == OrderType.LIMIT && o.timeInForce == TimeInForce.GTC);
    if (canRest && store.openOrders(o.account) >= s.maxOpenOrders) {
      out.orderEvent(Events.rejected(s, c, n, RejectReason.MAX_OPEN_ORDERS));
      return;
    }
    Side opposite = opposite(o.side);
    if (o.orderType == OrderType.LIMIT_MAKER) {
      OrderState best = store.best(opposite);
      if (best != null && crosses(o, best.price)) {
        out.orderEvent(Events.rejected(s, c, n, RejectReason.WOULD_TAKE));
        return;
      }
    }
    o.arrival = ++s.lastArrival;
    out.orderEvent(
        Events.report(s, o, ExecutionType.NEW, OrderStatus.NEW, null, 0, 0, 0, null, false));
    if (o.timeInForce == TimeInForce.FOK && !fillable(o, opposite)) {
      expire(s, o, RejectReason.FOK_NOT_FILLABLE, out);
      return;
    }
    match(s, o, opposite, canRest, Admission.quoteLimit(s, n), out);
  }

  /** An order the accounts job refused ({@code NewOrder.rejectReason}): REJECTED, nothing else. */
  static void preRejected(EngineState s, OrderCommand c, NewOrder n, Output out) {
    RejectReason reason;
    try {
      reason = RejectReason.valueOf(n.getRejectReason());
    } catch (IllegalArgumentException e) {
      out.commandRejected(
          c, RejectReason.MALFORMED_COMMAND, "unknown rejectReason " + n.getRejectReason());
      return;
    }
    out.orderEvent(Events.rejected(s, c, n, reason));
  }

  private boolean fillable(OrderState o, Side opposite) {
    long needed = o.leaves;
    Iterator<OrderState> it = store.restingInPriority(opposite);
    while (it.hasNext()) {
      OrderState m = it.next();
      if (!crosses(o, m.price)) {
        return false;
      }
      if (selfTrade(o, m)) {
        if (o.selfTradePrevention == SelfTradePrevention.EXPIRE_MAKER) {
          continue;
        }
        return false;
      }
      needed -= Math.min(needed, m.leaves);
      if (needed == 0) {
        return true;
      }
    }
    return false;
  }

  private void match(
      EngineState s, OrderState o, Side opposite, boolean canRest, long quoteLimit, Output out) {
    OrderStatus lastStatus = OrderStatus.NEW;
    boolean overflow = false;
    boolean limited = false;
    while (o.byQuote() ? lastStatus != OrderStatus.FILLED : o.leaves > 0) {
      OrderState m = store.best(opposite);
      if (m == null || !crosses(o, m.price)) {
        break;
      }
      if (selfTrade(o, m)) {
        SelfTradePrevention mode = o.selfTradePrevention;
        if (mode == SelfTradePrevention.EXPIRE_MAKER || mode == SelfTradePrevention.EXPIRE_BOTH) {
          store.removeResting(m);
          out.orderEvent(
              Events.report(
                  s,
                  m,
                  ExecutionType.TRADE_PREVENTION,
                  OrderStatus.EXPIRED_IN_MATCH,
                  RejectReason.SELF_TRADE_PREVENTED,
                  0,
                  0,
                  0,
                  null,
                  true));
        }
        if (mode == SelfTradePrevention.EXPIRE_MAKER) {
          continue;
        }
        out.orderEvent(
            Events.report(
                s,
                o,
                ExecutionType.TRADE_PREVENTION,
                OrderStatus.EXPIRED_IN_MATCH,
                RejectReason.SELF_TRADE_PREVENTED,
                0,
                0,
                0,
                null,
                false));
        return;
      }
      long quantity;
      if (o.byQuote()) {
        long affordable = (o.quoteQuantity - o.cumulativeQuote) / m.price;
        affordable -= affordable % s.stepSize;
        quantity = Math.min(affordable, m.leaves);
        if (quantity == 0) {
          break;
        }
      } else {
        quantity = Math.min(o.leaves, m.leaves);
        if (quoteLimit != Admission.NO_QUOTE_LIMIT) {
          long affordable = (quoteLimit - o.cumulativeQuote) / m.price;
          affordable -= affordable % s.stepSize;
          if (affordable < quantity) {
            limited = true;
            quantity = affordable;
            if (quantity <= 0) {
              break;
            }
          }
        }
      }
      long quote;
      long takerFee;
      long makerFee;
      try {
        quote = Math.multiplyExact(quantity, m.price);
        Math.addExact(o.cumulativeQuote, quote);
        Math.addExact(m.cumulativeQuote, quote);
        takerFee = Events.commission(s, o.side, false, quantity, quote);
        makerFee = Events.commission(s, m.side, true, quantity, quote);
      } catch (ArithmeticException e) {
        overflow = true;
        break;
      }
      fill(o, quantity, quote);
      fill(m, quantity, quote);
      store.filled(m, quantity);
      if (m.leaves == 0) {
        store.removeResting(m);
      }
      out.trade(Events.trade(s, o, m, quantity, quote));
      long tradeId = s.lastTradeId;
      lastStatus = Events.afterFill(o, m.price, s.stepSize);
      out.orderEvent(
          Events.fill(s, o, lastStatus, quantity, m.price, quote, tradeId, false, takerFee));
      out.orderEvent(
          Events.fill(
              s,
              m,
              Events.afterFill(m, m.price, s.stepSize),
              quantity,
              m.price,
              quote,
              tradeId,
              true,
              makerFee));
      if (limited) {
        break;
      }
    }
    if (overflow) {
      expire(s, o, RejectReason.NOTIONAL_OVERFLOW, out);
    } else if (limited && o.leaves > 0) {
      expire(s, o, RejectReason.INSUFFICIENT_BALANCE, out);
    } else if (o.byQuote()) {
      if (lastStatus != OrderStatus.FILLED) {
        expire(s, o, o.executedQuantity == 0 ? RejectReason.NO_LIQUIDITY : null, out);
      }
    } else if (o.leaves > 0) {
      if (canRest) {
        rest(o);
      } else {
        expire(s, o, o.executedQuantity == 0 ? RejectReason.NO_LIQUIDITY : null, out);
      }
    }
  }

  private static void fill(OrderState o, long quantity, long quote) {
    if (!o.byQuote()) {
      o.leaves -= quantity;
    }
    o.executedQuantity += quantity;
    o.cumulativeQuote += quote;
  }

  private void expire(EngineState s, OrderState o, RejectReason reason, Output out) {
    out.orderEvent(
        Events.report(
            s, o, ExecutionType.EXPIRED, OrderStatus.EXPIRED, reason, 0, 0, 0, null, false));
  }

  private void rest(OrderState o) {
    store.addResting(o);
  }

  private void cancel(EngineState s, OrderCommand c, CancelOrder cancel, Output out) {
    String orderId = cancel.getOrderId();
    if (orderId == null) {
      if (cancel.getClientOrderId() == null) {
        out.commandRejected(c, RejectReason.UNKNOWN_ORDER, "neither orderId nor clientOrderId");
        return;
      }
      orderId = store.clientOrder(c.getAccount(), cancel.getClientOrderId());
      if (orderId == null) {
        out.commandRejected(
            c, RejectReason.UNKNOWN_ORDER, "no open order " + cancel.getClientOrderId());
        return;
      }
    }
    OrderState o = store.resting(orderId);
    if (o == null) {
      out.commandRejected(c, RejectReason.UNKNOWN_ORDER, "no open order " + orderId);
      return;
    }
    if (!o.account.equals(c.getAccount())) {
      out.commandRejected(c, RejectReason.NOT_ORDER_OWNER, "order " + orderId);
      return;
    }
    store.removeResting(o);
    out.orderEvent(canceled(s, o, null));
  }

  private void cancelAll(EngineState s, String account, Output out) {
    cancelEvery(s, account, null, out);
  }

  /** Cancels the open orders of {@code account} (all accounts if null) in arrival order. */
  private void cancelEvery(EngineState s, String account, RejectReason reason, Output out) {
    List<OrderState> victims = new ArrayList<>();
    for (Side side : Side.values()) {
      Iterator<OrderState> it = store.restingInPriority(side);
      while (it.hasNext()) {
        OrderState o = it.next();
        if (account == null || account.equals(o.account)) {
          victims.add(o);
        }
      }
    }
    victims.sort(Comparator.comparingLong(o -> o.arrival));
    for (OrderState o : victims) {
      store.removeResting(o);
      out.orderEvent(canceled(s, o, reason));
    }
  }

  private static dev.exchange.model.avro.OrderEvent canceled(
      EngineState s, OrderState o, RejectReason reason) {
    return Events.report(
        s, o, ExecutionType.CANCELED, OrderStatus.CANCELED, reason, 0, 0, 0, null, false);
  }

  private void flushDelta(EngineState s, Output out) {
    store.drainChangedLevels(Side.BUY, bidChanges);
    store.drainChangedLevels(Side.SELL, askChanges);
    if (changedBids.isEmpty() && changedAsks.isEmpty()) {
      return;
    }
    BookDelta delta =
        Events.delta(
            s,
            new ArrayList<>(changedBids),
            new ArrayList<>(changedAsks),
            top(Side.BUY),
            top(Side.SELL));
    changedBids.clear();
    changedAsks.clear();
    out.bookDelta(delta);
    if (s.lastUpdateId % snapshotInterval == 0) {
      snapshotDue = true;
    }
  }

  private static void changed(List<PriceLevel> changes, long price, long before, long now) {
    if (now != before) {
      changes.add(new PriceLevel(price, now));
    }
  }

  /** The best level of a side: the level of its best order. */
  private PriceLevel top(Side side) {
    OrderState best = store.best(side);
    return best == null ? null : new PriceLevel(best.price, store.level(side, best.price));
  }

  @Override
  public InstrumentSpec instrument() {
    EngineState s = store.loadState();
    return s == null ? null : s.spec();
  }

  @Override
  public List<RestingOrder> restingOrders(Side side) {
    List<RestingOrder> out = new ArrayList<>();
    store.restingInPriority(side).forEachRemaining(o -> out.add(RestingOrder.of(o)));
    return out;
  }

  @Override
  public List<Level> levels(Side side) {
    List<Level> out = new ArrayList<>();
    store.levelsInPriority(side).forEachRemaining(out::add);
    return out;
  }

  private static boolean crosses(OrderState taker, long makerPrice) {
    if (taker.orderType == OrderType.MARKET) {
      return true;
    }
    return taker.side == Side.BUY ? makerPrice <= taker.price : makerPrice >= taker.price;
  }

  private static boolean selfTrade(OrderState taker, OrderState maker) {
    return taker.selfTradePrevention != SelfTradePrevention.NONE
        && taker.account.equals(maker.account);
  }

  private static Side opposite(Side side) {
    return side == Side.BUY ? Side.SELL : Side.BUY;
  }

  /**
   * Fills {@code target} from primary data only, the scalar state and the open orders (in any
   * order), deriving everything else (order index, client order ids, open-order counts, L2 levels)
   * exactly as {@link #apply} maintains it. Lets durable storage keep primary data only.
   */
  public static void restore(BookStorage target, EngineState state, Iterator<OrderState> orders) {
    if (state != null) {
      target.saveState(state);
    }
    List<OrderState> open = new ArrayList<>();
    orders.forEachRemaining(open::add);
    open.sort(Comparator.comparingLong(o -> o.arrival));
    for (OrderState o : open) {
      target.addResting(o);
    }
    BookStorage.LevelChange none = (price, before, now) -> {};
    target.drainChangedLevels(Side.BUY, none);
    target.drainChangedLevels(Side.SELL, none);
  }
}
