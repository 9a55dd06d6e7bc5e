package dev.exchange.jobs.alerts;

import dev.exchange.model.avro.AlertKind;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderStatus;
import java.math.BigInteger;

/**
 * When an alert fires and when it re-arms, without Flink (docs/alerts.md, "Semantics"). All
 * arithmetic is on {@code long} minor units and basis points.
 *
 * <p>Price alerts fire once per crossing: PRICE_ABOVE fires when armed and the price is at or above
 * the level, then stays quiet until the price falls below {@code level - band}; PRICE_BELOW mirrors
 * it. {@code band = level * hysteresisBps / 10000}. PERCENT_CHANGE works the same on {@code
 * |change|} against the threshold, the band being {@code threshold * hysteresisBps / 10000}.
 */
public final class AlertRules {

  static final long BPS = 10_000L;

  private AlertRules() {}

  /**
   * Whether an alert created or resumed while the last price is {@code lastPrice} (null: no trade
   * yet) is armed: a price alert already on its firing side waits for the next crossing.
   */
  public static boolean armedAt(AlertState alert, Long lastPrice) {
    if (lastPrice == null) {
      return true;
    }
    return switch (alert.kind) {
      case PRICE_ABOVE -> lastPrice < alert.level;
      case PRICE_BELOW -> lastPrice > alert.level;
      case PERCENT_CHANGE, ORDER_FILLED -> true;
    };
  }

  /**
   * Applies a trade at {@code price} to a price alert: updates {@link AlertState#armed} and returns
   * whether it fires now.
   */
  public static boolean onPrice(AlertState alert, long price) {
    long band =
        alert.level / BPS * alert.hysteresisBps + alert.level % BPS * alert.hysteresisBps / BPS;
    boolean onFiringSide =
        alert.kind == AlertKind.PRICE_ABOVE ? price >= alert.level : price <= alert.level;
    boolean beyondBand =
        alert.kind == AlertKind.PRICE_ABOVE
            ? price < alert.level - band
            : price > alert.level + band;
    return step(alert, onFiringSide, beyondBand);
  }

  /**
   * Applies a change of {@code changeBps} (signed) to a PERCENT_CHANGE alert: updates {@link
   * AlertState#armed} and returns whether it fires now.
   */
  public static boolean onChange(AlertState alert, long changeBps) {
    long magnitude = Math.abs(changeBps);
    long band = alert.thresholdBps * alert.hysteresisBps / BPS;
    return step(alert, magnitude >= alert.thresholdBps, magnitude < alert.thresholdBps - band);
  }

  private static boolean step(AlertState alert, boolean onFiringSide, boolean beyondBand) {
    if (alert.armed && onFiringSide) {
      alert.armed = false;
      return true;
    }
    if (!alert.armed && beyondBand) {
      alert.armed = true;
    }
    return false;
  }

  /** Whether an execution report of the alert's account fires an ORDER_FILLED alert. */
  public static boolean onFill(AlertState alert, OrderEvent event) {
    if (!alert.account.equals(event.getAccount()) || event.getLastQuantity() <= 0) {
      return false;
    }
    return event.getStatus() == OrderStatus.FILLED
        || (alert.partialFills && event.getStatus() == OrderStatus.PARTIALLY_FILLED);
  }

  /** {@code (price - reference) * 10000 / reference}, truncated toward zero, without overflow. */
  public static long changeBps(long price, long reference) {
    long diff = price - reference;
    try {
      return Math.multiplyExact(diff, BPS) / reference;
    } catch (ArithmeticException e) {
      return BigInteger.valueOf(diff)
          .multiply(BigInteger.valueOf(BPS))
          .divide(BigInteger.valueOf(reference))
          .longValueExact();
    }
  }
}
