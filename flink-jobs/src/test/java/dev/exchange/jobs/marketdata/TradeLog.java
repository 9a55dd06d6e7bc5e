package dev.exchange.jobs.marketdata;

import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Reproducible trade logs: gapless tradeIds per symbol, times non-decreasing across all symbols (as
 * one partition of {@code exchange.trades} would see them), with gaps from milliseconds to hours
 * and many trades exactly on a minute boundary or on the last millisecond of a minute.
 */
public final class TradeLog {

  /** 2024-03-01T00:00:00Z: a Friday at midnight UTC, a boundary of every interval. */
  static final long START = 1_709_251_200_000L;

  public static final int PRICE_SCALE = 2;
  static final int QUANTITY_SCALE = 4;

  private TradeLog() {}

  /**
   * {@code count} trades over {@code symbols}; the last symbol of {@code symbols} stops trading
   * after the first {@code quietAfter} trades of the log (a symbol going quiet).
   */
  static List<Trade> generate(long seed, int count, List<String> symbols, int quietAfter) {
    Random random = new Random(seed);
    Map<String, Long> ids = new HashMap<>();
    Map<String, Long> prices = new HashMap<>();
    List<Trade> out = new ArrayList<>();
    long time = START + random.nextInt(60_000);
    for (int i = 0; i < count; i++) {
      time = next(random, time);
      int n = i < quietAfter ? symbols.size() : symbols.size() - 1;
      String symbol = symbols.get(random.nextInt(n));
      long id = ids.merge(symbol, 1L, Long::sum);
      long price =
          Math.max(
              100,
              prices.getOrDefault(symbol, 3_000_000L + 100_000L * symbol.length())
                  + random.nextInt(20_001)
                  - 10_000);
      prices.put(symbol, price);
      out.add(trade(symbol, id, price, 1 + random.nextInt(50_000), random.nextBoolean(), time));
    }
    return out;
  }

  private static long next(Random random, long time) {
    int kind = random.nextInt(100);
    long t;
    if (kind < 40) {
      t = time + random.nextInt(2_000);
    } else if (kind < 70) {
      t = time + 2_000 + random.nextInt(58_000);
    } else if (kind < 90) {
      t = time + 60_000 + random.nextInt(540_000);
    } else if (kind < 99) {
      t = time + 600_000 + random.nextInt(6_600_000);
    } else {
      t = time + 7_200_000 + random.nextInt(28_800_000);
    }
    int edge = random.nextInt(10);
    if (edge == 0) {
      t = Math.floorDiv(t, 60_000L) * 60_000L + 60_000L; // first ms of the next minute
    } else if (edge == 1) {
      t = Math.floorDiv(t, 60_000L) * 60_000L + 59_999L; // last ms of this minute
    }
    return Math.max(t, time);
  }

  public static Trade trade(
      String symbol, long id, long price, long quantity, boolean takerBuys, long time) {
    return Trade.newBuilder()
        .setSymbol(symbol)
        .setTradeId(id)
        .setPrice(price)
        .setQuantity(quantity)
        .setQuoteQuantity(Math.multiplyExact(price, quantity))
        .setPriceScale(PRICE_SCALE)
        .setQuantityScale(QUANTITY_SCALE)
        .setTakerSide(takerBuys ? Side.BUY : Side.SELL)
        .setMakerOrderId("m-" + symbol + "-" + id)
        .setTakerOrderId("t-" + symbol + "-" + id)
        .setMakerAccount("maker")
        .setTakerAccount("taker")
        .setTime(time)
        .build();
  }
}
