package dev.exchange.edge.alerts;

import dev.exchange.model.FixedPoint;
import dev.exchange.model.avro.AlertDefinition;

/**
 * An alert as the API shows it: decimals as strings, status ACTIVE or PAUSED, where its firings are
 * delivered ({@code webhookUrl}, {@code email}; null for none).
 */
record AlertView(
    String alertId,
    String clientAlertId,
    String symbol,
    String type,
    String price,
    String percent,
    String window,
    String hysteresisPercent,
    boolean partialFills,
    String status,
    long createdTime,
    String webhookUrl,
    String email) {

  static AlertView of(AlertBook.Entry e) {
    AlertDefinition d = e.definition();
    return new AlertView(
        d.getAlertId(),
        d.getClientAlertId(),
        d.getSymbol(),
        d.getKind().name(),
        d.getLevel() == null ? null : FixedPoint.format(d.getLevel(), d.getPriceScale()),
        d.getThresholdBps() == null ? null : FixedPoint.format(d.getThresholdBps(), 2),
        d.getWindowMinutes() == null ? null : AlertService.windowName(d.getWindowMinutes()),
        FixedPoint.format(d.getHysteresisBps(), 2),
        d.getPartialFills(),
        e.paused() ? "PAUSED" : "ACTIVE",
        d.getCreatedTime(),
        d.getWebhookUrl(),
        d.getEmail());
  }
}
