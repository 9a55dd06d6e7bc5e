package dev.exchange.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Kafka topic names and their settings (docs/architecture.md, "Topics"). Keyed by symbol, except
 * {@link #ACCOUNT_COMMANDS}, {@link #BALANCES} and {@link #COMMAND_REJECTIONS}, {@link #ALERTS}
 * (keyed by account), {@link #ASSETS} (by code) and {@link #ALERT_COMMANDS} (by alert id).
 */
public final class Topics {

  public static final String ORDERS = "exchange.orders";
  public static final String TRADES = "exchange.trades";
  public static final String ORDER_EVENTS = "exchange.order-events";
  public static final String BOOK = "exchange.book";
  public static final String BOOK_SNAPSHOTS = "exchange.book-snapshots";
  public static final String INSTRUMENTS = "exchange.instruments";
  public static final String CANDLES = "exchange.candles";
  public static final String TICKERS = "exchange.tickers";
  public static final String DLQ = "exchange.dlq";
  public static final String ASSETS = "exchange.assets";
  public static final String ACCOUNT_COMMANDS = "exchange.account-commands";
  public static final String BALANCES = "exchange.balances";
  public static final String COMMAND_REJECTIONS = "exchange.command-rejections";

  /**
   * Alert definitions (docs/alerts.md): compacted, keyed by alert id, every record the whole
   * definition, so the latest per alert rebuilds it.
   */
  public static final String ALERT_COMMANDS = "exchange.alert-commands";

  /** Fired alerts, keyed by account. */
  public static final String ALERTS = "exchange.alerts";

  /** Product requirement: 7 days of retention on event topics. */
  public static final Duration EVENT_RETENTION = Duration.ofDays(7);

  /** How a topic is stored. */
  public record TopicSpec(String name, boolean compacted) {

    /** Topic-level configuration to create it with. */
    public Map<String, String> config() {
      return compacted
          ? Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")
          : Map.of(
              "cleanup.policy",
              "delete",
              "retention.ms",
              Long.toString(EVENT_RETENTION.toMillis()));
    }
  }

  /** Every topic the exchange uses, in creation order. */
  public static final List<TopicSpec> ALL =
      List.of(
          new TopicSpec(ORDERS, false),
          new TopicSpec(TRADES, false),
          new TopicSpec(ORDER_EVENTS, false),
          new TopicSpec(BOOK, false),
          new TopicSpec(BOOK_SNAPSHOTS, true),
          new TopicSpec(INSTRUMENTS, true),
          new TopicSpec(CANDLES, false),
          new TopicSpec(TICKERS, false),
          new TopicSpec(DLQ, false),
          new TopicSpec(ASSETS, true),
          new TopicSpec(ACCOUNT_COMMANDS, false),
          new TopicSpec(BALANCES, false),
          new TopicSpec(COMMAND_REJECTIONS, false),
          new TopicSpec(ALERT_COMMANDS, true),
          new TopicSpec(ALERTS, false));

  private Topics() {}
}
