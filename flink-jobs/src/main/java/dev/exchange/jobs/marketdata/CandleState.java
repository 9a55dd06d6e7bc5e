package dev.exchange.jobs.marketdata;

/**
 * The latest bucket of one interval of one symbol (state POJO). Kept after it closed, so that a
 * trade arriving for a bucket that a timer already closed is recognised as late.
 */
public class CandleState {
  public long openTime;
  public long open;
  public long high;
  public long low;
  public long close;
  public long volume;
  public long quoteVolume;
  public long tradeCount;
  public long takerBuyVolume;
  public long takerBuyQuoteVolume;
  public long firstTradeId;
  public long lastTradeId;
  public boolean closed;
  public int priceScale;
  public int quantityScale;

  public CandleState() {}
}
