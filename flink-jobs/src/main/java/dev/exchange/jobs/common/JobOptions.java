package dev.exchange.jobs.common;

import dev.exchange.model.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.admin.Admin;

/**
 * A job's program arguments: the flags every job shares ({@link #shared}) and the job's own ({@link
 * JobSpec#ownFlags()}), each read from its argument, else from its environment variable, else with
 * the default its {@link JobFlag} declares. Builds what every {@code main} needs from them: the
 * Kafka connection, the Flink configuration, the environment and the exactly-once Kafka sink.
 */
public final class JobOptions {

  /**
   * The Kafka connection ({@link KafkaConnection.Setting}): {@code --bootstrap-servers}, {@code
   * --security-protocol}, … or {@code EXCHANGE_KAFKA_BOOTSTRAP_SERVERS}, … as in the deployments.
   */
  public static final Map<KafkaConnection.Setting, JobFlag> KAFKA = kafkaFlags();

  public static final JobFlag BOOTSTRAP_SERVERS =
      KAFKA.get(KafkaConnection.Setting.BOOTSTRAP_SERVERS);
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
  private final Map<String, String> environment;

  private JobOptions(JobSpec spec, ParameterTool params, Map<String, String> environment) {
    this.spec = spec;
    this.params = params;
    this.environment = environment;
  }

  /** The arguments, with the process's environment behind them. */
  public static JobOptions parse(JobSpec spec, String[] args) {
    return parse(spec, args, System.getenv());
  }

  /**
   * The arguments, with {@code environment} behind them.
   *
   * @throws IllegalArgumentException naming every required flag that neither an argument nor its
   *     environment variable gives
   */
  public static JobOptions parse(JobSpec spec, String[] args, Map<String, String> environment) {
    JobOptions options = new JobOptions(spec, ParameterTool.fromArgs(args), environment);
    List<String> missing = new ArrayList<>();
    for (JobFlag flag : spec.flags()) {
      if (flag.required() && options.value(flag) == null) {
        missing.add(
            "--"
                + flag.name()
                + (flag.environment() == null ? "" : " (or " + flag.environment() + ")"));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "job " + spec.name() + " lacks " + String.join(", ", missing));
    }
    return options;
  }

  /** The flags of every job; only the checkpoint interval's default differs between jobs. */
  public static List<JobFlag> shared(Duration defaultCheckpointInterval) {
    List<JobFlag> flags = new ArrayList<>(KAFKA.values());
    flags.addAll(
        List.of(
            TOPIC_PREFIX,
            PARALLELISM,
            JobFlag.millis(
                CHECKPOINT_INTERVAL,
                defaultCheckpointInterval,
                "exactly-once checkpoint interval in milliseconds"),
            CHECKPOINT_DIR));
    return flags;
  }

  private static Map<KafkaConnection.Setting, JobFlag> kafkaFlags() {
    Map<KafkaConnection.Setting, JobFlag> flags = new EnumMap<>(KafkaConnection.Setting.class);
    for (KafkaConnection.Setting setting : KafkaConnection.Setting.values()) {
      JobFlag flag =
          setting == KafkaConnection.Setting.BOOTSTRAP_SERVERS
              ? JobFlag.required(setting.key(), setting.description())
              : JobFlag.optional(setting.key(), setting.description());
      flags.put(setting, flag.orEnvironment(setting.environmentVariable()));
    }
    return Collections.unmodifiableMap(flags);
  }

  /** All arguments, for flags read by prefix. */
  public ParameterTool params() {
    return params;
  }

  /**
   * The flag's argument, else its environment variable, else its default (null for an optional flag
   * without one). Required flags were checked by {@link #parse}.
   */
  public String get(JobFlag flag) {
    String value = value(flag);
    return value != null ? value : flag.defaultValue();
  }

  private String value(JobFlag flag) {
    String argument = params.get(flag.name());
    if (argument != null) {
      return argument;
    }
    String variable = flag.environment() == null ? null : environment.get(flag.environment());
    return variable == null || variable.isBlank() ? null : variable;
  }

  /** The environment the flags fall back to. */
  public Map<String, String> environment() {
    return environment;
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

  /** The Kafka connection every client of the job is built from. */
  public KafkaConnection kafka() {
    return KafkaConnection.from(setting -> get(KAFKA.get(setting)));
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
    KafkaConnection kafka = kafka();
    try (Admin admin = Admin.create(kafka.clientProperties(Map.of()))) {
      KafkaOut.checkTransactionTimeout(admin, KafkaOut.TRANSACTION_TIMEOUT_MS);
    }
    return KafkaOut.exactlyOnce(kafka, prefixedName());
  }
}
