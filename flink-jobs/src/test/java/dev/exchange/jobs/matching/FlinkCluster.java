package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.localservices.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** A Flink MiniCluster for job tests, and a way to submit the matching job to it. */
final class FlinkCluster {

  static final int PARALLELISM = 2;
  static final int SNAPSHOT_INTERVAL = 50;

  private FlinkCluster() {}

  /**
   * Two TaskManagers with one slot each: a job at parallelism 2 runs on both, so losing either one
   * is a real failure of the job.
   */
  static MiniClusterExtension extension() {
    Configuration conf = new Configuration();
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(32));
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(32));
    conf.set(CoreOptions.TMP_DIRS, Path.of("target", "flink-tmp").toAbsolutePath().toString());
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(1)
            .setConfiguration(conf)
            .build());
  }

  /** Submits the matching job reading {@code inputs.orders()} and writing {@code outputs}. */
  static JobClient submit(
      KafkaBroker kafka, TopicNames inputs, TopicNames outputs, boolean bounded, String savepoint)
      throws Exception {
    Configuration conf = JobConfig.exchangeDefaults(Duration.ofMillis(300));
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(PARALLELISM);
    MatchingJob.build(
        env,
        MatchingJob.kafkaSource(kafka.bootstrapServers(), inputs.orders(), bounded),
        KafkaOut.exactlyOnce(kafka.bootstrapServers(), outputs.prefix() + "matching"),
        outputs,
        SNAPSHOT_INTERVAL);
    return env.executeAsync("matching " + outputs.prefix());
  }
}
