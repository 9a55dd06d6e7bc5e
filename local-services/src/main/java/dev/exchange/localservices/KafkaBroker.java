package dev.exchange.localservices;

import dev.exchange.model.KafkaConnection;
import dev.exchange.model.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
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
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka 4.3 broker (KRaft, broker and controller in one process) in its own JVM,
 * configured as docs/local-services.md ("Kafka") describes: single-node replication settings and
 * storage formatted with {@code transaction.version=1}. Can be stopped and started again on the
 * same ports and data, to test behaviour while the broker is down.
 *
 * <p>Its client listener is PLAINTEXT, or with {@link #startWithScram} SASL_SSL with SCRAM-SHA-512
 * only, the shape of MSK with SCRAM: a self-signed authority ({@link BrokerTls}), the super user
 * {@value #ADMIN} created when storage is formatted, and one user per principal through {@link
 * #scramUser} (docs/local-services.md, "Kafka with SASL_SSL and SCRAM").
 */
public final class KafkaBroker implements AutoCloseable {

  /**
   * The broker's {@code transaction.max.timeout.ms}: two hours, above the one hour the jobs'
   * exactly-once sinks ask for (docs/local-services.md, "Kafka").
   */
  public static final long TRANSACTION_MAX_TIMEOUT_MS = 7_200_000L;

  /** The SCRAM super user of a broker started with {@link #startWithScram}: the broker itself. */
  public static final String ADMIN = "admin";

  /** The SCRAM secrets of a broker ({@code admin.password}, {@code keystore.password}). */
  private static final String SECRETS = "scram.properties";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int port;
  private final ChildJvm jvm;
  private final KafkaConnection connection;

  private KafkaBroker(Path dir, int port, ChildJvm jvm, KafkaConnection connection) {
    this.dir = dir;
    this.port = port;
    this.jvm = jvm;
    this.connection = connection;
  }

  /** Formats storage under {@code dir} (unless already formatted) and starts the broker. */
  public static KafkaBroker start(Path dir) {
    return start(dir, Resources.freePort(), Resources.freePort());
  }

  /** Starts on fixed ports, for the local stack. */
  public static KafkaBroker start(Path dir, int port, int controllerPort) {
    return start(dir, port, controllerPort, false);
  }

  /** {@link #start(Path)} with a SASL_SSL (SCRAM-SHA-512) client listener only. */
  public static KafkaBroker startWithScram(Path dir) {
    return startWithScram(dir, Resources.freePort(), Resources.freePort());
  }

  /**
   * Starts on fixed ports with a SASL_SSL (SCRAM-SHA-512) client listener only; the TLS material
   * and the super user's password are made on the first start and kept under {@code dir}. Storage
   * formatted without SCRAM has no super user: such a folder is refused.
   */
  public static KafkaBroker startWithScram(Path dir, int port, int controllerPort) {
    return start(dir, port, controllerPort, true);
  }

  private static KafkaBroker start(Path dir, int port, int controllerPort, boolean scram) {
    try {
      Files.createDirectories(dir);
      Path data = dir.resolve("data");
      boolean formatted = Files.exists(data.resolve("meta.properties"));
      Optional<Secrets> secrets = Secrets.read(dir);
      if (scram && formatted && secrets.isEmpty()) {
        throw new IllegalStateException(
            "the Kafka storage in "
                + data
                + " was formatted without SCRAM users: start it fresh to enable SASL_SSL");
      }
      if (scram && secrets.isEmpty()) {
        secrets = Optional.of(Secrets.create(dir));
      }
      Optional<BrokerTls> tls =
          scram
              ? Optional.of(BrokerTls.ensure(dir.resolve("tls"), secrets.get().keystorePassword()))
              : Optional.empty();
      Path config = dir.resolve("server.properties");
      String properties = serverProperties(port, controllerPort, data);
      if (tls.isPresent()) {
        properties += scramListener(port, controllerPort, tls.get(), secrets.get());
      }
      Files.writeString(config, properties);
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
      if (!formatted) {
        List<String> users =
            scram
                ? List.of(
                    "--add-scram",
                    KafkaConnection.SCRAM_SHA_512
                        + "=[name="
                        + ADMIN
                        + ",password="
                        + secrets.get().adminPassword()
                        + "]")
                : List.of();
        format(classpath, jvmArgs, config, users, dir.resolve("format.log"));
      }
      ChildJvm jvm =
          new ChildJvm("kafka", classpath, jvmArgs, "kafka.Kafka", List.of(config.toString()), log);
      KafkaBroker broker = new KafkaBroker(dir, port, jvm, connection(dir, port, scram));
      broker.startAndAwait();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void format(
      String classpath, List<String> jvmArgs, Path config, List<String> extra, Path log) {
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
    cmd.addAll(extra);
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

  /**
   * The SASL_SSL listener in place of the PLAINTEXT one (later keys win in a properties file): the
   * broker talks to itself over it as {@value #ADMIN}; the controller listener stays PLAINTEXT on
   * localhost.
   */
  private static String scramListener(
      int port, int controllerPort, BrokerTls tls, Secrets secrets) {
    String listeners = "SASL_SSL://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort;
    return String.join(
        "\n",
        "listeners=" + listeners,
        "advertised.listeners=" + listeners,
        "inter.broker.listener.name=SASL_SSL",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL",
        "sasl.enabled.mechanisms=" + KafkaConnection.SCRAM_SHA_512,
        "sasl.mechanism.inter.broker.protocol=" + KafkaConnection.SCRAM_SHA_512,
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
            + KafkaConnection.scram("localhost:" + port, ADMIN, secrets.adminPassword(), null)
                .clientProperties()
                .get("sasl.jaas.config"),
        "ssl.keystore.type=PKCS12",
        "ssl.keystore.location=" + tls.keyStore(),
        "ssl.keystore.password=" + tls.storePassword(),
        "ssl.key.password=" + tls.storePassword(),
        // The broker's own client side (inter-broker, and the check at start that a client with
        // these settings can connect) trusts the same authority as every client.
        "ssl.truststore.type=PEM",
        "ssl.truststore.location=" + tls.caPem(),
        "");
  }

  /** The super user's and the key store's passwords, made once per broker folder. */
  private record Secrets(String adminPassword, String keystorePassword) {

    static Optional<Secrets> read(Path dir) {
      Path file = dir.resolve(SECRETS);
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(file)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Optional.of(
          new Secrets(p.getProperty("admin.password"), p.getProperty("keystore.password")));
    }

    static Secrets create(Path dir) {
      Secrets s = new Secrets(randomSecret(), randomSecret());
      Properties p = new Properties();
      p.setProperty("admin.password", s.adminPassword());
      p.setProperty("keystore.password", s.keystorePassword());
      try (var out = Files.newBufferedWriter(dir.resolve(SECRETS))) {
        p.store(out, "SCRAM super user and key store of the local Kafka broker");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return s;
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

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

  /**
   * The connection to this broker, as every exchange client takes it: PLAINTEXT, or with SCRAM the
   * super user {@value #ADMIN} (topics, users, tools).
   */
  public KafkaConnection connection() {
    return connection;
  }

  /**
   * The connection to the broker whose folder is {@code dir}, listening on {@code port}, as it was
   * last started (its {@code server.properties}): with SCRAM the super user from the secrets kept
   * there. What another process (status, chaos) takes.
   */
  public static KafkaConnection connection(Path dir, int port) {
    try {
      Path config = dir.resolve("server.properties");
      boolean scram =
          Files.exists(config) && Files.readString(config).contains("\nlisteners=SASL_SSL:");
      return connection(dir, port, scram);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KafkaConnection connection(Path dir, int port, boolean scram) {
    String bootstrap = "localhost:" + port;
    if (!scram) {
      return KafkaConnection.plaintext(bootstrap);
    }
    Secrets secrets =
        Secrets.read(dir)
            .orElseThrow(() -> new IllegalStateException("no " + SECRETS + " in " + dir));
    return KafkaConnection.scram(
        bootstrap, ADMIN, secrets.adminPassword(), dir.resolve("tls/ca.pem").toString());
  }

  /** Whether clients must authenticate with SCRAM over TLS. */
  public boolean scram() {
    return KafkaConnection.SASL_SSL.equals(connection.securityProtocol());
  }

  /**
   * Creates the SCRAM-SHA-512 user {@code name}, or gives it a new password, and returns its
   * connection (trusting the broker's authority); returns once the broker authenticates it.
   *
   * @throws IllegalStateException on a broker without SCRAM
   */
  public KafkaConnection scramUser(String name) {
    if (!scram()) {
      throw new IllegalStateException(this + " has no SCRAM listener");
    }
    String password = randomSecret();
    try (Admin admin = admin()) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      name,
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                      password)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create the SCRAM user " + name, e);
    }
    KafkaConnection user =
        KafkaConnection.scram(
            bootstrapServers(), name, password, connection.sslTruststoreLocation());
    awaitAuthenticates(user);
    return user;
  }

  /**
   * Returns once {@code user} authenticates: the controller has committed a new credential before
   * the broker applies it, and a client refused in between would stop (authentication failures are
   * not retried).
   */
  private void awaitAuthenticates(KafkaConnection user) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      try (Admin admin = admin(user)) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "the SCRAM user " + user.saslUsername() + " is not accepted by " + this, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Kafka's minimum for SCRAM-SHA-512; the users' passwords are random, not guessable. */
  private static final int SCRAM_ITERATIONS = 4096;

  public Path logFile() {
    return jvm.logFile();
  }

  public Path directory() {
    return dir;
  }

  /** An admin client for this broker, as {@link #connection()}; the caller closes it. */
  public Admin admin() {
    return admin(connection);
  }

  private static Admin admin(KafkaConnection connection) {
    Properties p = new Properties();
    p.putAll(connection.clientProperties());
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
