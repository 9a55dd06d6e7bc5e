package dev.exchange.model;

import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.Side;
import java.math.BigDecimal;

/**
 * Binance's {@code PERCENT_PRICE_BY_SIDE} filter with {@code avgPriceMins = 0}: a priced order's
 * price must lie within multipliers of the symbol's last trade price. A buy needs {@code lastPrice
 * × bidMultiplierDown ≤ price ≤ lastPrice × bidMultiplierUp}, a sell the same with the ask
 * multipliers. Before the first trade no band applies.
 *
 * <p>Multipliers are exact decimals held in units of {@code 10^-4} ({@link #SCALE}): 5 is 50000,
 * 0.2 is 2000. A multiplier of 0 means that bound is not checked: an instrument listed before the
 * filter existed has all four at 0. Otherwise a down multiplier is in (0, 1] and an up multiplier
 * in [1, {@link #MAX_MULTIPLIER}].
 */
public record PriceBand(
    int bidMultiplierUp, int bidMultiplierDown, int askMultiplierUp, int askMultiplierDown) {

  /** Decimal places of a multiplier. */
  public static final int SCALE = 4;

  /** The multiplier 1 in units of {@code 10^-SCALE}. */
  public static final int ONE = 10_000;

  /** Largest up multiplier accepted (100000), so units fit an {@code int}. */
  public static final int MAX_MULTIPLIER = 100_000;

  /** No bound at all: instruments listed before the filter existed. */
  public static final PriceBand NONE = new PriceBand(0, 0, 0, 0);

  /** What a listing gets when it gives no multipliers: Binance spot's usual 5 and 0.2. */
  public static final PriceBand DEFAULT = new PriceBand(5 * ONE, ONE / 5, 5 * ONE, ONE / 5);

  public PriceBand {
    requireUp("bidMultiplierUp", bidMultiplierUp);
    requireDown("bidMultiplierDown", bidMultiplierDown);
    requireUp("askMultiplierUp", askMultiplierUp);
    requireDown("askMultiplierDown", askMultiplierDown);
  }

  private static void requireUp(String field, int units) {
    if (units != 0 && (units < ONE || units > MAX_MULTIPLIER * ONE)) {
      throw new IllegalArgumentException(
          field + " must be at least 1 and at most " + MAX_MULTIPLIER);
    }
  }

  private static void requireDown(String field, int units) {
    if (units < 0 || units > ONE) {
      throw new IllegalArgumentException(field + " must be greater than 0 and at most 1");
    }
  }

  /** The multipliers a filters record carries (0: not checked). */
  public static PriceBand of(InstrumentFilters f) {
    return new PriceBand(
        f.getBidMultiplierUp(),
        f.getBidMultiplierDown(),
        f.getAskMultiplierUp(),
        f.getAskMultiplierDown());
  }

  /** This band with every multiplier that {@code update} gives (non-zero) replaced. */
  public PriceBand updatedBy(PriceBand update) {
    return new PriceBand(
        update.bidMultiplierUp != 0 ? update.bidMultiplierUp : bidMultiplierUp,
        update.bidMultiplierDown != 0 ? update.bidMultiplierDown : bidMultiplierDown,
        update.askMultiplierUp != 0 ? update.askMultiplierUp : askMultiplierUp,
        update.askMultiplierDown != 0 ? update.askMultiplierDown : askMultiplierDown);
  }

  /**
   * Whether a priced order of {@code side} at {@code price} is within the band around {@code
   * lastPrice} (0: no trade yet, always true). Both in the instrument's price units. Exact: the
   * bound is never rounded; {@code price × 10^4} is compared with {@code lastPrice × multiplier} as
   * 128-bit products, so no price, however large, overflows.
   */
  public boolean allows(Side side, long price, long lastPrice) {
    if (lastPrice <= 0) {
      return true;
    }
    int up = side == Side.BUY ? bidMultiplierUp : askMultiplierUp;
    int down = side == Side.BUY ? bidMultiplierDown : askMultiplierDown;
    if (down != 0 && compareProducts(price, ONE, lastPrice, down) < 0) {
      return false;
    }
    return up == 0 || compareProducts(price, ONE, lastPrice, up) <= 0;
  }

  /** Compares {@code a × b} with {@code c × d} for non-negative operands, in 128 bits. */
  private static int compareProducts(long a, long b, long c, long d) {
    int high = Long.compare(Math.multiplyHigh(a, b), Math.multiplyHigh(c, d));
    return high != 0 ? high : Long.compareUnsigned(a * b, c * d);
  }

  /** Units of a multiplier from its decimal text ({@code "0.2"} is 2000). */
  public static int parseMultiplier(String text) {
    long units = FixedPoint.parseNonNegative(text, SCALE);
    if (units > (long) MAX_MULTIPLIER * ONE) {
      throw new InvalidDecimalException(
          InvalidDecimalException.Kind.OVERFLOW, "'" + text + "' is above " + MAX_MULTIPLIER);
    }
    return (int) units;
  }

  /**
   * Decimal text of a multiplier without trailing zeros: 2000 is {@code "0.2"}, 50000 {@code "5"}.
   */
  public static String format(int units) {
    return BigDecimal.valueOf(units, SCALE).stripTrailingZeros().toPlainString();
  }
}
