package dev.exchange.bench.jobs;

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
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Command → trade latency of the running matching job at a fixed rate, on a real broker. Every
 * other command crosses the one before it, so half the commands make a trade. Each command is
 * stamped with its <em>scheduled</em> send time and a trade carries its taker's command time, so a
 * stalled producer or job shows up as latency (coordinated omission accounted for). The sender
 * parks between sends (a spinning sender would take one of the machine's two cores from the job).
 *
 * <p>Sending starts once the four listings have come out of the job (a job that is RUNNING may
 * still be opening RocksDB and its producers), and the first {@code warmup} seconds are sent but
 * not counted (JIT, the first transactions, the source's first fetches). Three consumers measure,
 * all with {@code fetch.max.wait.ms=1}: {@code read_uncommitted} trades (what the WebSocket relay
 * sees), {@code read_committed} trades (what history and job-to-job consumers see; bounded below by
 * the checkpoint interval), and the command topic itself (the producer → broker → consumer share,
 * i.e. what is not the job's). The {@code read_uncommitted} latency is also reported per second so
 * that a start-up backlog or a periodic stall is visible, and {@link CheckpointStats} reports what
 * each checkpoint cost the operators (the synchronous part blocks the matching thread). The job
 * runs as deployed: exactly-once sink, RocksDB and, unless {@code changelog=false}, the changelog
 * state backend.
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp bench/target/test-classes:bench/target/classes:$(cat bench/target/test-cp.txt) \
 *   dev.exchange.bench.jobs.MatchingLatency [rate=2500] [seconds=30] [checkpointMs=1000] [warmup=5] \
 *   [changelog=true]
 * </pre>
 */
public final class MatchingLatency {

  private static final long MAX_MS = 60_000;
  private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT");

  private MatchingLatency() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2500;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    long checkpointMs = args.length > 2 ? Long.parseLong(args[2]) : 1000;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    boolean changelog = args.length <= 4 || Boolean.parseBoolean(args[4]);
    try (KafkaBroker kafka =
        KafkaBroker.start(Path.of("target", "bench", "latency-" + System.nanoTime()))) {
      TopicNames topics = new TopicNames("lat.");
      KafkaIo.createTopics(kafka, topics);
      Configuration conf = JobConfig.exchangeDefaults(Duration.ofMillis(checkpointMs));
      conf.set(CoreOptions.TMP_DIRS, Path.of("target", "bench", "tmp").toAbsolutePath().toString());
      if (changelog) {
        JobConfig.withStateChangelog(conf, Duration.ofMinutes(10));
        JobConfig.changelogStorage(
            conf, Path.of("target", "bench", "changelog").toAbsolutePath().toUri().toString());
      }
      int restPort = freePort();
      conf.set(RestOptions.PORT, restPort);
      conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 1000);
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
      env.setParallelism(2);
      MatchingJob.build(
          env,
          MatchingJob.kafkaSource(kafka.connection(), topics.orders(), false),
          KafkaOut.exactlyOnce(kafka.connection(), "lat-matching"),
          topics,
          MatchingJob.DEFAULT_SNAPSHOT_INTERVAL,
          true);
      JobClient job = env.executeAsync("matching latency");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> job.getJobStatus().get() == JobStatus.RUNNING);
      // RUNNING is not ready: tasks still open RocksDB and their producers, sources get their
      // splits. The clock starts once the listings went all the way through the job.
      list(kafka, topics.orders());
      awaitRecords(kafka, topics.instruments(), SYMBOLS.size());

      long origin = System.currentTimeMillis() + 1000;
      long measureFrom = origin + warmup * 1000L;
      Latencies uncommitted = new Latencies(origin, measureFrom, warmup + seconds);
      Latencies committed = new Latencies(origin, measureFrom, warmup + seconds);
      Latencies commands = new Latencies(origin, measureFrom, warmup + seconds);
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> readers =
          List.of(
              read(kafka, topics.trades(), "read_uncommitted", running, tradeTime(uncommitted)),
              read(kafka, topics.trades(), "read_committed", running, tradeTime(committed)),
              read(
                  kafka,
                  topics.orders(),
                  "read_uncommitted",
                  running,
                  r -> commands.record(r.timestamp(), System.currentTimeMillis())));
      long trades = drive(kafka, topics.orders(), rate, origin, warmup + seconds);
      long measured = (long) rate * seconds / 2;
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> uncommitted.measured() >= measured && committed.measured() >= measured);
      } catch (ConditionTimeoutException e) {
        System.out.println("not every trade arrived within 30 s; reporting what did");
      }
      running.set(false);
      for (Thread t : readers) {
        t.join();
      }
      CheckpointStats.report(restPort, job.getJobID().toString(), measureFrom);
      job.cancel().get();
      System.out.printf(
          "RESULT rate=%d/s seconds=%d warmup=%d checkpointMs=%d trades=%d measured=%d%n",
          rate, seconds, warmup, checkpointMs, trades, measured);
      uncommitted.report("trades read_uncommitted");
      committed.report("trades read_committed");
      commands.report("commands (no job)");
      uncommitted.reportPerSecond("trades read_uncommitted");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Consumer<ConsumerRecord<byte[], byte[]>> tradeTime(Latencies latencies) {
    return r ->
        latencies.record(
            EventSerde.decode(r.value(), Trade.class).getTime(), System.currentTimeMillis());
  }

  /** Latencies by the second they were scheduled in; only those after the warm-up count. */
  private static final class Latencies {
    private final long origin;
    private final long measureFrom;
    private final Histogram all = new Histogram(MAX_MS, 3);
    private final Histogram[] perSecond;

    Latencies(long origin, long measureFrom, int seconds) {
      this.origin = origin;
      this.measureFrom = measureFrom;
      this.perSecond = new Histogram[seconds + 1];
      for (int i = 0; i < perSecond.length; i++) {
        perSecond[i] = new Histogram(MAX_MS, 3);
      }
    }

    synchronized void record(long scheduled, long received) {
      if (scheduled < origin) {
        return;
      }
      long latency = Math.max(0, Math.min(MAX_MS, received - scheduled));
      int second = (int) Math.min(perSecond.length - 1, (scheduled - origin) / 1000);
      perSecond[second].recordValue(latency);
      if (scheduled >= measureFrom) {
        all.recordValue(latency);
      }
    }

    synchronized long measured() {
      return all.getTotalCount();
    }

    synchronized void report(String name) {
      System.out.printf(
          "RESULT %s count=%d p50=%dms p90=%dms p99=%dms p99.9=%dms max=%dms%n",
          name,
          all.getTotalCount(),
          all.getValueAtPercentile(50),
          all.getValueAtPercentile(90),
          all.getValueAtPercentile(99),
          all.getValueAtPercentile(99.9),
          all.getMaxValue());
    }

    synchronized void reportPerSecond(String name) {
      System.out.println("per second, " + name + " (warm-up seconds marked *):");
      for (int i = 0; i < perSecond.length; i++) {
        Histogram h = perSecond[i];
        if (h.getTotalCount() == 0) {
          continue;
        }
        System.out.printf(
            "  %3d%s count=%d p50=%dms p99=%dms max=%dms%n",
            i,
            origin + i * 1000L < measureFrom ? "*" : " ",
            h.getTotalCount(),
            h.getValueAtPercentile(50),
            h.getValueAtPercentile(99),
            h.getMaxValue());
      }
    }
  }

  private static void list(KafkaBroker kafka, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String s : SYMBOLS) {
        send(
            producer,
            topic,
            new OrderCommand(
                "l-" + s,
                s,
                "admin",
                System.currentTimeMillis(),
                0L,
                0L,
                new ListInstrument(
                    s.substring(0, 3),
                    "USDT",
                    2,
                    4,
                    new InstrumentFilters(1L, 1L, 1L, 1_000_000_000L, 0L, 100_000, 0, 0, 0, 0),
                    0,
                    0,
                    0,
                    0)));
      }
    }
  }

  /** Waits until {@code topic} holds {@code count} records, committed or not. */
  private static void awaitRecords(KafkaBroker kafka, String topic, int count) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, topic, "read_uncommitted")) {
      int[] seen = {0};
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> {
                seen[0] += consumer.poll(Duration.ofMillis(100)).count();
                return seen[0] >= count;
              });
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(
      KafkaBroker kafka, String topic, String isolation) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                1),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : consumer.partitionsFor(topic)) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /**
   * Sends commands at a fixed rate from {@code origin} (wall clock) on; returns how many trades
   * they make.
   */
  private static long drive(KafkaBroker kafka, String topic, int rate, long origin, int seconds)
      throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      long total = (long) rate * seconds;
      long originNanos = System.nanoTime() + (origin - System.currentTimeMillis()) * 1_000_000L;
      for (long i = 0; i < total; i++) {
        long offset = i * 1_000_000_000L / rate;
        long wait = originNanos + offset - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        long scheduledMs = origin + offset / 1_000_000;
        String symbol = SYMBOLS.get((int) ((i / 2) % SYMBOLS.size()));
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
                0L,
                0L,
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
                    SelfTradePrevention.NONE,
                    null,
                    null)));
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

  private static Thread read(
      KafkaBroker kafka,
      String topic,
      String isolation,
      AtomicBoolean running,
      Consumer<ConsumerRecord<byte[], byte[]>> onRecord) {
    Thread t =
        new Thread(
            () -> {
              try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, topic, isolation)) {
                while (running.get()) {
                  for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    onRecord.accept(r);
                  }
                }
              }
            },
            "measure-" + topic + "-" + isolation);
    t.start();
    return t;
  }
}
