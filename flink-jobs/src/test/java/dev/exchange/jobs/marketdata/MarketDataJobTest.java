package dev.exchange.jobs.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.FlinkMiniCluster;
import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The market-data job on a Flink MiniCluster against the real Kafka broker, compared with the
 * candles and tickers recomputed from the trades without the job's code ({@link Recompute}).
 *
 * <p>What is compared: tickers record by record (one per trade, in trade order per symbol); per
 * candle bucket, its updates record by record and its closed record. When a bucket closes on a
 * timer depends on watermark timing, so the position of a closed record among other buckets'
 * records is not compared; which buckets must be closed is derived from the partitions' last
 * timestamps (below).
 */
@ExtendWith(LocalServicesExtension.class)
class MarketDataJobTest {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

  private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration OUT_OF_ORDERNESS = Duration.ofMillis(200);
  private static final Duration IDLENESS = Duration.ofSeconds(3);

  /**
   * SOLUSDT goes quiet half-way. It shares partition 1 with ETHUSDT (murmur2 of the keys, 4
   * partitions), so the watermark passes its last candles once the two empty partitions are idle.
   */
  private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");

  @Test
  void candlesAndTickersEqualARecomputationAndAQuietSymbolsCandlesClose(KafkaBroker kafka)
      throws Exception {
    TopicNames topics = new TopicNames("md.");
    KafkaIo.createTopics(kafka, topics);
    List<Trade> log = TradeLog.generate(17, 3000, SYMBOLS, 1500);
    List<KafkaIo.Entry> entries = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      Trade t = log.get(i);
      entries.add(new KafkaIo.Entry(t.getSymbol(), EventSerde.encode(t), t.getTime()));
      if (i == 100) {
        entries.add(
            new KafkaIo.Entry("BTCUSDT", "poison".getBytes(StandardCharsets.UTF_8), t.getTime()));
      }
      if (i % 500 == 499) { // an upstream replay: the last 20 trades again
        for (Trade r : log.subList(i - 19, i + 1)) {
          entries.add(new KafkaIo.Entry(r.getSymbol(), EventSerde.encode(r), r.getTime()));
        }
      }
    }
    List<RawRecord> sent = KafkaIo.produce(kafka, topics.trades(), entries);

    Expectation expected = new Expectation(topics, log, sent);
    assertThat(expected.timerClosed)
        .as("the quiet symbol's last bucket of every interval must close by watermark")
        .filteredOn(b -> b.symbol().equals("SOLUSDT"))
        .hasSize(Interval.values().length);

    JobClient job = submit(kafka, topics);
    try {
      await()
          .atMost(OUTPUT_TIMEOUT)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(expected.differences(read(kafka, topics))).isEmpty());
    } finally {
      job.cancel().get();
    }
  }

  private static JobClient submit(KafkaBroker kafka, TopicNames topics) throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobConfig.exchangeDefaults(Duration.ofMillis(300)));
    env.setParallelism(2);
    MarketDataJob.build(
        env,
        MarketDataJob.kafkaSource(kafka.connection(), topics.trades()),
        KafkaOut.exactlyOnce(kafka.connection(), topics.prefix() + "market-data"),
        topics,
        MarketDataJob.watermarks(OUT_OF_ORDERNESS, IDLENESS));
    return env.executeAsync("market-data " + topics.prefix());
  }

  private static Map<String, List<String>> read(KafkaBroker kafka, TopicNames topics) {
    return KafkaIo.readCommitted(kafka, List.of(topics.candles(), topics.tickers(), topics.dlq()));
  }

  /** What consumers must eventually see, and what they may never see. */
  private static final class Expectation {
    final TopicNames topics;
    final Map<String, List<String>> tickers = new LinkedHashMap<>();
    final Map<Recompute.Bucket, List<Candle>> updates;
    final Map<Recompute.Bucket, Candle> finals;

    /** Buckets that must be closed: followed by a later trade, or ended before the watermark. */
    final Set<Recompute.Bucket> mustClose = new LinkedHashSet<>();

    /** Of those, the ones only the watermark can close (no later trade of their symbol). */
    final Set<Recompute.Bucket> timerClosed = new LinkedHashSet<>();

    /** Buckets that may not be closed: nothing follows them and no watermark reaches their end. */
    final Set<Recompute.Bucket> mustStayOpen = new LinkedHashSet<>();

    final long poisonOffset;

    Expectation(TopicNames topics, List<Trade> log, List<RawRecord> sent) {
      this.topics = topics;
      Recompute.tickers(log)
          .forEach(
              (symbol, list) ->
                  tickers.put(
                      topics.tickers() + "/" + symbol,
                      list.stream()
                          .map(t -> HexFormat.of().formatHex(EventSerde.encode(t)))
                          .toList()));
      updates = Recompute.updates(log);
      finals = Recompute.candles(log);

      // Each split's watermark ends at (its last timestamp - out-of-orderness - 1). The watermark
      // reaching the function once all is read lies between the lowest of those over partitions
      // with records (which partition goes idle last is timing) and the highest.
      Map<Integer, Long> lastByPartition = new HashMap<>();
      long poison = -1;
      for (RawRecord e : sent) {
        lastByPartition.merge(e.partition, e.timestamp, Math::max);
        if (e.value.length < 10) {
          poison = e.offset;
        }
      }
      poisonOffset = poison;
      long lower = lastByPartition.values().stream().mapToLong(Long::longValue).min().orElseThrow();
      long upper = lastByPartition.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      lower -= OUT_OF_ORDERNESS.toMillis() + 1;
      upper -= OUT_OF_ORDERNESS.toMillis() + 1;

      Map<String, Recompute.Bucket> latest = new LinkedHashMap<>();
      finals.keySet().forEach(b -> latest.put(b.symbol() + "/" + b.interval(), b));
      for (Recompute.Bucket b : finals.keySet()) {
        boolean last = latest.containsValue(b);
        long closeTime = finals.get(b).getCloseTime();
        if (!last || closeTime <= lower) {
          mustClose.add(b);
          if (last) {
            timerClosed.add(b);
          }
        } else if (closeTime > upper) {
          mustStayOpen.add(b);
        }
      }
    }

    /**
     * How {@code actual} (read_committed, grouped by topic/key) differs; empty when it is right.
     */
    List<String> differences(Map<String, List<String>> actual) {
      List<String> out = new ArrayList<>();
      tickers.forEach(
          (key, list) -> {
            List<String> got = actual.getOrDefault(key, List.of());
            if (!got.equals(list)) {
              out.add(key + ": " + got.size() + " tickers, expected " + list.size());
            }
          });

      Map<Recompute.Bucket, List<Candle>> gotUpdates = new LinkedHashMap<>();
      Map<Recompute.Bucket, List<Candle>> gotCloses = new LinkedHashMap<>();
      for (String symbol : SYMBOLS) {
        Map<String, Long> lastOpen = new HashMap<>();
        for (String hex : actual.getOrDefault(topics.candles() + "/" + symbol, List.of())) {
          Candle c = EventSerde.decode(HexFormat.of().parseHex(hex), Candle.class);
          Recompute.Bucket b =
              new Recompute.Bucket(c.getSymbol(), c.getInterval(), c.getOpenTime());
          if (c.getOpenTime() < lastOpen.getOrDefault(c.getInterval(), Long.MIN_VALUE)) {
            out.add(b + ": a record after one of a later bucket");
          }
          lastOpen.put(c.getInterval(), c.getOpenTime());
          if (gotCloses.containsKey(b)) {
            out.add(b + ": a record after its close");
          }
          (c.getClosed() ? gotCloses : gotUpdates)
              .computeIfAbsent(b, k -> new ArrayList<>())
              .add(c);
        }
      }
      for (Map.Entry<Recompute.Bucket, List<Candle>> e : updates.entrySet()) {
        List<Candle> got = gotUpdates.getOrDefault(e.getKey(), List.of());
        if (!got.equals(e.getValue())) {
          out.add(e.getKey() + ": " + got.size() + " updates, expected " + e.getValue().size());
        }
      }
      if (!updates.keySet().containsAll(gotUpdates.keySet())) {
        out.add("updates of buckets that have no trades");
      }
      for (Map.Entry<Recompute.Bucket, List<Candle>> e : gotCloses.entrySet()) {
        Candle expected = Candle.newBuilder(finals.get(e.getKey())).setClosed(true).build();
        if (!e.getValue().equals(List.of(expected))) {
          out.add(e.getKey() + ": closed " + e.getValue() + ", expected " + expected);
        }
        if (mustStayOpen.contains(e.getKey())) {
          out.add(e.getKey() + ": closed although no watermark reaches its end");
        }
      }
      for (Recompute.Bucket b : mustClose) {
        if (!gotCloses.containsKey(b)) {
          out.add(b + ": not closed yet");
        }
      }

      List<String> dead = actual.getOrDefault(topics.dlq() + "/BTCUSDT", List.of());
      if (dead.size() != 1) {
        out.add("dead letters: " + dead.size() + ", expected the one poison record");
      } else {
        DeadLetter d = EventSerde.decode(HexFormat.of().parseHex(dead.get(0)), DeadLetter.class);
        if (!d.getReasonCode().equals(MarketDataProcessor.MALFORMED_TRADE)
            || d.getOffset() != poisonOffset
            || !d.getJob().equals("market-data")) {
          out.add("dead letter " + d);
        }
      }
      actual.keySet().stream()
          .filter(k -> k.startsWith(topics.dlq()) && !k.equals(topics.dlq() + "/BTCUSDT"))
          .forEach(k -> out.add("unexpected dead letters under " + k));
      return out;
    }
  }
}
