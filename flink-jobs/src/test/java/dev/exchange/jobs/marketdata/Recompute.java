package dev.exchange.jobs.marketdata;

import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Ticker;
import dev.exchange.model.avro.Trade;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The market data of a trade log recomputed naively, straight from the definitions and without the
 * job's code: every candle and ticker from the list of trades it covers.
 */
final class Recompute {

  private static final long DAY = 24 * 60 * 60_000L;

  private Recompute() {}

  /** Bucket identity: symbol, interval, open time. */
  record Bucket(String symbol, String interval, long openTime) {}

  /** The final content of every bucket (closed=false), in order of first trade. */
  static Map<Bucket, Candle> candles(List<Trade> trades) {
    Map<Bucket, List<Trade>> byBucket = new LinkedHashMap<>();
    for (Trade t : trades) {
      for (Interval interval : Interval.values()) {
        long open = t.getTime() - Math.floorMod(t.getTime(), interval.millis());
        byBucket
            .computeIfAbsent(
                new Bucket(t.getSymbol(), interval.code(), open), k -> new ArrayList<>())
            .add(t);
      }
    }
    Map<Bucket, Candle> out = new LinkedHashMap<>();
    byBucket.forEach((b, list) -> out.put(b, candle(b, list)));
    return out;
  }

  /** Every update of every bucket, in emission order per bucket. */
  static Map<Bucket, List<Candle>> updates(List<Trade> trades) {
    Map<Bucket, List<Trade>> seen = new LinkedHashMap<>();
    Map<Bucket, List<Candle>> out = new LinkedHashMap<>();
    for (Trade t : trades) {
      for (Interval interval : Interval.values()) {
        long open = t.getTime() - Math.floorMod(t.getTime(), interval.millis());
        Bucket b = new Bucket(t.getSymbol(), interval.code(), open);
        List<Trade> list = seen.computeIfAbsent(b, k -> new ArrayList<>());
        list.add(t);
        out.computeIfAbsent(b, k -> new ArrayList<>()).add(candle(b, list));
      }
    }
    return out;
  }

  static Candle candle(Bucket b, List<Trade> list) {
    long millis = Interval.valueOf(intervalName(b.interval())).millis();
    long high = Long.MIN_VALUE;
    long low = Long.MAX_VALUE;
    long volume = 0;
    long quote = 0;
    long buyVolume = 0;
    long buyQuote = 0;
    for (Trade t : list) {
      high = Math.max(high, t.getPrice());
      low = Math.min(low, t.getPrice());
      volume += t.getQuantity();
      quote += t.getQuoteQuantity();
      if (t.getTakerSide() == Side.BUY) {
        buyVolume += t.getQuantity();
        buyQuote += t.getQuoteQuantity();
      }
    }
    Trade first = list.get(0);
    Trade last = list.get(list.size() - 1);
    return Candle.newBuilder()
        .setSymbol(b.symbol())
        .setInterval(b.interval())
        .setOpenTime(b.openTime())
        .setCloseTime(b.openTime() + millis - 1)
        .setOpen(first.getPrice())
        .setHigh(high)
        .setLow(low)
        .setClose(last.getPrice())
        .setVolume(volume)
        .setQuoteVolume(quote)
        .setTradeCount(list.size())
        .setTakerBuyVolume(buyVolume)
        .setTakerBuyQuoteVolume(buyQuote)
        .setFirstTradeId(first.getTradeId())
        .setLastTradeId(last.getTradeId())
        .setClosed(false)
        .setPriceScale(first.getPriceScale())
        .setQuantityScale(first.getQuantityScale())
        .build();
  }

  private static String intervalName(String code) {
    for (Interval i : Interval.values()) {
      if (i.code().equals(code)) {
        return i.name();
      }
    }
    throw new IllegalArgumentException(code);
  }

  /** The ticker after each trade, per symbol in trade order. */
  static Map<String, List<Ticker>> tickers(List<Trade> trades) {
    Map<String, List<Trade>> bySymbol = new LinkedHashMap<>();
    Map<String, List<Ticker>> out = new LinkedHashMap<>();
    for (Trade t : trades) {
      List<Trade> history = bySymbol.computeIfAbsent(t.getSymbol(), k -> new ArrayList<>());
      history.add(t);
      out.computeIfAbsent(t.getSymbol(), k -> new ArrayList<>()).add(ticker(history));
    }
    return out;
  }

  /** The ticker after the last trade of {@code history}: the 1440 minutes ending with its own. */
  static Ticker ticker(List<Trade> history) {
    Trade now = history.get(history.size() - 1);
    long minute = now.getTime() - Math.floorMod(now.getTime(), 60_000L);
    long windowStart = minute + 60_000L - DAY;
    List<Trade> in = new ArrayList<>();
    for (Trade t : history) {
      if (t.getTime() >= windowStart) {
        in.add(t);
      }
    }
    long high = Long.MIN_VALUE;
    long low = Long.MAX_VALUE;
    long volume = 0;
    long quote = 0;
    for (Trade t : in) {
      high = Math.max(high, t.getPrice());
      low = Math.min(low, t.getPrice());
      volume += t.getQuantity();
      quote += t.getQuoteQuantity();
    }
    long open = in.get(0).getPrice();
    long change = now.getPrice() - open;
    return Ticker.newBuilder()
        .setSymbol(now.getSymbol())
        .setTime(now.getTime())
        .setOpenTime(windowStart)
        .setCloseTime(now.getTime())
        .setOpen(open)
        .setHigh(high)
        .setLow(low)
        .setLast(now.getPrice())
        .setVolume(volume)
        .setQuoteVolume(quote)
        .setPriceChange(change)
        .setPriceChangePercent(percent(change, open))
        .setFirstTradeId(in.get(0).getTradeId())
        .setLastTradeId(now.getTradeId())
        .setTradeCount(in.size())
        .setPriceScale(now.getPriceScale())
        .setQuantityScale(now.getQuantityScale())
        .build();
  }

  /** The definition, in decimals: change / open * 100, 3 decimals, toward zero. */
  static long percent(long change, long open) {
    return BigDecimal.valueOf(change)
        .multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(open), 3, RoundingMode.DOWN)
        .unscaledValue()
        .longValueExact();
  }
}
