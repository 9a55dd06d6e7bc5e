package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.KafkaIo;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of a clean, failure-free run, computed without Flink or Kafka: the same {@link
 * CommandProcessor} over in-memory books, one per symbol, fed each symbol's records in offset
 * order. Since matching is deterministic, a correct exactly-once job must produce exactly these.
 */
final class Expected {

  private final CommandProcessor processor;
  private final InMemoryBooks books;
  private final Map<String, List<String>> outputs = new LinkedHashMap<>();

  Expected(TopicNames topics, int snapshotInterval) {
    this.processor = new CommandProcessor(topics);
    this.books = new InMemoryBooks(snapshotInterval);
  }

  /** Applies records; records of one key must come in offset order. */
  Expected apply(List<RawRecord> records) {
    for (RawRecord e : records) {
      processor.process(e, books, r -> add(outputs, r));
    }
    return this;
  }

  /** Records in the form of {@link #outputs}: hex values per topic and key, in emission order. */
  static Map<String, List<String>> grouped(Iterable<OutRecord> records) {
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    records.forEach(r -> add(grouped, r));
    return grouped;
  }

  private static void add(Map<String, List<String>> outputs, OutRecord r) {
    outputs
        .computeIfAbsent(KafkaIo.group(r.topic, r.key, r.value), k -> new ArrayList<>())
        .add(HexFormat.of().formatHex(r.value));
  }

  Map<String, List<String>> outputs() {
    return outputs;
  }

  /** The outputs minus the first {@code done.get(k).size()} of each key: what comes after. */
  static Map<String, List<String>> after(
      Map<String, List<String>> all, Map<String, List<String>> done) {
    Map<String, List<String>> rest = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          int skip = done.getOrDefault(k, List.of()).size();
          if (v.size() > skip) {
            rest.put(k, new ArrayList<>(v.subList(skip, v.size())));
          }
        });
    return rest;
  }

  /**
   * Human-readable differences between what consumers saw and what a clean run gives: per topic and
   * key, the counts and the first differing record, decoded. Empty when equal.
   */
  static List<String> differences(
      Map<String, List<String>> actual, Map<String, List<String>> expected) {
    List<String> out = new ArrayList<>();
    java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      List<String> a = actual.getOrDefault(key, List.of());
      List<String> e = expected.getOrDefault(key, List.of());
      if (a.equals(e)) {
        continue;
      }
      int i = 0;
      while (i < a.size() && i < e.size() && a.get(i).equals(e.get(i))) {
        i++;
      }
      out.add(
          key
              + ": expected "
              + e.size()
              + " records, got "
              + a.size()
              + "; first difference at #"
              + i
              + ": expected "
              + (i < e.size() ? decode(e.get(i)) : "nothing")
              + " but got "
              + (i < a.size() ? decode(a.get(i)) : "nothing"));
    }
    return out;
  }

  private static String decode(String hex) {
    return dev.exchange.model.EventSerde.decodeAny(HexFormat.of().parseHex(hex)).toString();
  }

  static int count(Map<String, List<String>> outputs) {
    return outputs.values().stream().mapToInt(List::size).sum();
  }
}
