package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.EmptyStart;
import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.JobFlag;
import dev.exchange.jobs.common.JobOptions;
import dev.exchange.jobs.common.JobSpec;
import dev.exchange.jobs.common.KafkaIn;
import dev.exchange.jobs.common.OperatorUids;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.KafkaConnection;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The matching job: {@code exchange.orders} keyed by symbol into {@link MatchingFunction}, its
 * records written with one exactly-once Kafka sink to trades, order events, book, book snapshots,
 * instruments and the dead-letter topic.
 *
 * <p>Flags: {@link #SPEC} (the job catalog, dev.exchange.jobs.JobCatalog).
 *
 * <p>The job runs with the changelog state backend over RocksDB ({@link
 * JobConfig#withStateChangelog}) so that checkpoints do not stall the matching thread, which is
 * what keeps command → trade latency low. The cluster must store the log durably ({@code
 * state.changelog.storage: filesystem} and its directory in the TaskManagers' configuration; see
 * docs/matching.md).
 */
public final class MatchingJob {

  public static final String NAME = "matching";
  public static final int DEFAULT_SNAPSHOT_INTERVAL = 1000;

  static final JobFlag SNAPSHOT_INTERVAL =
      JobFlag.withDefault(
          "snapshot-interval",
          DEFAULT_SNAPSHOT_INTERVAL,
          "a book snapshot after this many commands per symbol");
  static final JobFlag STATE_CHANGELOG =
      JobFlag.withDefault(
          "state-changelog",
          true,
          "log-based incremental checkpoints (the changelog state backend over RocksDB)");
  static final JobFlag CHANGELOG_DIR =
      JobFlag.optional(
          "changelog-dir", "where the state changelog goes; unset: <checkpoint-dir>/changelog");
  static final JobFlag MATERIALIZATION_INTERVAL =
      JobFlag.millis(
          "materialization-interval-ms",
          Duration.ofMinutes(10),
          "how often the changelog backend materializes RocksDB");

  public static final JobSpec SPEC =
      new JobSpec(
          NAME,
          MatchingJob.class,
          "orders -> trades, order events, book, book snapshots, instruments, dlq",
          Duration.ofSeconds(1),
          true,
          List.of(
              SNAPSHOT_INTERVAL,
              STATE_CHANGELOG,
              CHANGELOG_DIR,
              MATERIALIZATION_INTERVAL,
              EmptyStart.FLAG));

  private MatchingJob() {}

  /**
   * Adds the job's graph to {@code env}, reading from {@code source} and writing to {@code sink}.
   */
  public static void build(
      StreamExecutionEnvironment env,
      Source<RawRecord, ?, ?> source,
      Sink<OutRecord> sink,
      TopicNames topics,
      int snapshotInterval,
      boolean allowEmptyStart) {
    // Records reach the chained sink by reference instead of as copies: the function builds new
    // output records for every command and never touches them after emitting.
    env.getConfig().enableObjectReuse();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "exchange.orders")
        .uid(OperatorUids.MATCHING_SOURCE)
        .keyBy(envelope -> envelope.symbol)
        .process(new MatchingFunction(topics, snapshotInterval, allowEmptyStart))
        .uid(OperatorUids.MATCHING_ENGINE)
        .name("match per symbol")
        .sinkTo(sink)
        .uid(OperatorUids.MATCHING_SINK)
        .name("exactly-once Kafka sink");
  }

  /**
   * The command source. Commits nothing to Kafka that matters: positions live in checkpoints.
   * {@code bounded} stops at the offsets current at start (tests, replays).
   */
  public static KafkaSource<RawRecord> kafkaSource(
      KafkaConnection kafka, String ordersTopic, boolean bounded) {
    KafkaSourceBuilder<RawRecord> builder =
        KafkaIn.builder(kafka, "exchange-" + NAME, OffsetsInitializer.earliest(), ordersTopic);
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  public static void main(String[] args) throws Exception {
    JobOptions options = JobOptions.parse(SPEC, args);
    TopicNames topics = options.topics();
    Configuration conf = options.configuration();
    if (options.getBoolean(STATE_CHANGELOG)) {
      String checkpointDir = options.checkpointDir();
      String changelogDir = options.get(CHANGELOG_DIR);
      if (changelogDir == null && checkpointDir != null) {
        changelogDir = checkpointDir + "/changelog";
      }
      JobConfig.withStateChangelog(conf, options.millis(MATERIALIZATION_INTERVAL));
      if (changelogDir != null) {
        JobConfig.changelogStorage(conf, changelogDir);
      }
    }
    StreamExecutionEnvironment env = options.environment(conf);
    build(
        env,
        kafkaSource(options.kafka(), topics.orders(), false),
        options.kafkaSink(),
        topics,
        options.getInt(SNAPSHOT_INTERVAL),
        options.getBoolean(EmptyStart.FLAG));
    env.execute(NAME);
  }
}
