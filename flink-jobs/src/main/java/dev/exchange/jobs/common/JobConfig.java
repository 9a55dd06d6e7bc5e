package dev.exchange.jobs.common;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/** The runtime settings every exchange job runs with (ARCHITECTURE.md sections 5 and 11). */
public final class JobConfig {

  /**
   * Fixed before the first deploy: the number of key groups, i.e. the most parallel a job can ever
   * be rescaled to from its savepoints.
   */
  public static final int MAX_PARALLELISM = 128;

  private JobConfig() {}

  /**
   * RocksDB with incremental checkpoints, exactly-once checkpoints at {@code interval}, checkpoints
   * retained on cancel, a low buffer timeout for latency, and no Kryo (state types must be POJOs or
   * Avro so that they can evolve).
   */
  public static Configuration exchangeDefaults(Duration checkpointInterval) {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(5));
    conf.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    return conf;
  }
}
