package dev.exchange.jobs.alerts;

/**
 * What the alerts job keeps per symbol besides the alerts and the minute closes (state POJO, one
 * value): the last trade, the replay guards and the oldest minute still kept.
 */
public class SymbolState {
  /** Highest tradeId applied; trades at or below it are upstream replays and are ignored. */
  public long lastTradeId;

  /** Highest order event sequence applied (gapless per symbol); lower ones are replays. */
  public long lastOrderEventSequence;

  /** The last trade's price, null before the first trade. */
  public Long lastPrice;

  /** The oldest minute (epoch minute) with a close in the minute map, null when it is empty. */
  public Long oldestMinute;

  public SymbolState() {}
}
