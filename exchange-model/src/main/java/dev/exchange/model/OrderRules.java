package dev.exchange.model;

import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;

/**
 * The one order validation routine, used by edge-api before a command reaches Kafka and by the
 * matcher when it applies the command (the instrument may have changed in between).
 *
 * <p>Rules are checked in a fixed order and the first failure is returned, so both callers report
 * the same reason for the same input:
 *
 * <ol>
 *   <li>instrument status: HALTED and DELISTED refuse new orders;
 *   <li>shape: LIMIT and LIMIT_MAKER need a price and a quantity and no quoteQuantity; LIMIT_MAKER
 *       is GTC; MARKET has no price, is IOC, and has exactly one of quantity or (buy only)
 *       quoteQuantity;
 *   <li>price: positive and on the tick;
 *   <li>quantity: positive, on the step, within min and max;
 *   <li>quoteQuantity: positive and at least the minimum notional;
 *   <li>notional of a priced order: price × quantity at least the minimum notional, no overflow.
 * </ol>
 *
 * A MARKET order by base quantity has no price to check a notional against; the matcher fills it
 * against resting orders that each passed the notional filter.
 */
public final class OrderRules {

  private OrderRules() {}

  /**
   * Checks a new order against an instrument. Amounts are in the instrument's scales; absent
   * amounts are null.
   *
   * @return null if the order passes, otherwise the first violated rule
   */
  public static RejectReason check(
      InstrumentSpec spec,
      Side side,
      OrderType type,
      TimeInForce timeInForce,
      Long price,
      Long quantity,
      Long quoteQuantity) {
    if (spec.status() == InstrumentStatus.HALTED) {
      return RejectReason.SYMBOL_HALTED;
    }
    if (spec.status() == InstrumentStatus.DELISTED) {
      return RejectReason.SYMBOL_NOT_TRADING;
    }
    RejectReason shape = checkShape(side, type, timeInForce, price, quantity, quoteQuantity);
    if (shape != null) {
      return shape;
    }
    if (price != null) {
      if (price <= 0) {
        return RejectReason.PRICE_NOT_POSITIVE;
      }
      if (price % spec.tickSize() != 0) {
        return RejectReason.PRICE_NOT_ON_TICK;
      }
    }
    if (quantity != null) {
      RejectReason q = checkQuantity(spec, quantity);
      if (q != null) {
        return q;
      }
    }
    if (quoteQuantity != null) {
      if (quoteQuantity <= 0) {
        return RejectReason.QUOTE_QUANTITY_NOT_POSITIVE;
      }
      if (quoteQuantity < spec.minNotional()) {
        return RejectReason.NOTIONAL_BELOW_MIN;
      }
    }
    if (price != null && quantity != null) {
      long notional;
      try {
        notional = FixedPoint.multiply(price, quantity);
      } catch (ArithmeticException e) {
        return RejectReason.NOTIONAL_OVERFLOW;
      }
      if (notional < spec.minNotional()) {
        return RejectReason.NOTIONAL_BELOW_MIN;
      }
    }
    return null;
  }

  private static RejectReason checkShape(
      Side side,
      OrderType type,
      TimeInForce timeInForce,
      Long price,
      Long quantity,
      Long quoteQuantity) {
    switch (type) {
      case LIMIT, LIMIT_MAKER -> {
        if (price == null) {
          return RejectReason.PRICE_REQUIRED;
        }
        if (quoteQuantity != null) {
          return RejectReason.QUOTE_QUANTITY_NOT_ALLOWED;
        }
        if (quantity == null) {
          return RejectReason.QUANTITY_REQUIRED;
        }
        if (type == OrderType.LIMIT_MAKER && timeInForce != TimeInForce.GTC) {
          return RejectReason.TIME_IN_FORCE_NOT_ALLOWED;
        }
      }
      case MARKET -> {
        if (price != null) {
          return RejectReason.PRICE_NOT_ALLOWED;
        }
        if (timeInForce != TimeInForce.IOC) {
          return RejectReason.TIME_IN_FORCE_NOT_ALLOWED;
        }
        if (quantity != null && quoteQuantity != null) {
          return RejectReason.QUANTITY_AND_QUOTE_QUANTITY;
        }
        if (quantity == null && quoteQuantity == null) {
          return RejectReason.QUANTITY_REQUIRED;
        }
        if (quoteQuantity != null && side != Side.BUY) {
          return RejectReason.QUOTE_QUANTITY_NOT_ALLOWED;
        }
      }
    }
    return null;
  }

  private static RejectReason checkQuantity(InstrumentSpec spec, long quantity) {
    if (quantity <= 0) {
      return RejectReason.QUANTITY_NOT_POSITIVE;
    }
    if (quantity % spec.stepSize() != 0) {
      return RejectReason.QUANTITY_NOT_ON_STEP;
    }
    if (quantity < spec.minQuantity()) {
      return RejectReason.QUANTITY_BELOW_MIN;
    }
    if (quantity > spec.maxQuantity()) {
      return RejectReason.QUANTITY_ABOVE_MAX;
    }
    return null;
  }

  /**
   * Whether a client order id has the accepted shape (1 to 36 of {@code [A-Za-z0-9._:-]}). Checked
   * for every order on the matcher's hot path, hence a loop rather than a regular expression.
   */
  public static boolean isValidClientOrderId(String clientOrderId) {
    if (clientOrderId == null || clientOrderId.isEmpty() || clientOrderId.length() > 36) {
      return false;
    }
    for (int i = 0; i < clientOrderId.length(); i++) {
      char c = clientOrderId.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
