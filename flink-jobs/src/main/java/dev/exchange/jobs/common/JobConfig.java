package dev.exchange.jobs.common;

import java.time.Duration;
import java.util.Properties;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The runtime settings every exchange job runs with (docs/architecture.md, "Determinism and
 * exactly-once"; docs/local-services.md, "Flink").
 */
public final class JobConfig {

  /**
   * Fixed before the first deploy: the number of key groups, i.e. the most parallel a job can ever
   * be rescaled to from its savepoints.
   */
  public static final int MAX_PARALLELISM = 128;

  /** Where the changelog state backend writes state changes (a file system URI). */
  public static final ConfigOption<String> CHANGELOG_DIRECTORY =
      ConfigOptions.key("state.changelog.dstl.dfs.base-path")
          .stringType()
          .noDefaultValue()
          .withDescription("Base URI of the state changelog files.");

  /**
   * Buffer timeout of the jobs that only store what they read (history, lakehouse): nobody waits on
   * their records within milliseconds, and every flush of a partly filled network buffer costs a
   * wake-up of each task.
   */
  public static final Duration STORAGE_BUFFER_TIMEOUT = Duration.ofMillis(100);

  /**
   * Kafka consumer settings of the storage jobs (history, lakehouse): the broker answers a fetch
   * once 64 KiB are there or 250 ms passed, instead of at every new record. At the exchange's rates
   * that is a few fetches a second instead of one per produced batch, on both the broker and the
   * job (docs/performance.md), for at most 250 ms more lag in PostgreSQL and Iceberg.
   */
  public static Properties storageConsumer() {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(64 * 1024));
    p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "250");
    return p;
  }

  private JobConfig() {}

  /**
   * RocksDB with incremental checkpoints, exactly-once checkpoints at {@code interval}, checkpoints
   * retained on cancel, a low buffer timeout (5 ms) for latency, and no Kryo (state types must be
   * POJOs or Avro so that they can evolve).
   */
  public static Configuration exchangeDefaults(Duration checkpointInterval) {
    return exchangeDefaults(checkpointInterval, Duration.ofMillis(5));
  }

  /** {@link #exchangeDefaults(Duration)} with another buffer timeout. */
  public static Configuration exchangeDefaults(
      Duration checkpointInterval, Duration bufferTimeout) {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(ExecutionOptions.BUFFER_TIMEOUT, bufferTimeout);
    conf.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    return conf;
  }

  /**
   * Generic log-based incremental checkpoints (the changelog state backend) over RocksDB, for jobs
   * whose outputs must not stall at every checkpoint. Without it, the synchronous part of each
   * RocksDB incremental checkpoint flushes the memtables to new SST files in the task thread (a
   * RocksDB native checkpoint), which held the matching job for 70–200 ms per checkpoint here, so
   * records arriving then waited that long (docs/benchmarks.md). With it, state changes are also
   * appended to a log and a checkpoint only persists that log; RocksDB is materialized (the flush)
   * once per {@code materialization} interval.
   *
   * <p>Where the log is written is a TaskManager setting: Flink reads {@code
   * state.changelog.storage} and {@link #CHANGELOG_DIRECTORY} from the cluster configuration, not
   * from the job's ({@link #changelogStorage}; in a local environment the two are the same). A
   * session cluster must carry them itself (docs/matching.md), or Flink falls back to its in-memory
   * test storage.
   */
  public static Configuration withStateChangelog(Configuration conf, Duration materialization) {
    conf.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
    conf.set(StateChangelogOptions.PERIODIC_MATERIALIZATION_INTERVAL, materialization);
    return conf;
  }

  /** The cluster side of {@link #withStateChangelog}: the log's storage on a file system. */
  public static Configuration changelogStorage(Configuration conf, String changelogDirectory) {
    conf.set(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE, "filesystem");
    conf.set(CHANGELOG_DIRECTORY, changelogDirectory);
    return conf;
  }
}
