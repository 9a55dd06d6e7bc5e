package dev.exchange.matching.core;

import dev.exchange.model.FixedPoint;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.OrderRules;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.Side;

/**
 * The checks of a new order that do not depend on the book (steps 1 to 3 of {@link OrderBook}):
 * listed symbol, exact rescaling, {@link OrderRules}. Shared by every implementation.
 */
public final class Admission {

  private Admission() {}

  /**
   * Fills {@code order} from the command (amounts rescaled to the instrument) or returns why it is
   * refused. {@code s.lastTime} must already be advanced.
   */
  public static RejectReason prepare(EngineState s, OrderCommand c, NewOrder n, OrderState order) {
    InstrumentSpec spec = s.spec();
    if (spec == null) {
      return RejectReason.UNKNOWN_SYMBOL;
    }
    Long price;
    Long quantity;
    Long quote;
    try {
      price = rescale(n.getPrice(), n.getPriceScale(), spec.priceScale());
      quantity = rescale(n.getQuantity(), n.getQuantityScale(), spec.quantityScale());
      quote =
          rescale(
              n.getQuoteQuantity(), n.getPriceScale() + n.getQuantityScale(), spec.notionalScale());
      quoteLimit(s, n);
    } catch (IllegalArgumentException e) {
      // InvalidDecimalException (inexact) or a scale outside 0..18 in the command.
      return RejectReason.SCALE_MISMATCH;
    }
    RejectReason reason =
        OrderRules.check(
            spec, n.getSide(), n.getOrderType(), n.getTimeInForce(), price, quantity, quote);
    if (reason != null) {
      return reason;
    }
    if (!OrderRules.isValidClientOrderId(n.getClientOrderId())) {
      return RejectReason.CLIENT_ORDER_ID_INVALID;
    }
    order.orderId = n.getOrderId();
    order.clientOrderId = n.getClientOrderId();
    order.account = c.getAccount();
    order.side = n.getSide();
    order.orderType = n.getOrderType();
    order.timeInForce = n.getTimeInForce();
    order.selfTradePrevention = n.getSelfTradePrevention();
    order.price = price == null ? 0 : price;
    order.quantity = quantity == null ? 0 : quantity;
    order.quoteQuantity = quote == null ? 0 : quote;
    order.leaves = order.quantity;
    order.executedQuantity = 0;
    order.cumulativeQuote = 0;
    order.createdTime = s.lastTime;
    return null;
  }

  /** No quote limit: {@link #quoteLimit} of an order that does not carry one. */
  public static final long NO_QUOTE_LIMIT = Long.MAX_VALUE;

  /**
   * The most quote a MARKET BUY by quantity may spend (ignored on other orders), rescaled exactly
   * to the instrument's notional scale, or {@link #NO_QUOTE_LIMIT}. The accounts job sets it on a
   * MARKET BUY by quantity: the quote it holds for the order.
   *
   * @throws IllegalArgumentException if it cannot be rescaled exactly
   */
  public static long quoteLimit(EngineState s, NewOrder n) {
    Long limit = n.getQuoteLimit();
    if (limit == null
        || n.getOrderType() != OrderType.MARKET
        || n.getSide() != Side.BUY
        || n.getQuantity() == null) {
      return NO_QUOTE_LIMIT;
    }
    return FixedPoint.rescale(
        limit, n.getPriceScale() + n.getQuantityScale(), s.spec().notionalScale());
  }

  private static Long rescale(Long units, int from, int to) {
    return units == null ? null : FixedPoint.rescale(units, from, to);
  }
}
