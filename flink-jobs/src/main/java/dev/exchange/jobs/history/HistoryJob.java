package dev.exchange.jobs.history;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.JobFlag;
import dev.exchange.jobs.common.JobOptions;
import dev.exchange.jobs.common.JobSpec;
import dev.exchange.jobs.common.KafkaIn;
import dev.exchange.jobs.common.OperatorUids;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.lakehouse.LakehouseJob;
import dev.exchange.model.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.CatalogProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history job (PostgreSQL hot tier): {@code exchange.trades}, {@code exchange.candles}, {@code
 * exchange.order-events} and {@code exchange.balances} (read_committed) into the {@code trades},
 * {@code candles}, {@code order_events}, {@code orders}, {@code ledger} and {@code balances} tables
 * with idempotent upserts; poison to {@code exchange.dlq}. A job of its own, so that a slow or down
 * PostgreSQL holds back only this job, never matching. Schema, keys and the idempotency argument:
 * docs/history.md.
 *
 * <p>No keyBy: every row is written by the subtask reading its Kafka partition, which holds all of
 * its symbol's (or, for balances, its account's) records of that topic in order, so one row is
 * never written by two writers.
 *
 * <p>Flags: {@link #SPEC} (the job catalog, dev.exchange.jobs.JobCatalog).
 */
public final class HistoryJob {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryJob.class);

  public static final String NAME = "history";

  /**
   * A checkpoint here only records the input offsets (rows are flushed every {@code
   * flush-interval-ms}, not at checkpoints, and upserts are idempotent), so the interval sets how
   * much is written again after a failure, not how far behind PostgreSQL is. Each checkpoint of the
   * job cost CPU on an idle stack (docs/performance.md); ten seconds of replayed upserts cost less.
   */
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  static final JobFlag JDBC_URL =
      JobFlag.required("jdbc-url", "the PostgreSQL hot tier").orEnvironment("EXCHANGE_JDBC_URL");
  static final JobFlag JDBC_USER =
      JobFlag.required("jdbc-user", "its user").orEnvironment("EXCHANGE_JDBC_USERNAME");
  static final JobFlag JDBC_PASSWORD =
      JobFlag.required("jdbc-password", "its password").orEnvironment("EXCHANGE_JDBC_PASSWORD");
  static final JobFlag HOT_RETENTION_DAYS =
      JobFlag.withDefault(
          "hot-retention-days",
          Partitions.DEFAULT_RETENTION_DAYS,
          "days of partitions kept in the hot tier");
  static final JobFlag BATCH_SIZE =
      JobFlag.withDefault(
          "batch-size", PostgresHistorySink.DEFAULT_BATCH_SIZE, "rows per upsert batch");
  static final JobFlag FLUSH_INTERVAL =
      JobFlag.millis(
          "flush-interval-ms",
          PostgresHistorySink.DEFAULT_FLUSH_INTERVAL,
          "longest a row waits before it is written");

  public static final JobSpec SPEC =
      new JobSpec(
          NAME,
          HistoryJob.class,
          "trades, candles, order events, balances -> PostgreSQL, dlq",
          DEFAULT_CHECKPOINT_INTERVAL,
          false,
          flags());

  private static List<JobFlag> flags() {
    List<JobFlag> flags =
        new ArrayList<>(
            List.of(
                JDBC_URL,
                JDBC_USER,
                JDBC_PASSWORD,
                HOT_RETENTION_DAYS,
                BATCH_SIZE,
                FLUSH_INTERVAL));
    // The lakehouse's catalog, if there is one: a partition is dropped only once Iceberg holds it.
    flags.addAll(LakehouseJob.catalogSettings(false));
    return flags;
  }

  /**
   * What retention asks before dropping a partition: the Iceberg cold tier when the job is given
   * its catalog, else nothing (a deployment without the lakehouse).
   */
  static ColdTierCheck coldTierCheck(JobOptions options) {
    Map<String, String> catalog =
        LakehouseJob.catalogProperties(options.params(), options.environment());
    if (!catalog.containsKey(CatalogProperties.CATALOG_IMPL)) {
      LOG.warn(
          "history: no lakehouse catalog given; partitions past {} days are dropped without"
              + " checking the cold tier",
          options.getInt(HOT_RETENTION_DAYS));
      return ColdTierCheck.NONE;
    }
    return new IcebergColdTierCheck(catalog);
  }

  private HistoryJob() {}

  /** Adds the job's graph to {@code env}. */
  public static void build(
      StreamExecutionEnvironment env,
      Source<RawRecord, ?, ?> source,
      Sink<RawRecord> rows,
      Sink<OutRecord> deadLetters,
      TopicNames topics) {
    SingleOutputStreamOperator<RawRecord> checked =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "history inputs")
            .uid(OperatorUids.HISTORY_SOURCE)
            .process(new RecordCheck(topics))
            .uid(OperatorUids.HISTORY_CHECK)
            .name("decode and check");
    checked.sinkTo(rows).uid(OperatorUids.HISTORY_POSTGRES_SINK).name("PostgreSQL upserts");
    checked
        .getSideOutput(RecordCheck.DEAD_LETTERS)
        .sinkTo(deadLetters)
        .uid(OperatorUids.HISTORY_DLQ_SINK)
        .name("exactly-once dead letters");
  }

  /**
   * The four input topics, read_committed from the earliest offset when the job starts without
   * state (a full replay is harmless); afterwards positions live in checkpoints.
   */
  public static KafkaSource<RawRecord> kafkaSource(
      KafkaConnection kafka, TopicNames topics, String groupId) {
    return KafkaIn.builder(
            kafka,
            groupId,
            OffsetsInitializer.earliest(),
            topics.trades(),
            topics.candles(),
            topics.orderEvents(),
            topics.balances())
        .setProperties(JobConfig.storageConsumer())
        .build();
  }

  public static void main(String[] args) throws Exception {
    JobOptions options = JobOptions.parse(SPEC, args);
    TopicNames topics = options.topics();
    HistoryDb db =
        new HistoryDb(options.get(JDBC_URL), options.get(JDBC_USER), options.get(JDBC_PASSWORD));
    Partitions partitions =
        new Partitions(
            Clock.systemUTC(), options.getInt(HOT_RETENTION_DAYS), coldTierCheck(options));
    // The schema is migrated here, before submission: a failing migration stops the deploy
    // instead of crash-looping the tasks.
    HistorySchema.migrate(db, partitions);

    StreamExecutionEnvironment env =
        options.environment(options.configuration(JobConfig.STORAGE_BUFFER_TIMEOUT));
    build(
        env,
        kafkaSource(options.kafka(), topics, options.prefixedName()),
        new PostgresHistorySink(
            db,
            topics,
            partitions,
            options.getInt(BATCH_SIZE),
            options.millis(FLUSH_INTERVAL),
            PostgresHistorySink.DEFAULT_MAINTENANCE_INTERVAL),
        options.kafkaSink(),
        topics);
    env.execute(NAME);
  }
}
