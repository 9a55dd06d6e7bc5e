package dev.exchange.model;

import dev.exchange.model.avro.AlertDefinition;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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

  /** Longest {@code webhookUrl}. */
  public static final int MAX_WEBHOOK_URL_LENGTH = 2048;

  /** Longest {@code email} (RFC 5321's path limit). */
  public static final int MAX_EMAIL_LENGTH = 254;

  /** local@domain.tld, without spaces, quotes or a second '@': what SMTP accepts as is. */
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

  private AlertChecks() {}

  /** What is wrong with {@code d}, as "field: reason", or null if nothing. */
  public static String problem(AlertDefinition d) {
    String delivery = deliveryProblem(d);
    if (delivery != null) {
      return delivery;
    }
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

  /** What is wrong with the definition's webhook URL or e-mail address, or null. */
  private static String deliveryProblem(AlertDefinition d) {
    if (d.getWebhookUrl() != null && !webhookUrlAllowed(d.getWebhookUrl())) {
      return "webhookUrl: an absolute https URL of at most "
          + MAX_WEBHOOK_URL_LENGTH
          + " characters without user info (http only to localhost or 127.0.0.1)";
    }
    if (d.getEmail() != null
        && (d.getEmail().length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(d.getEmail()).matches())) {
      return "email: an address like name@example.com of at most "
          + MAX_EMAIL_LENGTH
          + " characters";
    }
    return null;
  }

  /**
   * Whether alert-delivery may POST to {@code url}: https with a host, or http to a loopback host
   * (tests, a receiver beside the service). Judged on the text alone, no name lookup.
   */
  public static boolean webhookUrlAllowed(String url) {
    if (url.length() > MAX_WEBHOOK_URL_LENGTH) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return false;
    }
    if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
      return false;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()));
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || h.matches("127(\\.\\d{1,3}){3}");
  }
}
