package dev.exchange.matching.core;

import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.PriceBand;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The naive, obviously-correct {@link OrderBook}: every open order in one list, the best order
 * found by a linear scan, levels computed by summing. Slow on deep books by design: it is the
 * yardstick the fast implementation is checked against, so every step should read like the
 * contract.
 */
public final class ReferenceOrderBook implements OrderBook {

  private final EngineState state;
  private final int snapshotInterval;
  private final List<OrderState> resting = new ArrayList<>();

  public ReferenceOrderBook(String symbol, int snapshotInterval) {
    if (snapshotInterval <= 0) {
      throw new IllegalArgumentException("snapshotInterval must be greater than zero");
    }
    this.state = EngineState.forSymbol(symbol);
    this.snapshotInterval = snapshotInterval;
  }

  @Override
  public void apply(OrderCommand command, Output out) {
    state.advanceTime(command.getTimestamp());
    CommandRun run = new CommandRun(out);
    Object payload = command.getPayload();
    if (payload instanceof NewOrder n) {
      run.newOrder(command, n);
    } else if (payload instanceof CancelOrder c) {
      run.cancel(command, c);
    } else if (payload instanceof CancelAllOrders) {
      run.cancelAll(command.getAccount());
    } else if (InstrumentCommands.isInstrumentCommand(payload)) {
      InstrumentCommands.apply(state, command, out, run);
    } else {
      out.commandRejected(command, RejectReason.MALFORMED_COMMAND, "unknown payload");
    }
    run.publishDelta();
    if (run.snapshotDue) {
      out.bookSnapshot(Events.snapshot(state, levels(Side.BUY), levels(Side.SELL)));
    }
  }

  @Override
  public InstrumentSpec instrument() {
    return state.spec();
  }

  @Override
  public List<RestingOrder> restingOrders(Side side) {
    return resting.stream()
        .filter(o -> o.side == side)
        .sorted(priority(side))
        .map(RestingOrder::of)
        .toList();
  }

  @Override
  public List<Level> levels(Side side) {
    List<Level> levels = new ArrayList<>();
    for (RestingOrder o : restingOrders(side)) {
      int last = levels.size() - 1;
      if (last >= 0 && levels.get(last).price() == o.price()) {
        levels.set(last, new Level(o.price(), levels.get(last).quantity() + o.leaves()));
      } else {
        levels.add(new Level(o.price(), o.leaves()));
      }
    }
    return levels;
  }

  private static Comparator<OrderState> priority(Side side) {
    Comparator<OrderState> byPrice = Comparator.comparingLong(o -> o.price);
    if (side == Side.BUY) {
      byPrice = byPrice.reversed();
    }
    return byPrice.thenComparingLong(o -> o.arrival);
  }

  private OrderState best(Side side) {
    Comparator<OrderState> priority = priority(side);
    OrderState best = null;
    for (OrderState o : resting) {
      if (o.side == side && (best == null || priority.compare(o, best) < 0)) {
        best = o;
      }
    }
    return best;
  }

  private long levelQuantity(Side side, long price) {
    long sum = 0;
    for (OrderState o : resting) {
      if (o.side == side && o.price == price) {
        sum += o.leaves;
      }
    }
    return sum;
  }

  private PriceLevel top(Side side) {
    OrderState best = best(side);
    return best == null ? null : new PriceLevel(best.price, levelQuantity(side, best.price));
  }

  private OrderState openById(String orderId) {
    for (OrderState o : resting) {
      if (o.orderId.equals(orderId)) {
        return o;
      }
    }
    return null;
  }

  private OrderState openByClientId(String account, String clientOrderId) {
    for (OrderState o : resting) {
      if (o.account.equals(account) && o.clientOrderId.equals(clientOrderId)) {
        return o;
      }
    }
    return null;
  }

  private List<OrderState> inArrivalOrder() {
    List<OrderState> all = new ArrayList<>(resting);
    all.sort(Comparator.comparingLong(o -> o.arrival));
    return all;
  }

  private static Side opposite(Side side) {
    return side == Side.BUY ? Side.SELL : Side.BUY;
  }

  /** Why matching stopped, which decides what happens to the taker's remainder. */
  private enum Stop {
    /** The taker's last TRADE event said FILLED. */
    DONE,
    /** The opposite side is empty, or its best price does not cross the limit. */
    NO_CROSS,
    /** A market buy by quote cannot afford one more step at the best price. */
    QUOTE_TOO_SMALL,
    /** Self-trade prevention expired the taker. */
    TAKER_EXPIRED,
    /** The next trade's quote amount would overflow a long. */
    OVERFLOW,
    /** The taker's quote limit cannot pay for one more step at the best price. */
    QUOTE_LIMIT
  }

  /**
   * One command's work: its output, the quantity of every level it touches as it was before the
   * command first touched it, and whether the command ends with a snapshot.
   */
  private final class CommandRun implements InstrumentCommands.Book {
    private final Output out;
    private final Map<Long, Long> bidsBefore = new HashMap<>();
    private final Map<Long, Long> asksBefore = new HashMap<>();
    private boolean snapshotDue;

    CommandRun(Output out) {
      this.out = out;
    }

    void newOrder(OrderCommand command, NewOrder n) {
      if (openById(n.getOrderId()) != null) {
        out.commandRejected(command, RejectReason.MALFORMED_COMMAND, "orderId already open");
        return;
      }
      if (n.getRejectReason() != null) {
        FastOrderBook.preRejected(state, command, n, out);
        return;
      }
      OrderState taker = new OrderState();
      RejectReason reason = Admission.prepare(state, command, n, taker);
      if (reason == null && outsideBand(taker)) {
        reason = RejectReason.PRICE_OUT_OF_BAND;
      }
      if (reason == null) {
        reason = bookChecks(taker);
      }
      if (reason != null) {
        out.orderEvent(Events.rejected(state, command, n, reason));
        return;
      }
      taker.arrival = ++state.lastArrival;
      report(taker, ExecutionType.NEW, OrderStatus.NEW, null);
      if (taker.timeInForce == TimeInForce.FOK && fillableQuantity(taker) < taker.quantity) {
        report(taker, ExecutionType.EXPIRED, OrderStatus.EXPIRED, RejectReason.FOK_NOT_FILLABLE);
        return;
      }
      Stop stop =
          taker.orderType == OrderType.LIMIT_MAKER
              ? Stop.NO_CROSS
              : match(taker, Admission.quoteLimit(state, n));
      finish(taker, stop);
    }

    /**
     * Step 4 of the contract, in decimals: a priced order must lie within the side's multipliers of
     * the last trade price, once there is one; a multiplier of 0 checks nothing.
     */
    private boolean outsideBand(OrderState o) {
      if (o.orderType == OrderType.MARKET || state.lastTradePrice == 0) {
        return false;
      }
      boolean buy = o.side == Side.BUY;
      int up = buy ? state.bidMultiplierUp : state.askMultiplierUp;
      int down = buy ? state.bidMultiplierDown : state.askMultiplierDown;
      BigDecimal price = BigDecimal.valueOf(o.price);
      BigDecimal last = BigDecimal.valueOf(state.lastTradePrice);
      BigDecimal lowest = last.multiply(BigDecimal.valueOf(down, PriceBand.SCALE));
      BigDecimal highest = last.multiply(BigDecimal.valueOf(up, PriceBand.SCALE));
      return (down != 0 && price.compareTo(lowest) < 0)
          || (up != 0 && price.compareTo(highest) > 0);
    }

    /** Steps 5 to 7 of the contract: the checks that need the book. */
    private RejectReason bookChecks(OrderState o) {
      if (openByClientId(o.account, o.clientOrderId) != null) {
        return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
      }
      boolean canRest =
          o.orderType == OrderType.LIMIT_MAKER
              || (o.orderType == OrderType.LIMIT && o.timeInForce == TimeInForce.GTC);
      if (canRest && openOrders(o.account) >= state.maxOpenOrders) {
        return RejectReason.MAX_OPEN_ORDERS;
      }
      if (o.orderType == OrderType.LIMIT_MAKER) {
        OrderState bestOpposite = best(opposite(o.side));
        if (bestOpposite != null && crosses(o, bestOpposite.price)) {
          return RejectReason.WOULD_TAKE;
        }
      }
      return null;
    }

    private int openOrders(String account) {
      int count = 0;
      for (OrderState o : resting) {
        if (o.account.equals(account)) {
          count++;
        }
      }
      return count;
    }

    /** What a FOK order could trade: the opposite side in priority, within its limit and STP. */
    private long fillableQuantity(OrderState taker) {
      Side side = opposite(taker.side);
      List<OrderState> candidates =
          resting.stream().filter(o -> o.side == side).sorted(priority(side)).toList();
      long fillable = 0;
      for (OrderState maker : candidates) {
        if (!crosses(taker, maker.price)) {
          break;
        }
        if (maker.account.equals(taker.account)) {
          SelfTradePrevention stp = taker.selfTradePrevention;
          if (stp == SelfTradePrevention.EXPIRE_TAKER || stp == SelfTradePrevention.EXPIRE_BOTH) {
            break;
          }
          if (stp == SelfTradePrevention.EXPIRE_MAKER) {
            continue;
          }
        }
        fillable += maker.leaves;
      }
      return fillable;
    }

    private Stop match(OrderState taker, long quoteLimit) {
      Side makerSide = opposite(taker.side);
      while (true) {
        OrderState maker = best(makerSide);
        if (maker == null || !crosses(taker, maker.price)) {
          return Stop.NO_CROSS;
        }
        if (maker.account.equals(taker.account)
            && taker.selfTradePrevention != SelfTradePrevention.NONE) {
          SelfTradePrevention stp = taker.selfTradePrevention;
          if (stp == SelfTradePrevention.EXPIRE_MAKER || stp == SelfTradePrevention.EXPIRE_BOTH) {
            remove(maker);
            preventTrade(maker, true);
          }
          if (stp == SelfTradePrevention.EXPIRE_TAKER || stp == SelfTradePrevention.EXPIRE_BOTH) {
            preventTrade(taker, false);
            return Stop.TAKER_EXPIRED;
          }
          continue;
        }
        long quantity;
        if (taker.byQuote()) {
          long affordable = (taker.quoteQuantity - taker.cumulativeQuote) / maker.price;
          quantity = Math.min(maker.leaves, affordable - affordable % state.stepSize);
          if (quantity == 0) {
            return Stop.QUOTE_TOO_SMALL;
          }
        } else {
          quantity = Math.min(taker.leaves, maker.leaves);
        }
        boolean limited = false;
        if (quoteLimit != Admission.NO_QUOTE_LIMIT) {
          long affordable = (quoteLimit - taker.cumulativeQuote) / maker.price;
          affordable -= affordable % state.stepSize;
          if (affordable < quantity) {
            limited = true;
            quantity = affordable;
            if (quantity <= 0) {
              return Stop.QUOTE_LIMIT;
            }
          }
        }
        long quote;
        long takerCumulativeQuote;
        long takerFee;
        long makerFee;
        try {
          quote = Math.multiplyExact(maker.price, quantity);
          takerCumulativeQuote = Math.addExact(taker.cumulativeQuote, quote);
          takerFee = Events.commission(state, taker.side, false, quantity, quote);
          makerFee = Events.commission(state, maker.side, true, quantity, quote);
        } catch (ArithmeticException e) {
          return Stop.OVERFLOW;
        }
        OrderStatus status =
            fill(taker, maker, quantity, quote, takerCumulativeQuote, takerFee, makerFee);
        if (limited) {
          return Stop.QUOTE_LIMIT;
        }
        if (status == OrderStatus.FILLED) {
          return Stop.DONE;
        }
      }
    }

    /** Executes one trade and returns the taker's status after it. */
    private OrderStatus fill(
        OrderState taker,
        OrderState maker,
        long quantity,
        long quote,
        long takerCumulativeQuote,
        long takerFee,
        long makerFee) {
      touch(maker.side, maker.price);
      if (!taker.byQuote()) {
        taker.leaves -= quantity;
      }
      taker.executedQuantity += quantity;
      taker.cumulativeQuote = takerCumulativeQuote;
      maker.leaves -= quantity;
      maker.executedQuantity += quantity;
      maker.cumulativeQuote += quote;
      if (maker.leaves == 0) {
        resting.remove(maker);
      }
      long tradeId = state.lastTradeId + 1;
      OrderStatus takerStatus = Events.afterFill(taker, maker.price, state.stepSize);
      out.trade(Events.trade(state, taker, maker, quantity, quote));
      out.orderEvent(
          Events.fill(
              state, taker, takerStatus, quantity, maker.price, quote, tradeId, false, takerFee));
      out.orderEvent(
          Events.fill(
              state,
              maker,
              Events.afterFill(maker, maker.price, state.stepSize),
              quantity,
              maker.price,
              quote,
              tradeId,
              true,
              makerFee));
      return takerStatus;
    }

    /** The STP event; {@code maker} marks the resting side of the prevented match. */
    private void preventTrade(OrderState o, boolean maker) {
      out.orderEvent(
          Events.report(
              state,
              o,
              ExecutionType.TRADE_PREVENTION,
              OrderStatus.EXPIRED_IN_MATCH,
              RejectReason.SELF_TRADE_PREVENTED,
              0,
              0,
              0,
              null,
              maker));
    }

    /** What happens to the taker after matching: rest, expire, or nothing more. */
    private void finish(OrderState taker, Stop stop) {
      switch (stop) {
        case DONE, TAKER_EXPIRED -> {}
        case OVERFLOW ->
            report(
                taker, ExecutionType.EXPIRED, OrderStatus.EXPIRED, RejectReason.NOTIONAL_OVERFLOW);
        case QUOTE_TOO_SMALL -> expireRemainder(taker);
        case QUOTE_LIMIT ->
            report(
                taker,
                ExecutionType.EXPIRED,
                OrderStatus.EXPIRED,
                RejectReason.INSUFFICIENT_BALANCE);
        case NO_CROSS -> {
          if (taker.orderType != OrderType.MARKET && taker.timeInForce == TimeInForce.GTC) {
            touch(taker.side, taker.price);
            resting.add(taker);
          } else {
            expireRemainder(taker);
          }
        }
      }
    }

    private void expireRemainder(OrderState taker) {
      RejectReason reason = taker.executedQuantity == 0 ? RejectReason.NO_LIQUIDITY : null;
      report(taker, ExecutionType.EXPIRED, OrderStatus.EXPIRED, reason);
    }

    void cancel(OrderCommand command, CancelOrder c) {
      OrderState order;
      if (c.getOrderId() != null) {
        order = openById(c.getOrderId());
      } else if (c.getClientOrderId() != null) {
        order = openByClientId(command.getAccount(), c.getClientOrderId());
      } else {
        out.commandRejected(
            command, RejectReason.UNKNOWN_ORDER, "neither orderId nor clientOrderId");
        return;
      }
      if (order == null) {
        String id = c.getOrderId() != null ? c.getOrderId() : c.getClientOrderId();
        out.commandRejected(command, RejectReason.UNKNOWN_ORDER, "no open order " + id);
        return;
      }
      if (!order.account.equals(command.getAccount())) {
        out.commandRejected(command, RejectReason.NOT_ORDER_OWNER, "order " + order.orderId);
        return;
      }
      cancelResting(order, null);
    }

    void cancelAll(String account) {
      for (OrderState o : inArrivalOrder()) {
        if (o.account.equals(account)) {
          cancelResting(o, null);
        }
      }
    }

    @Override
    public void cancelAllResting(RejectReason reason, Output ignored) {
      for (OrderState o : inArrivalOrder()) {
        cancelResting(o, reason);
      }
      publishDelta();
    }

    @Override
    public void snapshotDue() {
      snapshotDue = true;
    }

    private void cancelResting(OrderState o, RejectReason reason) {
      remove(o);
      report(o, ExecutionType.CANCELED, OrderStatus.CANCELED, reason);
    }

    private void remove(OrderState o) {
      touch(o.side, o.price);
      resting.remove(o);
    }

    /** Records a level's quantity before this command first changes it. */
    private void touch(Side side, long price) {
      (side == Side.BUY ? bidsBefore : asksBefore)
          .computeIfAbsent(price, p -> levelQuantity(side, p));
    }

    private void report(OrderState o, ExecutionType type, OrderStatus status, RejectReason r) {
      out.orderEvent(Events.report(state, o, type, status, r, 0, 0, 0, null, false));
    }

    /**
     * Emits the delta of the levels touched so far, if any changed, and marks the snapshot due when
     * its updateId is a multiple of the interval.
     */
    void publishDelta() {
      BookDelta delta =
          Events.delta(
              state,
              bidsBefore,
              asksBefore,
              ReferenceOrderBook.this::levelQuantity,
              top(Side.BUY),
              top(Side.SELL));
      bidsBefore.clear();
      asksBefore.clear();
      if (delta != null) {
        out.bookDelta(delta);
        if (delta.getLastUpdateId() % snapshotInterval == 0) {
          snapshotDue = true;
        }
      }
    }
  }

  private static boolean crosses(OrderState taker, long makerPrice) {
    if (taker.orderType == OrderType.MARKET) {
      return true;
    }
    return taker.side == Side.BUY ? makerPrice <= taker.price : makerPrice >= taker.price;
  }
}
