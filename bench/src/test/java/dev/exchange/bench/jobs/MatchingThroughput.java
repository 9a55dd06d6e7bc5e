package dev.exchange.bench.jobs;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.matching.MatchingJob;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sustained throughput of the matching job (RocksDB, exactly-once Kafka sink, parallelism 2)
 * against an exactly-once pass-through job over the same records, in the same run, on a real
 * broker. Both read the same pre-filled topic with a bounded source; the rate is records over the
 * wall time from submission to the final committed checkpoint. Both run with the job settings
 * ({@link JobConfig}, object reuse) and, unless {@code changelog=false}, the changelog state
 * backend the matching job is deployed with.
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -Xmx3g -cp bench/target/test-classes:bench/target/classes:$(cat bench/target/test-cp.txt) \
 *   dev.exchange.bench.jobs.MatchingThroughput [commands=1000000] [symbols=16] [changelog=true]
 * </pre>
 */
public final class MatchingThroughput {

  private MatchingThroughput() {}

  public static void main(String[] args) throws Exception {
    int commands = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int symbols = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    boolean changelog = args.length <= 2 || Boolean.parseBoolean(args[2]);
    Path dir = Path.of("target", "bench").toAbsolutePath();
    try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka-" + System.nanoTime()))) {
      TopicNames topics = new TopicNames("bench.");
      List<NewTopic> list = new ArrayList<>();
      for (Topics.TopicSpec spec : Topics.ALL) {
        list.add(
            new NewTopic(topics.name(spec.name()), 4, (short) 1)
                .configs(Map.of("cleanup.policy", "delete", "retention.ms", "-1")));
      }
      list.add(
          new NewTopic("bench.passthrough", 4, (short) 1).configs(Map.of("retention.ms", "-1")));
      try (var admin = kafka.admin()) {
        admin.createTopics(list).all().get();
      }
      long produceStart = System.nanoTime();
      fill(kafka, topics.orders(), commands, symbols);
      System.out.printf(
          "produced %,d commands for %d symbols in %.1f s%n",
          commands, symbols, (System.nanoTime() - produceStart) / 1e9);

      double passThrough = run(kafka, topics, true, changelog);
      double matching = run(kafka, topics, false, changelog);
      System.out.printf(
          "RESULT commands=%d symbols=%d changelog=%b passThrough=%.0f/s matching=%.0f/s"
              + " ratio=%.2f%n",
          commands,
          symbols,
          changelog,
          commands / passThrough,
          commands / matching,
          passThrough / matching);
    }
  }

  /** Runs one job over the whole topic and returns its wall time in seconds. */
  private static double run(
      KafkaBroker kafka, TopicNames topics, boolean passThrough, boolean changelog)
      throws Exception {
    Configuration conf = JobConfig.exchangeDefaults(Duration.ofSeconds(1));
    if (changelog) {
      JobConfig.withStateChangelog(conf, Duration.ofMinutes(10));
      JobConfig.changelogStorage(
          conf, Path.of("target", "bench", "changelog").toAbsolutePath().toUri().toString());
    }
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(256));
    conf.set(CoreOptions.TMP_DIRS, Path.of("target", "bench", "tmp").toAbsolutePath().toString());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    var source = MatchingJob.kafkaSource(kafka.connection(), topics.orders(), true);
    if (passThrough) {
      env.getConfig().enableObjectReuse();
      env.fromSource(source, WatermarkStrategy.noWatermarks(), "orders")
          .keyBy(e -> e.symbol)
          .map(MatchingThroughput::forward)
          .sinkTo(KafkaOut.exactlyOnce(kafka.connection(), "bench-passthrough"));
    } else {
      MatchingJob.build(
          env,
          source,
          KafkaOut.exactlyOnce(kafka.connection(), "bench-matching"),
          topics,
          MatchingJob.DEFAULT_SNAPSHOT_INTERVAL,
          true);
    }
    long start = System.nanoTime();
    env.execute(passThrough ? "pass-through" : "matching");
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s: %.1f s%n", passThrough ? "pass-through" : "matching", seconds);
    return seconds;
  }

  private static OutRecord forward(RawRecord e) {
    return new OutRecord(
        "bench.passthrough", e.symbol.getBytes(StandardCharsets.UTF_8), e.value, e.timestamp);
  }

  /** About 55% passive limits, 30% cancels, 15% crossing IOC/market orders per symbol. */
  private static void fill(KafkaBroker kafka, String topic, int commands, int symbols)
      throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    SplittableRandom random = new SplittableRandom(7);
    long time = 1_767_225_600_000L;
    List<List<String>> open = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int s = 0; s < symbols; s++) {
        open.add(new ArrayList<>());
        send(
            producer,
            topic,
            new OrderCommand(
                "l" + s,
                symbol(s),
                "admin",
                time,
                0L,
                0L,
                new ListInstrument(
                    "S" + s,
                    "USDT",
                    2,
                    4,
                    new InstrumentFilters(1L, 1L, 1L, 1_000_000_000L, 0L, 100_000, 0, 0, 0, 0),
                    0,
                    0,
                    0,
                    0)));
      }
      for (int i = 0; i < commands - symbols; i++) {
        int s = random.nextInt(symbols);
        List<String> mine = open.get(s);
        int kind = random.nextInt(100);
        String account = "a" + random.nextInt(100);
        Object payload;
        if (kind < 55 || mine.size() < 200) {
          Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
          long offset = 1 + random.nextInt(200);
          String id = "o" + i;
          mine.add(id + "|" + account);
          payload =
              new NewOrder(
                  id,
                  id,
                  side,
                  OrderType.LIMIT,
                  TimeInForce.GTC,
                  side == Side.BUY ? 1_000_000 - offset : 1_000_000 + offset,
                  (long) (1 + random.nextInt(100)),
                  null,
                  2,
                  4,
                  SelfTradePrevention.NONE,
                  null,
                  null);
        } else if (kind < 85) {
          String[] victim = mine.remove(random.nextInt(mine.size())).split("\\|");
          account = victim[1];
          payload = new CancelOrder(victim[0], null);
        } else {
          Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
          payload =
              new NewOrder(
                  "t" + i,
                  "t" + i,
                  side,
                  OrderType.MARKET,
                  TimeInForce.IOC,
                  null,
                  (long) (1 + random.nextInt(300)),
                  null,
                  2,
                  4,
                  SelfTradePrevention.NONE,
                  null,
                  null);
        }
        send(
            producer,
            topic,
            new OrderCommand("c" + i, symbol(s), account, time + i / 100, 0L, 0L, payload));
      }
      producer.flush();
    }
  }

  private static String symbol(int s) {
    return "SYM" + s + "USDT";
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
}
