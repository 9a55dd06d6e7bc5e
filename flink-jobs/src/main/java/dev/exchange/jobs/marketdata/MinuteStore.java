package dev.exchange.jobs.marketdata;

import java.util.Map;

/**
 * The ticker's finished minutes of one symbol, keyed by minute open time. Backed by RocksDB
 * MapState in the job and by a map in tests. Iteration order is unspecified: nothing that reaches
 * an output may depend on it.
 */
public interface MinuteStore {

  void put(long openTime, MinuteBucket bucket);

  void remove(long openTime);

  Iterable<Map.Entry<Long, MinuteBucket>> entries();
}
