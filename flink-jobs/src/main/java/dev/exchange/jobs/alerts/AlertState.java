package dev.exchange.jobs.alerts;

import dev.exchange.model.avro.AlertDefinition;
import dev.exchange.model.avro.AlertKind;

/**
 * One alert as the alerts job keeps it (state POJO in the symbol's map, keyed by alert id): the
 * owner's definition plus where it stands (paused, armed, how often it fired).
 */
public class AlertState {
  public String alertId;
  public String account;
  public String clientAlertId;
  public AlertKind kind;
  public Long level;
  public int priceScale;
  public Long thresholdBps;
  public Integer windowMinutes;
  public long hysteresisBps;
  public boolean partialFills;

  /** Where alert-delivery sends each firing (definition v2); null: not by webhook. */
  public String webhookUrl;

  /** Where alert-delivery mails each firing (definition v2); null: not by e-mail. */
  public String email;

  public boolean paused;

  /** Whether the next crossing fires; false after a firing until the price re-arms it. */
  public boolean armed;

  /** How often it fired: the next firing is {@code firings + 1}. */
  public long firings;

  public AlertState() {}

  static AlertState of(AlertDefinition d) {
    AlertState s = new AlertState();
    s.alertId = d.getAlertId();
    s.account = d.getAccount();
    s.clientAlertId = d.getClientAlertId();
    s.kind = d.getKind();
    s.level = d.getLevel();
    s.priceScale = d.getPriceScale();
    s.thresholdBps = d.getThresholdBps();
    s.windowMinutes = d.getWindowMinutes();
    s.hysteresisBps = d.getHysteresisBps();
    s.partialFills = d.getPartialFills();
    s.webhookUrl = d.getWebhookUrl();
    s.email = d.getEmail();
    return s;
  }
}
