package dev.exchange.jobs.marketdata;

import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Trade;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The candles of one symbol, without Flink: folds trades into the latest bucket of every {@link
 * Interval} and closes buckets. The content of a candle is a pure function of the trades in its
 * bucket; only <em>when</em> a bucket closes depends on who closes it (the symbol's next trade, or
 * {@link #closeThrough} driven by the watermark).
 *
 * <p>Contract, per interval: every applied trade emits an update ({@code closed=false}) of its
 * bucket; a bucket is emitted once with {@code closed=true}, before any record of a later bucket,
 * and never changes afterwards.
 */
public final class CandleBook {

  private CandleBook() {}

  /**
   * True if any bucket the trade belongs in has already been closed (or lies before the latest
   * bucket): applying it would change a candle consumers were told is final.
   */
  public static boolean isLate(MarketState state, long time) {
    for (Interval interval : Interval.values()) {
      CandleState c = state.candle(interval);
      if (c == null) {
        continue;
      }
      long openTime = interval.openTime(time);
      if (openTime < c.openTime || (openTime == c.openTime && c.closed)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Applies a trade that is not {@linkplain #isLate late}: for each interval in order, closes the
   * latest bucket if the trade starts a later one, then emits the trade's bucket updated.
   *
   * @param newBucketClose receives the close time of every bucket this trade opens (for a timer)
   */
  public static void apply(
      MarketState state, Trade trade, Consumer<Candle> out, LongConsumer newBucketClose) {
    long time = trade.getTime();
    for (Interval interval : Interval.values()) {
      CandleState c = state.candle(interval);
      long openTime = interval.openTime(time);
      if (c != null && c.openTime < openTime && !c.closed) {
        c.closed = true;
        out.accept(candle(trade.getSymbol(), interval, c));
      }
      if (c == null || c.openTime < openTime) {
        c = open(openTime, trade);
        state.candle(interval, c);
        newBucketClose.accept(interval.closeTime(openTime));
      } else {
        fold(c, trade);
      }
      out.accept(candle(trade.getSymbol(), interval, c));
    }
  }

  /**
   * Closes every open bucket that ends at or before {@code time}, in interval order. Returns
   * whether anything closed.
   */
  public static boolean closeThrough(
      MarketState state, String symbol, long time, Consumer<Candle> out) {
    boolean changed = false;
    for (Interval interval : Interval.values()) {
      CandleState c = state.candle(interval);
      if (c != null && !c.closed && interval.closeTime(c.openTime) <= time) {
        c.closed = true;
        out.accept(candle(symbol, interval, c));
        changed = true;
      }
    }
    return changed;
  }

  private static CandleState open(long openTime, Trade trade) {
    CandleState c = new CandleState();
    c.openTime = openTime;
    c.open = trade.getPrice();
    c.high = trade.getPrice();
    c.low = trade.getPrice();
    c.firstTradeId = trade.getTradeId();
    c.priceScale = trade.getPriceScale();
    c.quantityScale = trade.getQuantityScale();
    fold(c, trade);
    return c;
  }

  private static void fold(CandleState c, Trade trade) {
    long price = trade.getPrice();
    c.high = Math.max(c.high, price);
    c.low = Math.min(c.low, price);
    c.close = price;
    c.volume = Math.addExact(c.volume, trade.getQuantity());
    c.quoteVolume = Math.addExact(c.quoteVolume, trade.getQuoteQuantity());
    c.tradeCount = Math.incrementExact(c.tradeCount);
    if (trade.getTakerSide() == Side.BUY) {
      c.takerBuyVolume = Math.addExact(c.takerBuyVolume, trade.getQuantity());
      c.takerBuyQuoteVolume = Math.addExact(c.takerBuyQuoteVolume, trade.getQuoteQuantity());
    }
    c.lastTradeId = trade.getTradeId();
  }

  /** The record for a bucket as it stands. */
  static Candle candle(String symbol, Interval interval, CandleState c) {
    return Candle.newBuilder()
        .setSymbol(symbol)
        .setInterval(interval.code())
        .setOpenTime(c.openTime)
        .setCloseTime(interval.closeTime(c.openTime))
        .setOpen(c.open)
        .setHigh(c.high)
        .setLow(c.low)
        .setClose(c.close)
        .setVolume(c.volume)
        .setQuoteVolume(c.quoteVolume)
        .setTradeCount(c.tradeCount)
        .setTakerBuyVolume(c.takerBuyVolume)
        .setTakerBuyQuoteVolume(c.takerBuyQuoteVolume)
        .setFirstTradeId(c.firstTradeId)
        .setLastTradeId(c.lastTradeId)
        .setClosed(c.closed)
        .setPriceScale(c.priceScale)
        .setQuantityScale(c.quantityScale)
        .build();
  }
}
