package dev.exchange.jobs.bench;

import static org.awaitility.Awaitility.await;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.matching.MatchingJob;
import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Command → trade latency of the running matching job at a fixed rate, on a real broker. Every
 * other command crosses the one before it, so half the commands make a trade. Each command is
 * stamped with its <em>scheduled</em> send time and a trade carries its taker's command time, so a
 * stalled producer or job shows up as latency (coordinated omission accounted for). Two consumers
 * measure: {@code read_uncommitted} (what the WebSocket relay sees) and {@code read_committed}
 * (what history and job-to-job consumers see; bounded below by the checkpoint interval).
 *
 * <pre>
 * java -cp flink-jobs/target/test-classes:flink-jobs/target/classes:$(cat flink-jobs/target/cp.txt) \
 *   dev.exchange.jobs.bench.MatchingLatency [rate=2500] [seconds=30] [checkpointMs=1000]
 * </pre>
 */
public final class MatchingLatency {

  private MatchingLatency() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2500;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    long checkpointMs = args.length > 2 ? Long.parseLong(args[2]) : 1000;
    try (KafkaBroker kafka =
        KafkaBroker.start(Path.of("target", "bench", "latency-" + System.nanoTime()))) {
      TopicNames topics = new TopicNames("lat.");
      KafkaIo.createTopics(kafka, topics);
      Configuration conf = JobConfig.exchangeDefaults(Duration.ofMillis(checkpointMs));
      conf.set(CoreOptions.TMP_DIRS, Path.of("target", "bench", "tmp").toAbsolutePath().toString());
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
      MatchingJob.build(
          env,
          MatchingJob.kafkaSource(kafka.bootstrapServers(), topics.orders(), false),
          KafkaOut.exactlyOnce(kafka.bootstrapServers(), "lat-matching"),
          topics,
          MatchingJob.DEFAULT_SNAPSHOT_INTERVAL);
      JobClient job = env.executeAsync("matching latency");
      Histogram uncommitted = new Histogram(60_000, 3);
      Histogram committed = new Histogram(60_000, 3);
      AtomicBoolean running = new AtomicBoolean(true);
      Thread a = measure(kafka, topics.trades(), "read_uncommitted", uncommitted, running);
      Thread b = measure(kafka, topics.trades(), "read_committed", committed, running);
      long trades = drive(kafka, topics.orders(), rate, seconds);
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> uncommitted.getTotalCount() >= trades && committed.getTotalCount() >= trades);
      } catch (ConditionTimeoutException e) {
        System.out.println("not every trade arrived within 30 s; reporting what did");
      }
      running.set(false);
      a.join();
      b.join();
      job.cancel().get();
      System.out.printf(
          "RESULT rate=%d/s seconds=%d checkpointMs=%d trades=%d%n",
          rate, seconds, checkpointMs, trades);
      report("read_uncommitted", uncommitted);
      report("read_committed", committed);
    }
  }

  private static void report(String name, Histogram h) {
    System.out.printf(
        "RESULT %s count=%d p50=%dms p90=%dms p99=%dms p99.9=%dms max=%dms%n",
        name,
        h.getTotalCount(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(90),
        h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9),
        h.getMaxValue());
  }

  /** Sends commands at a fixed rate; returns how many trades they make. */
  private static long drive(KafkaBroker kafka, String topic, int rate, int seconds)
      throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    List<String> symbols = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      long start = System.currentTimeMillis();
      for (String s : symbols) {
        send(
            producer,
            topic,
            new OrderCommand(
                "l-" + s,
                s,
                "admin",
                start,
                new ListInstrument(
                    s.substring(0, 3),
                    "USDT",
                    2,
                    4,
                    new InstrumentFilters(1L, 1L, 1L, 1_000_000_000L, 0L, 100_000))));
      }
      long total = (long) rate * seconds;
      long startNanos = System.nanoTime();
      for (long i = 0; i < total; i++) {
        long due = startNanos + i * 1_000_000_000L / rate;
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
        long scheduledMs = start + (due - startNanos) / 1_000_000;
        String symbol = symbols.get((int) ((i / 2) % symbols.size()));
        Side side = i % 2 == 0 ? Side.SELL : Side.BUY;
        String id = "o" + i;
        send(
            producer,
            topic,
            new OrderCommand(
                "c" + i,
                symbol,
                "acct-" + (i % 2),
                scheduledMs,
                new NewOrder(
                    id,
                    id,
                    side,
                    OrderType.LIMIT,
                    TimeInForce.GTC,
                    1_000_000L,
                    10L,
                    null,
                    2,
                    4,
                    SelfTradePrevention.NONE)));
      }
      producer.flush();
      return total / 2;
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, OrderCommand c) {
    producer.send(
        new ProducerRecord<>(
            topic,
            null,
            c.getTimestamp(),
            c.getSymbol().getBytes(StandardCharsets.UTF_8),
            EventSerde.encode(c)));
  }

  private static Thread measure(
      KafkaBroker kafka,
      String topic,
      String isolation,
      Histogram histogram,
      AtomicBoolean running) {
    Thread t =
        new Thread(
            () -> {
              try (KafkaConsumer<byte[], byte[]> consumer =
                  new KafkaConsumer<>(
                      Map.of(
                          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                          kafka.bootstrapServers(),
                          ConsumerConfig.GROUP_ID_CONFIG,
                          "lat-" + isolation,
                          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                          "earliest",
                          ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                          isolation,
                          ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                          5),
                      new ByteArrayDeserializer(),
                      new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (running.get()) {
                  for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    Trade trade = EventSerde.decode(r.value(), Trade.class);
                    histogram.recordValue(Math.max(0, Math.min(60_000, now - trade.getTime())));
                  }
                }
              }
            },
            "measure-" + isolation);
    t.start();
    return t;
  }
}
