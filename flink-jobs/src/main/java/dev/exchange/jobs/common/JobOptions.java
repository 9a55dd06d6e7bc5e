package dev.exchange.jobs.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A job's program arguments: the flags every job shares ({@link #shared}) and the job's own ({@link
 * JobSpec#ownFlags()}), each read with the default its {@link JobFlag} declares. Builds what every
 * {@code main} needs from them: the Flink configuration, the environment and the exactly-once Kafka
 * sink.
 */
public final class JobOptions {

  public static final JobFlag BOOTSTRAP_SERVERS =
      JobFlag.required("bootstrap-servers", "Kafka bootstrap servers");
  public static final JobFlag TOPIC_PREFIX =
      JobFlag.withDefault(
          "topic-prefix", "", "prefix of every topic name (several exchanges on one broker)");
  public static final JobFlag PARALLELISM =
      JobFlag.withDefault("parallelism", 2, "parallelism of every operator");
  public static final String CHECKPOINT_INTERVAL = "checkpoint-interval-ms";
  public static final JobFlag CHECKPOINT_DIR =
      JobFlag.optional(
          "checkpoint-dir", "where checkpoints go (a file system URI); unset: the cluster's");

  private final JobSpec spec;
  private final ParameterTool params;

  private JobOptions(JobSpec spec, ParameterTool params) {
    this.spec = spec;
    this.params = params;
  }

  public static JobOptions parse(JobSpec spec, String[] args) {
    return new JobOptions(spec, ParameterTool.fromArgs(args));
  }

  /** The flags of every job; only the checkpoint interval's default differs between jobs. */
  public static List<JobFlag> shared(Duration defaultCheckpointInterval) {
    return List.of(
        BOOTSTRAP_SERVERS,
        TOPIC_PREFIX,
        PARALLELISM,
        JobFlag.millis(
            CHECKPOINT_INTERVAL,
            defaultCheckpointInterval,
            "exactly-once checkpoint interval in milliseconds"),
        CHECKPOINT_DIR);
  }

  /** All arguments, for flags read by prefix. */
  public ParameterTool params() {
    return params;
  }

  /** The flag's value, or its default; fails naming the flag when a required one is missing. */
  public String get(JobFlag flag) {
    return flag.required()
        ? params.getRequired(flag.name())
        : params.get(flag.name(), flag.defaultValue());
  }

  public int getInt(JobFlag flag) {
    return Integer.parseInt(get(flag));
  }

  public long getLong(JobFlag flag) {
    return Long.parseLong(get(flag));
  }

  public boolean getBoolean(JobFlag flag) {
    return Boolean.parseBoolean(get(flag));
  }

  public Duration millis(JobFlag flag) {
    return Duration.ofMillis(getLong(flag));
  }

  public String bootstrapServers() {
    return get(BOOTSTRAP_SERVERS);
  }

  public TopicNames topics() {
    return new TopicNames(get(TOPIC_PREFIX));
  }

  public Duration checkpointInterval() {
    return Duration.ofMillis(
        params.getLong(CHECKPOINT_INTERVAL, spec.defaultCheckpointInterval().toMillis()));
  }

  /** Null when unset. */
  public String checkpointDir() {
    return get(CHECKPOINT_DIR);
  }

  /**
   * {@link JobConfig#exchangeDefaults(Duration)} at the checkpoint interval, with the directory.
   */
  public Configuration configuration() {
    return withCheckpointDir(JobConfig.exchangeDefaults(checkpointInterval()));
  }

  /** As {@link #configuration()}, with another buffer timeout. */
  public Configuration configuration(Duration bufferTimeout) {
    return withCheckpointDir(JobConfig.exchangeDefaults(checkpointInterval(), bufferTimeout));
  }

  /** Sets {@code --checkpoint-dir}, when given, on {@code conf}. */
  public Configuration withCheckpointDir(Configuration conf) {
    String dir = checkpointDir();
    if (dir != null) {
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
    }
    return conf;
  }

  /** The execution environment of {@code conf} at {@code --parallelism}. */
  public StreamExecutionEnvironment environment(Configuration conf) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(getInt(PARALLELISM));
    return env;
  }

  /**
   * {@code <topic-prefix>exchange-<job>}: the transactional id prefix of the job's Kafka sink (and
   * the consumer group of the storage jobs), unique per job and exchange.
   */
  public String prefixedName() {
    return topics().prefix() + "exchange-" + spec.name();
  }

  /**
   * The job's exactly-once Kafka sink ({@link KafkaOut#exactlyOnce}), after checking that the
   * brokers allow its transaction timeout.
   */
  public KafkaSink<OutRecord> kafkaSink() {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      KafkaOut.checkTransactionTimeout(admin, KafkaOut.TRANSACTION_TIMEOUT_MS);
    }
    return KafkaOut.exactlyOnce(bootstrapServers(), prefixedName());
  }
}
