package dev.exchange.jobs.marketdata;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link MarketDataProcessor} over in-memory state, one symbol state and minute store per key: what
 * the job computes when no watermark closes anything (buckets close on the next trade only).
 */
final class Harness {

  final TopicNames topics;
  final MarketDataProcessor processor;
  final Map<String, MarketState> states = new HashMap<>();
  final Map<String, InMemoryMinuteStore> stores = new HashMap<>();
  final List<Long> timers = new ArrayList<>();
  final List<OutRecord> out = new ArrayList<>();

  /** The reason codes the processor counted, in order (the job's {@code deadLetters} metric). */
  final List<String> deadLetterReasons = new ArrayList<>();

  private long offset;

  Harness(TopicNames topics) {
    this.topics = topics;
    this.processor = new MarketDataProcessor(topics, deadLetterReasons::add);
  }

  Harness trades(List<Trade> trades) {
    for (Trade t : trades) {
      record(t.getSymbol(), EventSerde.encode(t), t.getTime());
    }
    return this;
  }

  Harness trade(Trade t) {
    return trades(List.of(t));
  }

  Harness record(String key, byte[] value, long timestamp) {
    RawRecord e = new RawRecord(key, value, topics.trades(), 0, offset++, timestamp);
    MarketState next =
        processor.process(
            e,
            states.get(key),
            stores.computeIfAbsent(key, k -> new InMemoryMinuteStore()),
            timers::add,
            out::add);
    if (next != null) {
      states.put(key, next);
    }
    return this;
  }

  Harness close(String symbol, long time) {
    processor.close(symbol, states.get(symbol), time, out::add);
    return this;
  }

  <T extends org.apache.avro.specific.SpecificRecord> List<T> decoded(String topic, Class<T> type) {
    List<T> list = new ArrayList<>();
    for (OutRecord r : out) {
      if (r.topic.equals(topic)) {
        list.add(EventSerde.decode(r.value, type));
      }
    }
    return list;
  }
}
