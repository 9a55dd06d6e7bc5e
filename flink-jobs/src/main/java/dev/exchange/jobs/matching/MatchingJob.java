package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.OperatorUids;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.RawRecordDeserializer;
import dev.exchange.jobs.common.TopicNames;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The matching job: {@code exchange.orders} keyed by symbol into {@link MatchingFunction}, its
 * records written with one exactly-once Kafka sink to trades, order events, book, book snapshots,
 * instruments and the dead-letter topic.
 *
 * <pre>
 * flink run -c dev.exchange.jobs.matching.MatchingJob flink-jobs.jar \
 *   --bootstrap-servers localhost:9092 [--topic-prefix ""] [--parallelism 2] \
 *   [--checkpoint-interval-ms 1000] [--checkpoint-dir file:///...] [--snapshot-interval 1000] \
 *   [--state-changelog true] [--changelog-dir &lt;checkpoint-dir&gt;/changelog] \
 *   [--materialization-interval-ms 600000]
 * </pre>
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

  private MatchingJob() {}

  /**
   * Adds the job's graph to {@code env}, reading from {@code source} and writing to {@code sink}.
   */
  public static void build(
      StreamExecutionEnvironment env,
      Source<RawRecord, ?, ?> source,
      Sink<OutRecord> sink,
      TopicNames topics,
      int snapshotInterval) {
    // Records reach the chained sink by reference instead of as copies: the function builds new
    // output records for every command and never touches them after emitting.
    env.getConfig().enableObjectReuse();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "exchange.orders")
        .uid(OperatorUids.MATCHING_SOURCE)
        .keyBy(envelope -> envelope.symbol)
        .process(new MatchingFunction(topics, snapshotInterval))
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
      String bootstrapServers, String ordersTopic, boolean bounded) {
    KafkaSourceBuilder<RawRecord> builder =
        KafkaSource.<RawRecord>builder()
            .setBootstrapServers(bootstrapServers)
            .setTopics(ordersTopic)
            .setGroupId("exchange-" + NAME)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new RawRecordDeserializer())
            .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
            .setProperty("partition.discovery.interval.ms", "10000");
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    String bootstrap = params.getRequired("bootstrap-servers");
    TopicNames topics = new TopicNames(params.get("topic-prefix", ""));
    Configuration conf =
        JobConfig.exchangeDefaults(
            Duration.ofMillis(params.getLong("checkpoint-interval-ms", 1000)));
    String checkpointDir = params.get("checkpoint-dir");
    if (checkpointDir != null) {
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
    }
    if (params.getBoolean("state-changelog", true)) {
      String changelogDir =
          params.get("changelog-dir", checkpointDir == null ? null : checkpointDir + "/changelog");
      Duration materialization =
          Duration.ofMillis(params.getLong("materialization-interval-ms", 600_000));
      JobConfig.withStateChangelog(conf, materialization);
      if (changelogDir != null) {
        JobConfig.changelogStorage(conf, changelogDir);
      }
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(params.getInt("parallelism", 2));
    build(
        env,
        kafkaSource(bootstrap, topics.orders(), false),
        KafkaOut.exactlyOnce(bootstrap, topics.prefix() + "exchange-" + NAME),
        topics,
        params.getInt("snapshot-interval", DEFAULT_SNAPSHOT_INTERVAL));
    env.execute(NAME);
  }
}
