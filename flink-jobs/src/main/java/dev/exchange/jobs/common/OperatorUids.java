package dev.exchange.jobs.common;

/**
 * Stable operator uids: savepoints map state to operators by these, so they never change. A new
 * operator gets a new constant; a removed one keeps its constant here, marked as retired.
 */
public final class OperatorUids {

  public static final String MATCHING_SOURCE = "matching-orders-source";
  public static final String MATCHING_ENGINE = "matching-engine";
  public static final String MATCHING_SINK = "matching-kafka-sink";

  private OperatorUids() {}
}
