package dev.exchange.jobs.marketdata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The minute store of tests. Iterates in a shuffled order on purpose: outputs must not depend on
 * the store's order (RocksDB's is sorted, the heap backend's is not).
 */
final class InMemoryMinuteStore implements MinuteStore {

  final Map<Long, MinuteBucket> map = new HashMap<>();
  private final java.util.Random shuffle = new java.util.Random(1);

  @Override
  public void put(long openTime, MinuteBucket bucket) {
    map.put(openTime, copy(bucket));
  }

  @Override
  public void remove(long openTime) {
    map.remove(openTime);
  }

  @Override
  public Iterable<Map.Entry<Long, MinuteBucket>> entries() {
    List<Map.Entry<Long, MinuteBucket>> list = new ArrayList<>(map.entrySet());
    Collections.shuffle(list, shuffle);
    return list;
  }

  /** A stored value is a copy, as in RocksDB: later changes of the caller's object do not leak. */
  private static MinuteBucket copy(MinuteBucket b) {
    MinuteBucket c = new MinuteBucket();
    c.openTime = b.openTime;
    c.open = b.open;
    c.high = b.high;
    c.low = b.low;
    c.close = b.close;
    c.volume = b.volume;
    c.quoteVolume = b.quoteVolume;
    c.tradeCount = b.tradeCount;
    c.firstTradeId = b.firstTradeId;
    c.lastTradeId = b.lastTradeId;
    return c;
  }
}
