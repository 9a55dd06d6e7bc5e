package dev.exchange.jobs.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.FlinkMiniCluster;
import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.lakehouse.LakehouseTables;
import dev.exchange.lakehouse.testing.LakehouseFixture;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lakehouse job on a Flink MiniCluster against the real Kafka broker, PostgreSQL (JDBC catalog)
 * and S3 server: exactly-once into Iceberg under a killed TaskManager, with its scheduled
 * maintenance running, read back by a catalog that is not the writer's.
 */
@ExtendWith(LocalServicesExtension.class)
class LakehouseJobTest {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

  @Test
  void aKilledTaskManagerLosesAndDuplicatesNothingInIceberg(
      KafkaBroker kafka, PostgresServer pg, S3Server s3, @InjectMiniCluster MiniCluster cluster)
      throws Exception {
    TopicNames topics = new TopicNames("lake-" + RUN + ".");
    KafkaIo.createTopics(kafka, topics);
    LakeLog log = new LakeLog(17, 4000, System.currentTimeMillis());
    List<KafkaIo.Entry> trades = new ArrayList<>(LakeLog.entries(log.trades));
    trades.addAll(2000, LakeLog.entries(log.trades.subList(1800, 2000))); // an upstream replay
    Trade poisoned = log.trades.get(10);
    trades.add(
        11,
        new KafkaIo.Entry(
            poisoned.getSymbol(), "poison".getBytes(StandardCharsets.UTF_8), poisoned.getTime()));
    List<KafkaIo.Entry> candles = LakeLog.entries(log.candles);
    List<KafkaIo.Entry> events = LakeLog.entries(log.events);
    // The accounts job is at-least-once: some entries come twice, byte-identical.
    List<KafkaIo.Entry> ledger = new ArrayList<>(LakeLog.entries(log.ledger));
    ledger.addAll(3000, LakeLog.entries(log.ledger.subList(2500, 3000)));

    try (LakehouseFixture lake = LakehouseFixture.create(pg, s3)) {
      JobClient job = submit(kafka, topics, lake);
      int batches = 20;
      AtomicInteger produced = new AtomicInteger();
      ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
      try {
        producer.scheduleWithFixedDelay(
            () -> {
              int b = produced.get();
              if (b < batches) {
                try {
                  KafkaIo.produce(kafka, topics.trades(), slice(trades, b, batches));
                  KafkaIo.produce(kafka, topics.candles(), slice(candles, b, batches));
                  KafkaIo.produce(kafka, topics.orderEvents(), slice(events, b, batches));
                  KafkaIo.produce(kafka, topics.balances(), slice(ledger, b, batches));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                produced.incrementAndGet();
              }
            },
            0,
            150,
            TimeUnit.MILLISECONDS);

        // Kill a TaskManager once some rows are committed and more are in flight.
        await()
            .atMost(TIMEOUT)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    produced.get() >= batches / 3
                        && lake.table(LakehouseTables.TRADES).currentSnapshot() != null);
        cluster.terminateTaskManager(0).get();
        cluster.startTaskManager();
        await().atMost(TIMEOUT).until(() -> produced.get() == batches);

        await()
            .atMost(TIMEOUT)
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  assertThat(rows(lake, LakehouseTables.TRADES)).isEqualTo(log.expectedTrades());
                  assertThat(rows(lake, LakehouseTables.ORDER_EVENTS))
                      .isEqualTo(log.expectedEvents());
                  assertThat(rows(lake, LakehouseTables.CANDLES_1M))
                      .isEqualTo(log.expectedCandles());
                  assertThat(rows(lake, LakehouseTables.CANDLES_1H)).isEqualTo(log.expectedHours());
                  assertThat(rows(lake, LakehouseTables.LEDGER)).isEqualTo(log.expectedLedger());
                });
        await()
            .atMost(TIMEOUT)
            .untilAsserted(
                () -> {
                  List<String> dead =
                      KafkaIo.readCommitted(kafka, List.of(topics.dlq()))
                          .getOrDefault(topics.dlq() + "/" + poisoned.getSymbol(), List.of());
                  assertThat(dead).hasSize(1);
                  DeadLetter d =
                      EventSerde.decode(HexFormat.of().parseHex(dead.get(0)), DeadLetter.class);
                  assertThat(d.getReasonCode()).isEqualTo(LakehouseRouter.MALFORMED);
                  assertThat(d.getJob()).isEqualTo("lakehouse");
                });
        // The maintenance did compact while all this happened (its snapshots are "replace").
        for (TableIdentifier compacted :
            List.of(LakehouseTables.TRADES, LakehouseTables.CANDLES_1H)) {
          await()
              .atMost(TIMEOUT)
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> {
                    Table table = lake.table(compacted);
                    for (Snapshot snapshot : table.snapshots()) {
                      if (DataOperations.REPLACE.equals(snapshot.operation())) {
                        return true;
                      }
                    }
                    return false;
                  });
        }
        assertThat(rows(lake, LakehouseTables.TRADES)).isEqualTo(log.expectedTrades());
        assertThat(rows(lake, LakehouseTables.CANDLES_1H)).isEqualTo(log.expectedHours());
      } finally {
        producer.shutdownNow();
        job.cancel().get();
      }
      assertPartitionsAreDayAndSymbol(lake, log);
      assertHoursAreInMonthSymbolPartitions(lake, log);
    }
  }

  /** candles_1h files sit in (month, symbol) partitions: 40 hours are at most two months. */
  private static void assertHoursAreInMonthSymbolPartitions(LakehouseFixture lake, LakeLog log)
      throws Exception {
    Set<String> expected = new TreeSet<>();
    for (var c : log.closedHours) {
      expected.add(month(c.getOpenTime()) + "/" + c.getSymbol());
    }
    Set<String> actual = new TreeSet<>();
    try (CloseableIterable<FileScanTask> tasks =
        lake.table(LakehouseTables.CANDLES_1H).newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        int months = task.file().partition().get(0, Integer.class);
        actual.add(
            LocalDate.of(1970, 1, 1).plusMonths(months).toString().substring(0, 7)
                + "/"
                + task.file().partition().get(1, String.class));
      }
    }
    assertThat(actual).isEqualTo(expected);
  }

  private static String month(long epochMillis) {
    return day(epochMillis).substring(0, 7);
  }

  /** Data files sit in (day, symbol) partitions, and a partition filter reads just its rows. */
  private static void assertPartitionsAreDayAndSymbol(LakehouseFixture lake, LakeLog log)
      throws Exception {
    Set<String> expected = new TreeSet<>();
    for (Trade t : log.trades) {
      expected.add(day(t.getTime()) + "/" + t.getSymbol());
    }
    Set<String> actual = new TreeSet<>();
    try (CloseableIterable<FileScanTask> tasks =
        lake.table(LakehouseTables.TRADES).newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        actual.add(
            LocalDate.ofEpochDay(task.file().partition().get(0, Integer.class))
                + "/"
                + task.file().partition().get(1, String.class));
      }
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(expected.size()).isGreaterThanOrEqualTo(2 * LakeLog.SYMBOLS.size());

    Trade sample = log.trades.get(log.trades.size() / 2);
    LocalDate day = LocalDate.parse(day(sample.getTime()));
    long from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    List<Trade> expectedInPartition =
        log.trades.stream()
            .filter(
                t ->
                    t.getSymbol().equals(sample.getSymbol())
                        && t.getTime() >= from
                        && t.getTime() < from + 86_400_000L)
            .toList();
    List<Record> read = new ArrayList<>();
    try (CloseableIterable<Record> it =
        IcebergGenerics.read(lake.table(LakehouseTables.TRADES))
            .where(
                Expressions.and(
                    Expressions.equal("symbol", sample.getSymbol()),
                    Expressions.equal(Expressions.day("time"), day.toString())))
            .build()) {
      it.forEach(r -> read.add(r.copy()));
    }
    assertThat(read).hasSize(expectedInPartition.size());
  }

  private static String day(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC).toString();
  }

  private static List<String> rows(LakehouseFixture lake, TableIdentifier table) {
    return LakeLog.rows(lake.readAll(table));
  }

  private static List<KafkaIo.Entry> slice(List<KafkaIo.Entry> all, int batch, int batches) {
    int size = (all.size() + batches - 1) / batches;
    return all.subList(
        Math.min(all.size(), batch * size), Math.min(all.size(), (batch + 1) * size));
  }

  static JobClient submit(KafkaBroker kafka, TopicNames topics, LakehouseFixture lake)
      throws Exception {
    return submit(kafka, topics, lake, 2, null);
  }

  /** The production graph at {@code parallelism}, restored from {@code savepoint} unless null. */
  static JobClient submit(
      KafkaBroker kafka,
      TopicNames topics,
      LakehouseFixture lake,
      int parallelism,
      String savepoint)
      throws Exception {
    Configuration conf = LakehouseJob.config(Duration.ofMillis(300));
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1000);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    LakehouseJob.build(
        env,
        LakehouseJob.kafkaSource(kafka.connection(), topics, topics.prefix() + "lakehouse"),
        LakehouseJob.Tables.of(lake.properties()),
        KafkaOut.exactlyOnce(kafka.connection(), topics.prefix() + "lakehouse"),
        topics,
        // Production graph, with maintenance scheduled far more often than in production, so
        // compactions and expiries commit while the sink commits and the TaskManager dies.
        new LakehouseMaintenance(
            5,
            Duration.ofSeconds(5),
            128L * 1024 * 1024,
            2,
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            50,
            Duration.ofSeconds(1)));
    return env.executeAsync("lakehouse " + topics.prefix());
  }
}
