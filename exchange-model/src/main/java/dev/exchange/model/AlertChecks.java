package dev.exchange.model;

import dev.exchange.model.avro.AlertDefinition;
import java.util.List;

/**
 * The rules an alert definition must follow (docs/alerts.md), checked by edge-api before it
 * publishes a command and again by the alerts job, which dead-letters a definition that breaks
 * them. The symbol-dependent rule (a level on the symbol's tick) is the edge's, as it holds the
 * instrument.
 */
public final class AlertChecks {

  /** Alerts an account may hold at once (paused ones count). */
  public static final int MAX_ALERTS_PER_ACCOUNT = 100;

  /** The PERCENT_CHANGE windows: 5 minutes, 1 hour, 24 hours. */
  public static final List<Integer> WINDOW_MINUTES = List.of(5, 60, 1440);

  /** Highest hysteresis, in basis points of the level or threshold (50 %). */
  public static final long MAX_HYSTERESIS_BPS = 5_000L;

  /** Highest PERCENT_CHANGE threshold, in basis points (1000 %). */
  public static final long MAX_THRESHOLD_BPS = 100_000L;

  private AlertChecks() {}

  /** What is wrong with {@code d}, as "field: reason", or null if nothing. */
  public static String problem(AlertDefinition d) {
    if (d.getHysteresisBps() < 0 || d.getHysteresisBps() > MAX_HYSTERESIS_BPS) {
      return "hysteresisBps: must be between 0 and " + MAX_HYSTERESIS_BPS;
    }
    return switch (d.getKind()) {
      case PRICE_ABOVE, PRICE_BELOW ->
          d.getLevel() == null || d.getLevel() <= 0 ? "level: required and positive" : null;
      case PERCENT_CHANGE -> {
        if (d.getThresholdBps() == null
            || d.getThresholdBps() <= 0
            || d.getThresholdBps() > MAX_THRESHOLD_BPS) {
          yield "thresholdPercent: required, above 0 and at most " + MAX_THRESHOLD_BPS / 100;
        }
        if (d.getWindowMinutes() == null || !WINDOW_MINUTES.contains(d.getWindowMinutes())) {
          yield "window: one of 5m, 1h, 24h";
        }
        yield null;
      }
      case ORDER_FILLED -> null;
    };
  }
}
