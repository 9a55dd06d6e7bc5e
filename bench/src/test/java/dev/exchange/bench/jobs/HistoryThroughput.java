package dev.exchange.bench.jobs;

import static org.awaitility.Awaitility.await;

import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.RawRecordDeserializer;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.history.ColdTierCheck;
import dev.exchange.jobs.history.HistoryDb;
import dev.exchange.jobs.history.HistoryJob;
import dev.exchange.jobs.history.HistorySchema;
import dev.exchange.jobs.history.Partitions;
import dev.exchange.jobs.history.PostgresHistorySink;
import dev.exchange.jobs.lakehouse.LakehouseJob;
import dev.exchange.lakehouse.LakehouseCatalog;
import dev.exchange.lakehouse.LakehouseTables;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Rows per second of the history job into PostgreSQL and of the lakehouse job into Iceberg (JDBC
 * catalog + S3 server), both exactly-once with 1 s checkpoints at parallelism 2, over the same
 * pre-filled trades topic with a bounded source (records over the wall time from submission to the
 * final committed checkpoint); then the end-to-end lag trade → visible row, with both jobs
 * unbounded and trades produced at a fixed rate, each trade's time being its send time.
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -Xmx3g --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
 *   --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
 *   -cp bench/target/test-classes:bench/target/classes:$(cat bench/target/test-cp.txt) \
 *   dev.exchange.bench.jobs.HistoryThroughput [trades=500000] [lagRate=2000] [lagSeconds=20]
 * </pre>
 *
 * trades=0 skips the throughput part. The lag part runs both jobs at once (as in production), so a
 * rate above what the two together sustain on the machine measures queueing, not latency.
 */
public final class HistoryThroughput {

  private static final int SYMBOLS = 16;

  private HistoryThroughput() {}

  public static void main(String[] args) throws Exception {
    int trades = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int lagRate = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int lagSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path dir = Path.of("target", "bench", "history-" + System.nanoTime()).toAbsolutePath();
    try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"));
        PostgresServer pg = PostgresServer.start(dir.resolve("postgres"));
        S3Server s3 = S3Server.start(dir.resolve("s3"))) {
      TopicNames bulk = new TopicNames("bulk.");
      TopicNames live = new TopicNames("live.");
      TopicNames empty = new TopicNames("empty.");
      createTopics(kafka, bulk);
      createTopics(kafka, live);
      createTopics(kafka, empty);
      long produceStart = System.nanoTime();
      try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
        SplittableRandom random = new SplittableRandom(7);
        long[] ids = new long[SYMBOLS];
        long time = System.currentTimeMillis() - 3_600_000L;
        for (int i = 0; i < trades; i++) {
          int s = random.nextInt(SYMBOLS);
          send(producer, bulk.trades(), trade(s, ++ids[s], time + i / 100, random));
        }
      }
      System.out.printf(
          "produced %,d trades in %.1f s%n", trades, (System.nanoTime() - produceStart) / 1e9);

      pg.createDatabase("history");
      HistoryDb db = new HistoryDb(pg.jdbcUrl("history"), pg.user(), pg.password());
      Partitions partitions = new Partitions(Clock.systemUTC(), 30, ColdTierCheck.NONE);
      HistorySchema.migrate(db, partitions);
      pg.createDatabase("lake");
      s3.createBucket("lake");
      Map<String, String> lake =
          LakehouseCatalog.localProperties(
              pg.jdbcUrl("lake"),
              pg.user(),
              pg.password(),
              "lake",
              s3.endpoint(),
              s3.accessKey(),
              s3.secretKey());
      Catalog catalog = LakehouseCatalog.load(lake);
      LakehouseCatalog.createTablesIfMissing(catalog);

      if (trades > 0) {
        // The fixed cost of a run (local cluster start, source split discovery, final
        // checkpoint), measured on empty topics, is reported and subtracted for the net rate.
        double pgOverhead = runHistory(kafka, empty, db, partitions, true).seconds;
        double lakeOverhead = runLakehouse(kafka, empty, lake, true).seconds;
        double pgSeconds = runHistory(kafka, bulk, db, partitions, true).seconds;
        long pgRows = count(db);
        double lakeSeconds = runLakehouse(kafka, bulk, lake, true).seconds;
        Table table = catalog.loadTable(LakehouseTables.TRADES);
        long lakeRows = Long.parseLong(table.currentSnapshot().summary().get("total-records"));
        System.out.printf(
            "RESULT throughput trades=%d postgres=%.0f rows/s (%d rows, %.1f s; net of a %.1f s"
                + " empty run: %.0f rows/s) iceberg=%.0f rows/s (%d rows, %.1f s; net of a %.1f s"
                + " empty run: %.0f rows/s)%n",
            trades,
            pgRows / pgSeconds,
            pgRows,
            pgSeconds,
            pgOverhead,
            pgRows / (pgSeconds - pgOverhead),
            lakeRows / lakeSeconds,
            lakeRows,
            lakeSeconds,
            lakeOverhead,
            lakeRows / (lakeSeconds - lakeOverhead));
      }

      lag(kafka, live, db, partitions, lake, catalog, lagRate, lagSeconds);
      LakehouseCatalog.close(catalog);
    }
  }

  private record Run(JobClient client, double seconds) {}

  private static Run runHistory(
      KafkaBroker kafka, TopicNames topics, HistoryDb db, Partitions partitions, boolean bounded)
      throws Exception {
    StreamExecutionEnvironment env = env(configuration());
    HistoryJob.build(
        env,
        source(kafka, topics, "history-" + topics.prefix(), bounded),
        new PostgresHistorySink(db, topics, partitions),
        KafkaOut.exactlyOnce(kafka.connection(), "bench-history-" + topics.prefix()),
        topics);
    return execute(env, "history", bounded);
  }

  private static Run runLakehouse(
      KafkaBroker kafka, TopicNames topics, Map<String, String> lake, boolean bounded)
      throws Exception {
    StreamExecutionEnvironment env = env(LakehouseJob.config(Duration.ofSeconds(1)));
    LakehouseJob.build(
        env,
        source(kafka, topics, "lakehouse-" + topics.prefix(), bounded),
        LakehouseJob.Tables.of(lake),
        KafkaOut.exactlyOnce(kafka.connection(), "bench-lakehouse-" + topics.prefix()),
        topics,
        null);
    return execute(env, "lakehouse", bounded);
  }

  private static Run execute(StreamExecutionEnvironment env, String name, boolean bounded)
      throws Exception {
    long start = System.nanoTime();
    if (bounded) {
      env.execute(name);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s: %.1f s%n", name, seconds);
      return new Run(null, seconds);
    }
    return new Run(env.executeAsync(name), 0);
  }

  private static Configuration configuration() {
    return dev.exchange.jobs.common.JobConfig.exchangeDefaults(Duration.ofSeconds(1));
  }

  private static StreamExecutionEnvironment env(Configuration conf) {
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(256));
    conf.set(CoreOptions.TMP_DIRS, Path.of("target", "bench", "tmp").toAbsolutePath().toString());
    return StreamExecutionEnvironment.createLocalEnvironment(2, conf);
  }

  /** The jobs' own source settings (read_committed), bounded at the current end if asked. */
  private static Source<RawRecord, ?, ?> source(
      KafkaBroker kafka, TopicNames topics, String group, boolean bounded) {
    var b =
        KafkaSource.<RawRecord>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setTopics(topics.trades(), topics.candles(), topics.orderEvents())
            .setGroupId(group)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new RawRecordDeserializer())
            .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    if (bounded) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b.build();
  }

  /**
   * Both jobs unbounded on the live topics; trades at {@code rate}/s whose time is their send time;
   * a poller per tier records (time seen − trade time) for every new row.
   */
  private static void lag(
      KafkaBroker kafka,
      TopicNames topics,
      HistoryDb db,
      Partitions partitions,
      Map<String, String> lake,
      Catalog catalog,
      int rate,
      int seconds)
      throws Exception {
    JobClient history = runHistory(kafka, topics, db, partitions, false).client;
    JobClient lakehouse = runLakehouse(kafka, topics, lake, false).client;
    Histogram pgLag = new Histogram(3_600_000L, 3);
    Histogram lakeLag = new Histogram(3_600_000L, 3);
    int total = rate * seconds;
    warmUp(kafka, topics, db, catalog);
    Thread producerThread =
        new Thread(
            () -> {
              try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
                SplittableRandom random = new SplittableRandom(11);
                long[] ids = new long[SYMBOLS];
                for (int i = 0; i < SYMBOLS; i++) {
                  ids[i] = 10_000_000L;
                }
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                  long due = start + (long) i * 1_000_000_000L / rate;
                  while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                  }
                  int s = random.nextInt(SYMBOLS);
                  send(
                      producer,
                      topics.trades(),
                      trade(s, ++ids[s], System.currentTimeMillis(), random));
                }
              }
            },
            "lag-producer");
    producerThread.start();
    Table table = catalog.loadTable(LakehouseTables.TRADES);
    long seenPg;
    long seenLake;
    try (Connection c = db.connect()) {
      LagReader reader = new LagReader(c, table, pgLag, lakeLag);
      try {
        // 20 ms between reads: the measuring reader's resolution (adds up to 20 ms to each lag).
        await()
            .atMost(Duration.ofSeconds(seconds + 120L))
            .pollInSameThread()
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(20))
            .until(() -> reader.read() >= total && reader.seenLake >= total);
      } catch (ConditionTimeoutException e) {
        System.out.println("not every trade arrived in both tiers in time; reporting what did");
      }
      seenPg = reader.seenPg;
      seenLake = reader.seenLake;
    } finally {
      producerThread.join();
      history.cancel().get();
      lakehouse.cancel().get();
    }
    System.out.printf(
        "RESULT lag rate=%d/s seconds=%d postgres rows=%d p50=%d ms p99=%d ms max=%d ms;"
            + " iceberg rows=%d p50=%d ms p99=%d ms max=%d ms (checkpoint interval 1 s)%n",
        rate,
        seconds,
        seenPg,
        pgLag.getValueAtPercentile(50),
        pgLag.getValueAtPercentile(99),
        pgLag.getMaxValue(),
        seenLake,
        lakeLag.getValueAtPercentile(50),
        lakeLag.getValueAtPercentile(99),
        lakeLag.getMaxValue());
  }

  /**
   * One trade per symbol (ids below the measured ones), then waits until both tiers show them: the
   * jobs are running and past their first commit, so start-up does not count as lag.
   */
  private static void warmUp(KafkaBroker kafka, TopicNames topics, HistoryDb db, Catalog catalog)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      SplittableRandom random = new SplittableRandom(3);
      for (int s = 0; s < SYMBOLS; s++) {
        send(producer, topics.trades(), trade(s, 9_000_000L, System.currentTimeMillis(), random));
      }
    }
    Table table = catalog.loadTable(LakehouseTables.TRADES);
    Awaitility.await("warm-up rows visible in PostgreSQL and Iceberg")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              long pg;
              try (Connection c = db.connect();
                  Statement st = c.createStatement();
                  ResultSet rs =
                      st.executeQuery(
                          "select count(*) from trades where trade_id = 9000000 and time > now() - interval"
                              + " '10 minutes'")) {
                rs.next();
                pg = rs.getLong(1);
              }
              table.refresh();
              long lake = 0;
              if (table.currentSnapshot() != null) {
                try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(table)
                        .where(
                            org.apache.iceberg.expressions.Expressions.equal(
                                "trade_id", 9_000_000L))
                        .build()) {
                  for (Record ignored : rows) {
                    lake++;
                  }
                }
              }
              return pg == SYMBOLS && lake == SYMBOLS;
            });
    System.out.println("warm-up rows visible in both tiers");
  }

  private static long count(HistoryDb db) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from trades")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Trade trade(int s, long id, long time, SplittableRandom random) {
    long price = 1_000_000 + random.nextInt(100_000);
    long quantity = 1 + random.nextInt(100_000_000);
    return new Trade(
        symbol(s),
        id,
        price,
        quantity,
        price * quantity,
        2,
        8,
        random.nextBoolean() ? Side.BUY : Side.SELL,
        "m" + id,
        "t" + id,
        "a1",
        "a2",
        time);
  }

  private static String symbol(int s) {
    return "S" + s + "USDT";
  }

  private static void createTopics(KafkaBroker kafka, TopicNames topics) throws Exception {
    List<NewTopic> list = new ArrayList<>();
    for (Topics.TopicSpec spec : Topics.ALL) {
      list.add(
          new NewTopic(topics.name(spec.name()), 4, (short) 1)
              .configs(Map.of("cleanup.policy", "delete", "retention.ms", "-1")));
    }
    try (var admin = kafka.admin()) {
      admin.createTopics(list).all().get();
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaBroker kafka) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, Trade t) {
    producer.send(
        new ProducerRecord<>(
            topic,
            null,
            t.getTime(),
            t.getSymbol().getBytes(StandardCharsets.UTF_8),
            EventSerde.encode(t)));
  }

  /**
   * Reads what the two jobs made visible since the last read and records each row's lag from its
   * trade time. Per symbol, rows become visible in tradeId order (one writer per symbol, in Kafka
   * order), so the highest id seen per symbol is an exact cursor; Iceberg is read by appended
   * snapshot.
   */
  private static final class LagReader {
    private final Connection connection;
    private final Table table;
    private final Histogram pgLag;
    private final Histogram lakeLag;
    private final long[] cursor = new long[SYMBOLS];
    private long lastSnapshot = -1;
    long seenPg;
    long seenLake;

    LagReader(Connection connection, Table table, Histogram pgLag, Histogram lakeLag) {
      this.connection = connection;
      this.table = table;
      this.pgLag = pgLag;
      this.lakeLag = lakeLag;
      java.util.Arrays.fill(cursor, 10_000_000L);
    }

    /** One read of both tiers; answers the PostgreSQL rows seen so far. */
    long read() throws Exception {
      StringBuilder q =
          new StringBuilder(
              "select symbol, trade_id, (extract(epoch from time) * 1000)::bigint from trades"
                  + " where time > now() - interval '10 minutes' and (");
      for (int s = 0; s < SYMBOLS; s++) {
        q.append(s == 0 ? "" : " or ")
            .append("(symbol = '")
            .append(symbol(s))
            .append("' and trade_id > ")
            .append(cursor[s])
            .append(')');
      }
      q.append(')');
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery(q.toString())) {
        long now = System.currentTimeMillis();
        while (rs.next()) {
          int s = Integer.parseInt(rs.getString(1).substring(1, rs.getString(1).length() - 4));
          cursor[s] = Math.max(cursor[s], rs.getLong(2));
          pgLag.recordValue(Math.max(0, now - rs.getLong(3)));
          seenPg++;
        }
      }
      table.refresh();
      Snapshot current = table.currentSnapshot();
      if (current != null && current.snapshotId() != lastSnapshot) {
        long seenAt = System.currentTimeMillis();
        var scan = IcebergGenerics.read(table);
        if (lastSnapshot >= 0) {
          scan = scan.appendsBetween(lastSnapshot, current.snapshotId());
        }
        try (CloseableIterable<Record> rows = scan.build()) {
          for (Record r : rows) {
            if ((Long) r.getField("trade_id") > 10_000_000L) {
              long t = ((java.time.OffsetDateTime) r.getField("time")).toInstant().toEpochMilli();
              lakeLag.recordValue(Math.max(0, seenAt - t));
              seenLake++;
            }
          }
        }
        lastSnapshot = current.snapshotId();
      }
      return seenPg;
    }
  }
}
