package dev.exchange.history.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic trades of one symbol: a random walk of prices, gaps of up to {@code maxGapMs}
 * between taker orders, some taker orders filled by several makers at one time (at one price or
 * walking the book), as the matcher produces them. Ids are gapless from 1 and follow time.
 */
public final class TradeGenerator {

  private final String symbol;
  private final Random random;
  private long nextId = 1;
  private long price = 3_000_000; // 30000.00
  private int orders;

  public TradeGenerator(String symbol, long seed) {
    this.symbol = symbol;
    this.random = new Random(seed);
  }

  /** Trades from {@code from} to before {@code to}, one taker order every 1 ms … maxGapMs. */
  public List<TradeFixture> between(long from, long to, long maxGapMs) {
    List<TradeFixture> out = new ArrayList<>();
    long time = from;
    while (true) {
      time += 1 + random.nextLong(maxGapMs);
      if (time >= to) {
        return out;
      }
      out.addAll(takerOrder(time));
    }
  }

  /** The fills of one taker order at {@code time}. */
  public List<TradeFixture> takerOrder(long time) {
    List<TradeFixture> out = new ArrayList<>();
    String taker = "taker-" + symbol + "-" + (++orders);
    boolean buy = random.nextBoolean();
    int fills = random.nextInt(4) == 0 ? 2 + random.nextInt(4) : 1;
    price = Math.max(100, price + random.nextInt(2001) - 1000);
    long p = price;
    for (int i = 0; i < fills; i++) {
      if (i > 0 && random.nextInt(3) == 0) {
        p += buy ? 1 : -1; // walks the book: a new aggregate trade starts
      }
      long quantity = 1 + random.nextInt(200_000);
      out.add(
          new TradeFixture(
              symbol,
              nextId++,
              time,
              p,
              quantity,
              buy,
              taker,
              "maker-" + symbol + "-" + random.nextInt(1_000_000),
              buy ? "bob" : "carol",
              buy ? "carol" : "bob"));
    }
    return out;
  }

  public long nextId() {
    return nextId;
  }
}
