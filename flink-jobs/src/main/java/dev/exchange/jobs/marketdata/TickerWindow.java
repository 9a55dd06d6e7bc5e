package dev.exchange.jobs.marketdata;

import dev.exchange.model.avro.Ticker;
import dev.exchange.model.avro.Trade;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rolling 24h ticker of one symbol, without Flink, from minute buckets.
 *
 * <p>The window of a trade in minute {@code m} is the 1440 UTC minutes {@code [m - 1439 min, m]}:
 * between 23h59m and 24h long, like Binance's rolling windows (minute granularity). A trade exactly
 * 24h older than the current one is always outside. The minutes before {@code m} are aggregated
 * once, when the symbol's first trade of a new minute arrives ({@link MarketState#window}); a trade
 * within the same minute only folds into {@link MarketState#minute}. Every aggregate is
 * order-independent (min/max/sums, open from the earliest minute), so iteration order of the store
 * never reaches an output.
 */
public final class TickerWindow {

  /** Minutes in the window, the current one included. */
  public static final int MINUTES = 1440;

  private static final long MINUTE = Interval.ONE_MINUTE.millis();
  private static final BigInteger PERCENT_SCALE = BigInteger.valueOf(100_000);

  private TickerWindow() {}

  /** The first minute of the window of a trade in {@code minute}. */
  public static long windowStart(long minute) {
    return minute - (MINUTES - 1) * MINUTE;
  }

  /**
   * Folds a trade (time never before the symbol's previous trade) and returns the ticker after it.
   * Finished minutes go to {@code store}; minutes that left the window are removed from it.
   */
  public static Ticker apply(MarketState state, Trade trade, MinuteStore store) {
    long minute = Interval.ONE_MINUTE.openTime(trade.getTime());
    MinuteBucket current = state.minute;
    if (current == null || current.openTime < minute) {
      if (current != null) {
        store.put(current.openTime, current);
      }
      state.window = aggregate(store, windowStart(minute), minute);
      current = new MinuteBucket();
      current.openTime = minute;
      current.open = trade.getPrice();
      current.high = trade.getPrice();
      current.low = trade.getPrice();
      current.firstTradeId = trade.getTradeId();
      state.minute = current;
    }
    fold(current, trade);
    return ticker(trade, minute, state.window, current);
  }

  /**
   * The aggregate of the stored minutes in {@code [from, until)}, or null if there are none;
   * removes the stored minutes before {@code from}.
   */
  static MinuteBucket aggregate(MinuteStore store, long from, long until) {
    MinuteBucket sum = null;
    long lastOpenTime = Long.MIN_VALUE;
    List<Long> expired = new ArrayList<>();
    for (Map.Entry<Long, MinuteBucket> e : store.entries()) {
      long openTime = e.getKey();
      MinuteBucket b = e.getValue();
      if (openTime < from) {
        expired.add(openTime);
        continue;
      }
      if (openTime >= until) {
        continue;
      }
      if (sum == null) {
        sum = new MinuteBucket();
        sum.openTime = openTime;
        sum.open = b.open;
        sum.high = b.high;
        sum.low = b.low;
        sum.firstTradeId = b.firstTradeId;
      } else if (openTime < sum.openTime) {
        sum.openTime = openTime;
        sum.open = b.open;
        sum.firstTradeId = b.firstTradeId;
      }
      if (openTime > lastOpenTime) {
        lastOpenTime = openTime;
        sum.close = b.close;
        sum.lastTradeId = b.lastTradeId;
      }
      sum.high = Math.max(sum.high, b.high);
      sum.low = Math.min(sum.low, b.low);
      sum.volume = Math.addExact(sum.volume, b.volume);
      sum.quoteVolume = Math.addExact(sum.quoteVolume, b.quoteVolume);
      sum.tradeCount = Math.addExact(sum.tradeCount, b.tradeCount);
    }
    for (long openTime : expired) {
      store.remove(openTime);
    }
    return sum;
  }

  private static void fold(MinuteBucket b, Trade trade) {
    long price = trade.getPrice();
    b.high = Math.max(b.high, price);
    b.low = Math.min(b.low, price);
    b.close = price;
    b.volume = Math.addExact(b.volume, trade.getQuantity());
    b.quoteVolume = Math.addExact(b.quoteVolume, trade.getQuoteQuantity());
    b.tradeCount = Math.incrementExact(b.tradeCount);
    b.lastTradeId = trade.getTradeId();
  }

  private static Ticker ticker(
      Trade trade, long minute, MinuteBucket window, MinuteBucket current) {
    long open = window == null ? current.open : window.open;
    long high = window == null ? current.high : Math.max(window.high, current.high);
    long low = window == null ? current.low : Math.min(window.low, current.low);
    long volume = window == null ? current.volume : Math.addExact(window.volume, current.volume);
    long quoteVolume =
        window == null
            ? current.quoteVolume
            : Math.addExact(window.quoteVolume, current.quoteVolume);
    long count =
        window == null ? current.tradeCount : Math.addExact(window.tradeCount, current.tradeCount);
    long last = trade.getPrice();
    long change = Math.subtractExact(last, open);
    return Ticker.newBuilder()
        .setSymbol(trade.getSymbol())
        .setTime(trade.getTime())
        .setOpenTime(windowStart(minute))
        .setCloseTime(trade.getTime())
        .setOpen(open)
        .setHigh(high)
        .setLow(low)
        .setLast(last)
        .setVolume(volume)
        .setQuoteVolume(quoteVolume)
        .setPriceChange(change)
        .setPriceChangePercent(priceChangePercent(change, open))
        .setFirstTradeId(window == null ? current.firstTradeId : window.firstTradeId)
        .setLastTradeId(trade.getTradeId())
        .setTradeCount(count)
        .setPriceScale(trade.getPriceScale())
        .setQuantityScale(trade.getQuantityScale())
        .build();
  }

  /**
   * {@code change / open * 100} at scale 3 (1234 = 1.234 %), truncated toward zero; 0 when {@code
   * open} is 0. Exact for any longs (no overflow, no floating point).
   */
  public static long priceChangePercent(long change, long open) {
    if (open == 0) {
      return 0;
    }
    return BigInteger.valueOf(change)
        .multiply(PERCENT_SCALE)
        .divide(BigInteger.valueOf(open))
        .longValueExact();
  }
}
