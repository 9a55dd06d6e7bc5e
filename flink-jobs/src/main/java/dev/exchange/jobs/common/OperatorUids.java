package dev.exchange.jobs.common;

/**
 * Stable operator uids: savepoints map state to operators by these, so they never change. A new
 * operator gets a new constant; a removed one keeps its constant here, marked as retired.
 */
public final class OperatorUids {

  public static final String ACCOUNTS_SOURCE = "accounts-commands-source";

  /** The keyed operator holding funds and settling per account. */
  public static final String ACCOUNTS_ENGINE = "accounts-engine";

  public static final String ACCOUNTS_SINK = "accounts-kafka-sink";

  public static final String MATCHING_SOURCE = "matching-orders-source";
  public static final String MATCHING_ENGINE = "matching-engine";
  public static final String MATCHING_SINK = "matching-kafka-sink";

  public static final String MARKET_DATA_SOURCE = "market-data-trades-source";

  /** The keyed operator computing candles and 24h tickers (one operator: one dedup state). */
  public static final String MARKET_DATA_CANDLES = "market-data-candles";

  public static final String MARKET_DATA_SINK = "market-data-kafka-sink";

  public static final String HISTORY_SOURCE = "history-source";

  /** Stateless: decodes and checks each record, poison to the dead-letter output. */
  public static final String HISTORY_CHECK = "history-check";

  public static final String HISTORY_POSTGRES_SINK = "history-postgres-sink";
  public static final String HISTORY_DLQ_SINK = "history-dlq-sink";

  public static final String LAKEHOUSE_SOURCE = "lakehouse-source";

  /** Keyed by (topic, symbol): decodes, drops replays (last stored id), converts to rows. */
  public static final String LAKEHOUSE_ROUTER = "lakehouse-router";

  /**
   * Prefixes: Iceberg's FlinkSink derives {@code <prefix>-writer} and {@code <prefix>-committer}.
   */
  public static final String LAKEHOUSE_TRADES_SINK = "lakehouse-trades";

  public static final String LAKEHOUSE_CANDLES_SINK = "lakehouse-candles-1m";
  public static final String LAKEHOUSE_CANDLES_1H_SINK = "lakehouse-candles-1h";
  public static final String LAKEHOUSE_ORDER_EVENTS_SINK = "lakehouse-order-events";
  public static final String LAKEHOUSE_LEDGER_SINK = "lakehouse-ledger";
  public static final String LAKEHOUSE_DLQ_SINK = "lakehouse-dlq-sink";

  public static final String ALERTS_SOURCE = "alerts-source";

  /** Keyed by symbol: alert definitions, the last trade, a day of minute closes. */
  public static final String ALERTS_ENGINE = "alerts-engine";

  public static final String ALERTS_SINK = "alerts-kafka-sink";

  private OperatorUids() {}
}
