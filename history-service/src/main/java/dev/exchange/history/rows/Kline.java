package dev.exchange.history.rows;

import java.math.BigDecimal;

/**
 * One candle: OHLCV of a bucket, exact decimals. Amounts are at most at the instrument's scales
 * ({@code priceScale} for prices, {@code quantityScale} for volumes, their sum for quote volumes).
 */
public record Kline(
    long openTime,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal volume,
    BigDecimal quoteVolume,
    long trades,
    BigDecimal takerBuyVolume,
    BigDecimal takerBuyQuoteVolume,
    long firstTradeId,
    long lastTradeId,
    int priceScale,
    int quantityScale) {

  /** This candle followed by a later one of the same bucket, folded. */
  public Kline merge(Kline later) {
    return new Kline(
        openTime,
        open,
        high.max(later.high),
        low.min(later.low),
        later.close,
        volume.add(later.volume),
        quoteVolume.add(later.quoteVolume),
        trades + later.trades,
        takerBuyVolume.add(later.takerBuyVolume),
        takerBuyQuoteVolume.add(later.takerBuyQuoteVolume),
        firstTradeId,
        later.lastTradeId,
        priceScale,
        quantityScale);
  }

  /** The same candle under another bucket start. */
  public Kline withOpenTime(long time) {
    return new Kline(
        time,
        open,
        high,
        low,
        close,
        volume,
        quoteVolume,
        trades,
        takerBuyVolume,
        takerBuyQuoteVolume,
        firstTradeId,
        lastTradeId,
        priceScale,
        quantityScale);
  }
}
