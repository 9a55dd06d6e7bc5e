package dev.exchange.bench.e2e;

import dev.exchange.bench.support.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The price and quantity of the bench's crossing pairs, valid under the instrument's filters and,
 * when the book has both sides, strictly inside the spread so that the pairs trade with each other
 * rather than with resting orders of other traders. Decimal arithmetic only.
 *
 * @param price a multiple of the tick size
 * @param quantity the smallest multiple of the step size that meets the minimum quantity and the
 *     minimum notional at {@code price}
 */
public record OrderPlan(BigDecimal price, BigDecimal quantity) {

  /**
   * @param instrument one element of {@code GET /api/v1/instruments}
   * @param depth {@code GET /api/v3/depth} of the symbol, or null when unavailable
   * @throws IllegalArgumentException when the instrument is not TRADING or lacks a filter
   */
  public static OrderPlan from(Map<String, Object> instrument, Map<String, Object> depth) {
    String symbol = Json.string(instrument, "symbol");
    String status = Json.string(instrument, "status");
    if (!"TRADING".equals(status)) {
      throw new IllegalArgumentException(symbol + " is not trading (status " + status + ")");
    }
    BigDecimal tick = decimal(instrument, "tickSize");
    BigDecimal step = decimal(instrument, "stepSize");
    BigDecimal minQuantity = decimal(instrument, "minQuantity");
    BigDecimal minNotional = decimal(instrument, "minNotional");
    BigDecimal quantity = ceilTo(minQuantity.max(step), step);
    BigDecimal price = insideSpread(depth, tick);
    if (price == null) {
      // No usable book: the lowest price at which the minimum quantity meets the notional filter,
      // and at least 100 ticks.
      BigDecimal floor =
          minNotional.signum() == 0
              ? tick
              : ceilTo(minNotional.divide(quantity, tick.scale() + 8, RoundingMode.CEILING), tick);
      price = floor.max(tick.multiply(BigDecimal.valueOf(100)));
    }
    // The smallest whole-step quantity that meets the notional filter at that price.
    if (price.multiply(quantity).compareTo(minNotional) < 0) {
      quantity = ceilTo(minNotional.divide(price, step.scale() + 8, RoundingMode.CEILING), step);
    }
    return new OrderPlan(price.stripTrailingZeros(), quantity.stripTrailingZeros());
  }

  private static BigDecimal ceilTo(BigDecimal value, BigDecimal unit) {
    return value.divide(unit, 0, RoundingMode.CEILING).multiply(unit);
  }

  /**
   * The mid of the best bid and ask, rounded down to a tick strictly inside the spread, or null.
   */
  static BigDecimal insideSpread(Map<String, Object> depth, BigDecimal tick) {
    if (depth == null) {
      return null;
    }
    BigDecimal bid = best(depth.get("bids"));
    BigDecimal ask = best(depth.get("asks"));
    if (bid == null || ask == null) {
      return null;
    }
    BigDecimal mid =
        bid.add(ask)
            .divide(BigDecimal.valueOf(2), tick.scale() + 8, RoundingMode.DOWN)
            .divide(tick, 0, RoundingMode.DOWN)
            .multiply(tick);
    return mid.compareTo(bid) > 0 && mid.compareTo(ask) < 0 ? mid : null;
  }

  private static BigDecimal best(Object side) {
    if (side instanceof List<?> levels
        && !levels.isEmpty()
        && levels.get(0) instanceof List<?> level
        && !level.isEmpty()
        && level.get(0) instanceof String price) {
      return new BigDecimal(price);
    }
    return null;
  }

  private static BigDecimal decimal(Map<String, Object> instrument, String field) {
    Object v = instrument.get(field);
    if (v instanceof String s) {
      return new BigDecimal(s);
    }
    if (v instanceof BigDecimal d) {
      return d;
    }
    throw new IllegalArgumentException(
        "instrument " + instrument.get("symbol") + " has no " + field + ": " + instrument);
  }

  /** The JSON body of order slot {@code k}. */
  public String body(String symbol, long k, String clientOrderId) {
    return "{\"symbol\":\""
        + symbol
        + "\",\"side\":\""
        + (RateSchedule.isBuy(k) ? "BUY" : "SELL")
        + "\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\""
        + quantity.toPlainString()
        + "\",\"price\":\""
        + price.toPlainString()
        + "\",\"clientOrderId\":\""
        + clientOrderId
        + "\"}";
  }
}
