package dev.exchange.jobs.history;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.OperatorUids;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.RawRecordDeserializer;
import dev.exchange.jobs.common.TopicNames;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The history job (PostgreSQL hot tier): {@code exchange.trades}, {@code exchange.candles} and
 * {@code exchange.order-events} (read_committed) into the {@code trades}, {@code candles}, {@code
 * order_events} and {@code orders} tables with idempotent upserts; poison to {@code exchange.dlq}.
 * A job of its own, so that a slow or down PostgreSQL holds back only this job, never matching.
 * Schema, keys and the idempotency argument: docs/history.md.
 *
 * <p>No keyBy: every row is written by the subtask reading its Kafka partition, which holds all of
 * its symbol's records of that topic in order, so one row is never written by two writers.
 *
 * <pre>
 * flink run -c dev.exchange.jobs.history.HistoryJob flink-jobs.jar \
 *   --bootstrap-servers localhost:9092 --jdbc-url jdbc:postgresql://localhost:5432/exchange \
 *   --jdbc-user exchange [--jdbc-password ... | env EXCHANGE_HISTORY_JDBC_PASSWORD] \
 *   [--topic-prefix ""] [--parallelism 2] [--checkpoint-interval-ms 10000] [--checkpoint-dir ...] \
 *   [--hot-retention-days 30] [--batch-size 2000] [--flush-interval-ms 200]
 * </pre>
 */
public final class HistoryJob {

  public static final String NAME = "history";

  /**
   * A checkpoint here only records the input offsets (rows are flushed every {@code
   * flush-interval-ms}, not at checkpoints, and upserts are idempotent), so the interval sets how
   * much is written again after a failure, not how far behind PostgreSQL is. Each checkpoint of the
   * job cost CPU on an idle stack (docs/performance.md); ten seconds of replayed upserts cost less.
   */
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

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
   * The three input topics, read_committed from the earliest offset when the job starts without
   * state (a full replay is harmless); afterwards positions live in checkpoints.
   */
  public static KafkaSource<RawRecord> kafkaSource(
      String bootstrapServers, TopicNames topics, String groupId) {
    return KafkaSource.<RawRecord>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(topics.trades(), topics.candles(), topics.orderEvents())
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new RawRecordDeserializer())
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .setProperty("partition.discovery.interval.ms", "10000")
        .setProperties(JobConfig.storageConsumer())
        .build();
  }

  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    String bootstrap = params.getRequired("bootstrap-servers");
    TopicNames topics = new TopicNames(params.get("topic-prefix", ""));
    HistoryDb db =
        new HistoryDb(
            params.getRequired("jdbc-url"),
            params.getRequired("jdbc-user"),
            params.get("jdbc-password", System.getenv("EXCHANGE_HISTORY_JDBC_PASSWORD")));
    Partitions partitions =
        new Partitions(
            Clock.systemUTC(),
            params.getInt("hot-retention-days", Partitions.DEFAULT_RETENTION_DAYS));
    // The schema is migrated here, before submission: a failing migration stops the deploy
    // instead of crash-looping the tasks.
    HistorySchema.migrate(db, partitions);

    Configuration conf =
        JobConfig.exchangeDefaults(
            Duration.ofMillis(
                params.getLong("checkpoint-interval-ms", DEFAULT_CHECKPOINT_INTERVAL.toMillis())),
            JobConfig.STORAGE_BUFFER_TIMEOUT);
    if (params.has("checkpoint-dir")) {
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, params.get("checkpoint-dir"));
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(params.getInt("parallelism", 2));
    build(
        env,
        kafkaSource(bootstrap, topics, topics.prefix() + "exchange-" + NAME),
        new PostgresHistorySink(
            db,
            topics,
            partitions,
            params.getInt("batch-size", PostgresHistorySink.DEFAULT_BATCH_SIZE),
            Duration.ofMillis(
                params.getLong(
                    "flush-interval-ms", PostgresHistorySink.DEFAULT_FLUSH_INTERVAL.toMillis())),
            PostgresHistorySink.DEFAULT_MAINTENANCE_INTERVAL),
        KafkaOut.exactlyOnce(bootstrap, topics.prefix() + "exchange-" + NAME),
        topics);
    env.execute(NAME);
  }
}
