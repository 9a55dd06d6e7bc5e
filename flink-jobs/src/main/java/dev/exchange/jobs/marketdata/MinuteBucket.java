package dev.exchange.jobs.marketdata;

/**
 * Trades of one symbol in one UTC minute, or the aggregate of several minutes (state POJO): the 24h
 * ticker is folded from these.
 */
public class MinuteBucket {
  /** The first minute covered (epoch ms, a multiple of 60 000). */
  public long openTime;

  public long open;
  public long high;
  public long low;
  public long close;
  public long volume;
  public long quoteVolume;
  public long tradeCount;
  public long firstTradeId;
  public long lastTradeId;

  public MinuteBucket() {}
}
