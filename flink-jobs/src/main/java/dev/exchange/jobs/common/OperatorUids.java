package dev.exchange.jobs.common;

/**
 * Stable operator uids: savepoints map state to operators by these, so they never change. A new
 * operator gets a new constant; a removed one keeps its constant here, marked as retired.
 */
public final class OperatorUids {

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

  private OperatorUids() {}
}
