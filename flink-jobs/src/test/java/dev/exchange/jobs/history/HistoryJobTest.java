package dev.exchange.jobs.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.FlinkMiniCluster;
import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The history job on a Flink MiniCluster against the real Kafka broker and PostgreSQL: rows equal
 * the expected sets, a full replay changes nothing, and an unavailable database is caught up.
 */
@ExtendWith(LocalServicesExtension.class)
class HistoryJobTest {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

  @Test
  void rowsEqualTheExpectedSetsAndAReplayChangesNothing(KafkaBroker kafka, PostgresServer postgres)
      throws Exception {
    TopicNames topics = new TopicNames("hist-" + RUN + ".");
    KafkaIo.createTopics(kafka, topics);
    HistoryDb db = database(postgres, "history_job_" + RUN, true);
    HistoryLog log = new HistoryLog(5, 3000, 2000, System.currentTimeMillis());
    produce(kafka, topics, log, true);

    JobClient first = submit(kafka, topics, db, "first");
    try {
      awaitRows(db, log);
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                List<String> dead =
                    KafkaIo.readCommitted(kafka, List.of(topics.dlq()))
                        .getOrDefault(topics.dlq() + "/BTCUSDT", List.of());
                assertThat(dead).hasSize(1);
                DeadLetter d =
                    EventSerde.decode(HexFormat.of().parseHex(dead.get(0)), DeadLetter.class);
                assertThat(d.getReasonCode()).isEqualTo(HistoryRecords.MALFORMED);
                assertThat(d.getJob()).isEqualTo("history");
              });
    } finally {
      first.cancel().get();
    }
    Map<String, TreeSet<String>> before = tables(db);

    // The same records once more, then a second instance reading everything from the start.
    produce(kafka, topics, log, false);
    String group = topics.prefix() + "replay";
    JobClient second = submit(kafka, topics, db, "replay");
    try {
      awaitCommittedToEnd(kafka, topics, group);
    } finally {
      second.cancel().get();
    }
    assertThat(tables(db)).isEqualTo(before);
  }

  @Test
  void catchesUpAfterThePostgresDatabaseBecomesAvailable(KafkaBroker kafka, PostgresServer postgres)
      throws Exception {
    TopicNames topics = new TopicNames("hist-late-" + RUN + ".");
    KafkaIo.createTopics(kafka, topics);
    HistoryDb db = database(postgres, "history_late_" + RUN, false);
    HistoryLog log = new HistoryLog(11, 1500, 1000, System.currentTimeMillis());
    produce(kafka, topics, log, false);

    JobClient job = submit(kafka, topics, db, "late");
    try {
      // The database does not exist yet: the writers fail and the job restarts.
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> job.getJobStatus().get() == JobStatus.RESTARTING);
      postgres.createDatabase("history_late_" + RUN);
      HistorySchema.migrate(db, new Partitions(Clock.systemUTC(), 30, ColdTierCheck.NONE));
      awaitRows(db, log);
    } finally {
      job.cancel().get();
    }
  }

  private static HistoryDb database(PostgresServer postgres, String name, boolean create)
      throws Exception {
    HistoryDb db = new HistoryDb(postgres.jdbcUrl(name), postgres.user(), postgres.password());
    if (create) {
      postgres.createDatabase(name);
      HistorySchema.migrate(db, new Partitions(Clock.systemUTC(), 30, ColdTierCheck.NONE));
    }
    return db;
  }

  /** Produces the log, with duplicates in between and (once) a poison trade. */
  private static void produce(KafkaBroker kafka, TopicNames topics, HistoryLog log, boolean poison)
      throws Exception {
    List<KafkaIo.Entry> trades = new ArrayList<>(HistoryLog.entries(log.trades));
    trades.addAll(1000, HistoryLog.entries(log.trades.subList(900, 1000))); // an upstream replay
    if (poison) {
      Trade t = log.trades.get(10);
      trades.add(
          11, new KafkaIo.Entry("BTCUSDT", "poison".getBytes(StandardCharsets.UTF_8), t.getTime()));
    }
    KafkaIo.produce(kafka, topics.trades(), trades);
    List<KafkaIo.Entry> candles = new ArrayList<>(HistoryLog.entries(log.candles));
    candles.addAll(candles.size() / 2, HistoryLog.entries(log.candles.subList(0, 50)));
    KafkaIo.produce(kafka, topics.candles(), candles);
    List<KafkaIo.Entry> events = new ArrayList<>(HistoryLog.entries(log.events));
    events.addAll(events.size() / 2, HistoryLog.entries(log.events.subList(0, 300)));
    KafkaIo.produce(kafka, topics.orderEvents(), events);
    // The accounts job is at-least-once: after a restore it writes byte-identical entries again.
    List<KafkaIo.Entry> ledger = new ArrayList<>(HistoryLog.entries(log.ledger));
    ledger.addAll(ledger.size() / 2, HistoryLog.entries(log.ledger.subList(0, 400)));
    KafkaIo.produce(kafka, topics.balances(), ledger);
  }

  private static JobClient submit(KafkaBroker kafka, TopicNames topics, HistoryDb db, String name)
      throws Exception {
    Configuration conf = JobConfig.exchangeDefaults(Duration.ofMillis(300));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1000);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    HistoryJob.build(
        env,
        HistoryJob.kafkaSource(kafka.connection(), topics, topics.prefix() + name),
        new PostgresHistorySink(
            db,
            topics,
            new Partitions(Clock.systemUTC(), 30, ColdTierCheck.NONE),
            500,
            Duration.ofMillis(100),
            Duration.ofMinutes(10)),
        KafkaOut.exactlyOnce(kafka.connection(), topics.prefix() + "history-" + name),
        topics);
    return env.executeAsync("history " + topics.prefix() + name);
  }

  private static void awaitRows(HistoryDb db, HistoryLog log) {
    TreeSet<String> trades = log.expectedTrades();
    TreeSet<String> events = log.expectedEvents();
    TreeSet<String> orders = log.expectedOrders();
    TreeSet<String> candles = log.expectedCandles();
    TreeSet<String> ledger = log.expectedLedger();
    TreeSet<String> balances = log.expectedBalances();
    TreeSet<String> fees = log.expectedFees();
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (Connection c = db.connect()) {
                assertThat(HistoryLog.dump(c, HistoryLog.TRADES)).isEqualTo(trades);
                assertThat(HistoryLog.dump(c, HistoryLog.EVENTS)).isEqualTo(events);
                assertThat(HistoryLog.dump(c, HistoryLog.ORDERS)).isEqualTo(orders);
                assertThat(HistoryLog.dump(c, HistoryLog.CANDLES)).isEqualTo(candles);
                assertThat(HistoryLog.dump(c, HistoryLog.LEDGER)).isEqualTo(ledger);
                assertThat(HistoryLog.dump(c, HistoryLog.BALANCES)).isEqualTo(balances);
                assertThat(HistoryLog.dump(c, HistoryLog.FEES)).isEqualTo(fees);
              }
            });
  }

  private static Map<String, TreeSet<String>> tables(HistoryDb db) throws Exception {
    try (Connection c = db.connect()) {
      return Map.of(
          "trades", HistoryLog.dump(c, HistoryLog.TRADES),
          "order_events", HistoryLog.dump(c, HistoryLog.EVENTS),
          "orders", HistoryLog.dump(c, HistoryLog.ORDERS),
          "candles", HistoryLog.dump(c, HistoryLog.CANDLES),
          "ledger", HistoryLog.dump(c, HistoryLog.LEDGER),
          "balances", HistoryLog.dump(c, HistoryLog.BALANCES),
          "fee_ledger", HistoryLog.dump(c, HistoryLog.FEES));
    }
  }

  /**
   * Offsets are committed to the group after a checkpoint completes, and the writer flushed every
   * row before that checkpoint's barrier: once the committed offsets reach the end, every input
   * record has been written.
   */
  private static void awaitCommittedToEnd(KafkaBroker kafka, TopicNames topics, String group) {
    try (var admin = kafka.admin()) {
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                for (String topic :
                    List.of(
                        topics.trades(),
                        topics.candles(),
                        topics.orderEvents(),
                        topics.balances())) {
                  for (int p = 0; p < 4; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                  }
                }
                var ends = admin.listOffsets(latest).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                for (var e : ends.entrySet()) {
                  OffsetAndMetadata c = committed.get(e.getKey());
                  assertThat(c == null ? 0 : c.offset())
                      .as(e.getKey().toString())
                      .isEqualTo(e.getValue().offset());
                }
              });
    }
  }
}
