package dev.exchange.localservices;

import dev.exchange.model.KafkaConnection;
import dev.exchange.model.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka 4.3 broker (KRaft, broker and controller in one process) in its own JVM,
 * configured as docs/local-services.md ("Kafka") describes: single-node replication settings and
 * storage formatted with {@code transaction.version=1}. Can be stopped and started again on the
 * same ports and data, to test behaviour while the broker is down.
 */
public final class KafkaBroker implements AutoCloseable {

  /**
   * The broker's {@code transaction.max.timeout.ms}: two hours, above the one hour the jobs'
   * exactly-once sinks ask for (docs/local-services.md, "Kafka").
   */
  public static final long TRANSACTION_MAX_TIMEOUT_MS = 7_200_000L;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int port;
  private final ChildJvm jvm;

  private KafkaBroker(Path dir, int port, ChildJvm jvm) {
    this.dir = dir;
    this.port = port;
    this.jvm = jvm;
  }

  /** Formats storage under {@code dir} (unless already formatted) and starts the broker. */
  public static KafkaBroker start(Path dir) {
    return start(dir, Resources.freePort(), Resources.freePort());
  }

  /** Starts on fixed ports, for the local stack. */
  public static KafkaBroker start(Path dir, int port, int controllerPort) {
    try {
      Files.createDirectories(dir);
      Path data = dir.resolve("data");
      Path config = dir.resolve("server.properties");
      Files.writeString(config, serverProperties(port, controllerPort, data));
      Path log4j = dir.resolve("log4j2.properties");
      Files.writeString(log4j, LOG4J);
      String classpath = Resources.distClasspath("kafka");
      List<String> jvmArgs =
          List.of(
              "-Xms256m",
              "-Xmx1g",
              "-XX:+UseG1GC",
              "-Dlog4j2.configurationFile=" + log4j,
              "-Djava.io.tmpdir=" + dir);
      Path log = dir.resolve("broker.log");
      if (!Files.exists(data.resolve("meta.properties"))) {
        format(classpath, jvmArgs, config, dir.resolve("format.log"));
      }
      ChildJvm jvm =
          new ChildJvm("kafka", classpath, jvmArgs, "kafka.Kafka", List.of(config.toString()), log);
      KafkaBroker broker = new KafkaBroker(dir, port, jvm);
      broker.startAndAwait();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void format(String classpath, List<String> jvmArgs, Path config, Path log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(
        List.of(
            "-cp",
            classpath,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            config.toString(),
            "--standalone",
            "--feature",
            "transaction.version=1"));
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("formatting Kafka storage failed; see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String serverProperties(int port, int controllerPort, Path data) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
        "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
        "advertised.listeners=PLAINTEXT://localhost:"
            + port
            + ",CONTROLLER://localhost:"
            + controllerPort,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + data,
        "num.partitions=4",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=4",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=4",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "min.insync.replicas=1",
        "default.replication.factor=1",
        "group.initial.rebalance.delay.ms=0",
        "transaction.max.timeout.ms=" + TRANSACTION_MAX_TIMEOUT_MS,
        "auto.create.topics.enable=false",
        "log.retention.hours=168",
        "");
  }

  private static final String LOG4J =
      String.join(
          "\n",
          "rootLogger.level=INFO",
          "rootLogger.appenderRef.out.ref=out",
          "appender.out.type=Console",
          "appender.out.name=out",
          "appender.out.layout.type=PatternLayout",
          "appender.out.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n",
          "logger.kafka.name=kafka",
          "logger.kafka.level=WARN",
          "logger.state.name=state.change.logger",
          "logger.state.level=WARN",
          "logger.controller.name=org.apache.kafka.controller",
          "logger.controller.level=WARN",
          "logger.server.name=kafka.server.KafkaRaftServer",
          "logger.server.level=INFO",
          "");

  private void startAndAwait() {
    jvm.start();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try (Admin admin = admin()) {
      while (true) {
        try {
          admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException | TimeoutException e) {
          if (!jvm.isAlive()) {
            throw new IllegalStateException(
                "Kafka broker exited during start; see " + jvm.logFile());
          }
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(
                "Kafka broker not ready after " + START_TIMEOUT + "; see " + jvm.logFile());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** The connection to this broker, as every exchange client takes it. */
  public KafkaConnection connection() {
    return KafkaConnection.plaintext(bootstrapServers());
  }

  public Path logFile() {
    return jvm.logFile();
  }

  public Path directory() {
    return dir;
  }

  /** An admin client for this broker; the caller closes it. */
  public Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    return Admin.create(p);
  }

  /** Creates every exchange topic ({@link Topics#ALL}) that does not exist yet. */
  public void createExchangeTopics(int partitions) {
    List<NewTopic> topics = new ArrayList<>();
    for (Topics.TopicSpec spec : Topics.ALL) {
      topics.add(new NewTopic(spec.name(), partitions, (short) 1).configs(spec.config()));
    }
    createTopics(topics);
  }

  /** Creates a plain topic if it does not exist yet. */
  public void createTopic(String name, int partitions) {
    createTopics(List.of(new NewTopic(name, partitions, (short) 1)));
  }

  private void createTopics(List<NewTopic> topics) {
    try (Admin admin = admin()) {
      Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics on " + bootstrapServers(), e);
    }
  }

  /** Stops the broker cleanly; {@link #restart()} brings it back with its data. */
  public void stop() {
    jvm.stop();
  }

  /** Kills the broker process without a clean shutdown. */
  public void kill() {
    jvm.kill();
  }

  /** Starts a stopped broker again on the same port and data. */
  public void restart() {
    startAndAwait();
  }

  public boolean isRunning() {
    return jvm.isAlive();
  }

  /** Why the broker process is not running, or empty while it runs. */
  public Optional<String> downReason() {
    return jvm.downReason();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + bootstrapServers() + ", " + dir + "]";
  }
}
