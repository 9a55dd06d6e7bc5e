package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.localservices.KafkaBroker;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Submitting the matching job to the test MiniCluster. */
final class MatchingJobSubmitter {

  static final int PARALLELISM = 2;
  static final int SNAPSHOT_INTERVAL = 50;

  private MatchingJobSubmitter() {}

  /** Submits the matching job reading {@code inputs.orders()} and writing {@code outputs}. */
  static JobClient submit(
      KafkaBroker kafka, TopicNames inputs, TopicNames outputs, boolean bounded, String savepoint)
      throws Exception {
    return submit(kafka, inputs, outputs, bounded, savepoint, PARALLELISM);
  }

  /** As above, at {@code parallelism}. */
  static JobClient submit(
      KafkaBroker kafka,
      TopicNames inputs,
      TopicNames outputs,
      boolean bounded,
      String savepoint,
      int parallelism)
      throws Exception {
    Configuration conf = JobConfig.exchangeDefaults(Duration.ofMillis(300));
    // As deployed; materializing every 10 s so that longer tests restore from materialized state
    // plus log (much shorter intervals keep the task busy materializing; see docs/matching.md).
    JobConfig.withStateChangelog(conf, Duration.ofSeconds(10));
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    MatchingJob.build(
        env,
        MatchingJob.kafkaSource(kafka.connection(), inputs.orders(), bounded),
        KafkaOut.exactlyOnce(kafka.connection(), outputs.prefix() + "matching"),
        outputs,
        SNAPSHOT_INTERVAL,
        true);
    return env.executeAsync("matching " + outputs.prefix());
  }
}
