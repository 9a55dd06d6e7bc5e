package dev.exchange.stack;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import dev.exchange.model.KafkaConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The whole exchange on one machine, from one data folder: Kafka, PostgreSQL, the S3 server, a
 * Flink session cluster running every job of the job catalog, edge-api, ws-relay, history-service,
 * the dev token issuer, the reverse proxy on one origin and, optionally, the market simulator.
 * {@link #close()} stops the jobs with savepoints and everything else cleanly; every child process
 * also dies with this JVM.
 *
 * <p>End-to-end tests start it with {@link StackOptions#forTests} (free ports) and use {@link
 * #baseUrl()}, {@link #wsUrl()} and {@link #token(String, boolean)}.
 */
public final class LocalStack implements AutoCloseable {

  public static final String DATABASE = "exchange";
  public static final String LAKEHOUSE_DATABASE = "lakehouse";
  public static final String IDENTITY_DATABASE = "identity";

  /** The web app's client id at the local OpenID provider. */
  static final String WEB_CLIENT_ID = "exchange-web";

  public static final String LAKEHOUSE_BUCKET = "lakehouse";
  public static final int PARTITIONS = 4;

  /**
   * How long a stop waits for the jobs' savepoints before it cancels the jobs that have none (they
   * resume from their retained checkpoints): a broker that is down must not hold a stop for
   * minutes.
   */
  static final Duration SAVEPOINTS_WITHIN = Duration.ofSeconds(60);

  /** The supervised components' names, as the startup report and {@code status} print them. */
  static final String KAFKA = "Kafka broker";

  static final String POSTGRES = "PostgreSQL";
  static final String S3 = "S3 server";
  static final String ISSUER = "dev token issuer";
  static final String JOB_MANAGER = "Flink JobManager";
  static final String TASK_MANAGER = "Flink TaskManager";
  static final String JOBS = "Flink jobs";
  static final String PROXY = "reverse proxy";

  private final StackOptions options;
  private final Path data;
  private final Path logs;
  private final PrintStream out;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Supervisor supervisor;
  private final Map<String, SpringService> services = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private KafkaBroker kafka;
  private PostgresServer postgres;
  private S3Server s3;
  private DevIssuer issuer;
  private FlinkCluster flink;
  private JobControl jobs;
  private ReverseProxy proxy;
  private MarketSimulator simulator;
  private List<JobControl.Submitted> submitted = List.of();
  private boolean closed;

  /**
   * Whether this launcher owns the data directory's {@code stack.json}: only once no other stack
   * runs from it. A start refused because one does must leave that stack's file alone, or {@code
   * status} and {@code down} could no longer find it.
   */
  private boolean ownsState;

  /** The lock on the data folder ({@link StackState#claim}), held until everything has stopped. */
  private FileChannel claim;

  private LocalStack(StackOptions options) {
    this.options = options;
    this.data = options.dataDir();
    this.logs = data.resolve("logs");
    this.out = options.progress();
    this.supervisor = new Supervisor(Supervisor.file(data), out);
  }

  /** Starts everything; on failure stops what was started and names the component and its log. */
  public static LocalStack start(StackOptions options) {
    LocalStack stack = new LocalStack(options);
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.out.println(
          "Start failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      stack.stopAll(false);
      throw e;
    }
  }

  /**
   * One part of the stack: {@code start} launches it and registers what stops it ({@link #started},
   * stopped newest first), {@code awaitReady} returns once it serves. {@code log} (may be null) is
   * named when it fails.
   */
  private record Component(String name, Path log, Runnable start, Runnable awaitReady) {

    /** A component whose start returns once it serves. */
    static Component of(String name, Path log, Runnable start) {
      return new Component(name, log, start, () -> {});
    }
  }

  private void startAll() {
    claim = StackState.claim(data);
    Optional<StackState> running = StackState.running(data);
    if (running.isPresent()) {
      throw new IllegalStateException(
          "a stack is already running from "
              + data
              + " (pid "
              + running.get().pid()
              + "); stop it first (./exchange down)");
    }
    ownsState = true;
    stopOrphanedPostgres(data.resolve("postgres/data"));
    options.ports().requireFree();
    try {
      if (options.fresh()) {
        try (Stream<Path> entries = Files.list(data)) {
          entries
              .filter(p -> !p.getFileName().toString().equals(StackState.LOCK_FILE))
              .forEach(LocalStack::deleteRecursively);
        }
      }
      Files.createDirectories(logs);
      Files.deleteIfExists(StackState.file(data));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path jobJar = requireFile(options.projectDir().resolve("flink-jobs/target/flink-jobs.jar"));
    requireFile(options.projectDir().resolve("frontend/dist/index.html"));
    out.println("Starting the exchange from " + data + (options.fresh() ? " (fresh)" : ""));

    start(storage());
    // The services start while the Flink cluster and its jobs do: they need only Kafka,
    // PostgreSQL and the issuer's key, and their start-up overlaps the jobs' (docs/performance.md).
    startBeside(services(), flink(jobJar));
    start(front());
    new StackState(
            ProcessHandle.current().pid(),
            options.projectDir().toString(),
            data.toString(),
            options.ports(),
            options.parallelism(),
            jobJar.toString(),
            jobs.jobs())
        .write();
    supervisor.start();
  }

  /** What everything else needs: Kafka, PostgreSQL, the S3 server and the dev token issuer. */
  private List<Component> storage() {
    Ports ports = options.ports();
    return List.of(
        Component.of(
            KAFKA,
            data.resolve("kafka/broker.log"),
            () -> {
              kafka =
                  options.secureKafka()
                      ? KafkaBroker.startWithScram(
                          data.resolve("kafka"), ports.kafka(), ports.kafkaController())
                      : KafkaBroker.start(
                          data.resolve("kafka"), ports.kafka(), ports.kafkaController());
              started.push(kafka);
              supervisor.watch(KAFKA, kafka::downReason, kafka::restart);
              kafka.createExchangeTopics(PARTITIONS);
            }),
        Component.of(
            POSTGRES,
            data.resolve("postgres/postgres.log"),
            () -> {
              postgres = PostgresServer.start(data.resolve("postgres"), ports.postgres(), false);
              started.push(postgres);
              supervisor.watch(POSTGRES, postgres::downReason, postgres::restart);
              postgres.createDatabase(DATABASE);
              postgres.createDatabase(LAKEHOUSE_DATABASE);
              postgres.createDatabase(IDENTITY_DATABASE);
            }),
        Component.of(
            S3,
            data.resolve("s3/s3proxy.log"),
            () -> {
              String[] credentials = s3Credentials(data);
              s3 = S3Server.start(data.resolve("s3"), ports.s3(), credentials[0], credentials[1]);
              started.push(s3);
              supervisor.watch(S3, s3::downReason, s3::restart);
              s3.createBucket(LAKEHOUSE_BUCKET);
            }),
        Component.of(
            ISSUER,
            null,
            () -> {
              issuer = DevIssuer.load(data.resolve("keys"), issuerUrl(ports));
              started.push(issuer);
              issuer.onSignIn(
                  account ->
                      Funding.grantStarterBalance(http, baseUrl(), token("admin", true), account));
              issuer.serve(ports.issuer());
              supervisor.watch(ISSUER, issuer::downReason, issuer::restart);
            }));
  }

  /**
   * edge-api, ws-relay, history-service, alert-delivery and identity: started at once, ready a
   * while later.
   */
  private List<Component> services() {
    Ports ports = options.ports();
    List<String> security = serviceProperties(issuer, ports);
    List<String> edgeProps = new ArrayList<>(security);
    // Everything local comes from 127.0.0.1: the per-address budget would be shared by every bot,
    // browser and bench account, so only the per-account limits stay as in production.
    edgeProps.add("--exchange.rate-limits.per-address.capacity=1000000");
    edgeProps.add("--exchange.rate-limits.per-address.refill-tokens=1000000");
    edgeProps.add("--server.forward-headers-strategy=native");
    // API keys: edge-api owns apikeys.api_keys in the exchange database, history-service and
    // ws-relay (the user data stream) read it; all seal and open HMAC secrets with the same key.
    List<String> datasource =
        List.of(
            "--spring.datasource.url=" + postgres.jdbcUrl(DATABASE),
            "--spring.datasource.username=" + postgres.user(),
            "--spring.datasource.password=" + postgres.password());
    List<String> database = new ArrayList<>(datasource);
    database.add("--exchange.api-keys.encryption-key=" + stackKey("api-keys-encryption.key"));
    edgeProps.addAll(database);
    // Alert webhooks: alert-delivery signs with each account's secret derived from this key, and
    // edge-api shows an account its secret. alert-delivery owns the schema alerts, edge-api reads
    // alerts.deliveries. No SMTP server locally: e-mail deliveries fail (docs/alerts.md).
    String webhookKey = "--exchange.alerts.webhook-key=" + stackKey("alerts-webhook.key");
    edgeProps.add(webhookKey);
    List<String> deliveryProps = new ArrayList<>(datasource);
    deliveryProps.add(webhookKey);
    // Webhook receivers of a local stack (and its tests) listen on this machine.
    deliveryProps.add("--exchange.alert-delivery.allow-private-addresses=true");
    List<String> historyProps = new ArrayList<>(security);
    historyProps.addAll(database);
    historyProps.add("--exchange.rate-limits.per-address.capacity=1000000");
    historyProps.add("--exchange.rate-limits.per-address.refill-tokens=1000000");
    // The caller's address behind the proxy, for API keys' IP allow lists on the signed reads.
    historyProps.add("--server.forward-headers-strategy=native");
    lakehouseCatalog().forEach((k, v) -> historyProps.add("--exchange.lakehouse." + k + "=" + v));
    List<String> relayProps = new ArrayList<>(security);
    relayProps.addAll(database);
    relayProps.add("--server.forward-headers-strategy=native");
    return List.of(
        service("edge-api", ports.edgeApi(), ports.edgeApiManagement(), edgeProps, true),
        service("ws-relay", ports.wsRelay(), ports.wsRelayManagement(), relayProps, true),
        service("history-service", ports.history(), ports.historyManagement(), historyProps, true),
        service(
            "alert-delivery",
            ports.alertDelivery(),
            ports.alertDeliveryManagement(),
            deliveryProps,
            true),
        service(
            "identity", ports.identity(), ports.identityManagement(), identityProperties(), false));
  }

  /** The issuer URL of the local OpenID provider: what browsers reach and tokens name. */
  public static String issuerUrl(Ports ports) {
    return "http://localhost:" + ports.identity();
  }

  /**
   * What every service is started with: the provider's issuer and key. The broker is given as
   * environment variables ({@link #kafkaConnection}).
   */
  static List<String> serviceProperties(DevIssuer issuer, Ports ports) {
    return List.of(
        "--exchange.security.public-key=" + issuer.publicKeyPem(),
        "--exchange.security.issuer=" + issuerUrl(ports),
        "--exchange.security.audience=" + DevIssuer.AUDIENCE);
  }

  /**
   * How the service or job {@code principal} reaches the broker: the PLAINTEXT address, or with
   * {@link StackOptions#secureKafka} SASL_SSL as its own SCRAM user (a new password every start),
   * trusting the broker's authority. The same settings the deployment in AWS gives each container
   * and job (terraform/modules/eks/README.md), with SCRAM in place of IAM.
   */
  private KafkaConnection kafkaConnection(String principal) {
    return kafka.scram() ? kafka.scramUser(principal) : kafka.connection();
  }

  /**
   * The local OpenID provider: users in PostgreSQL, signing with the stack's key, the web app on
   * the proxy (as localhost and 127.0.0.1) as its one client.
   */
  private List<String> identityProperties() {
    Ports ports = options.ports();
    List<String> origins =
        List.of("http://localhost:" + ports.proxy(), "http://127.0.0.1:" + ports.proxy());
    Path keys = data.resolve("keys");
    return List.of(
        "--exchange.identity.issuer=" + issuerUrl(ports),
        "--exchange.identity.client-id=" + WEB_CLIENT_ID,
        "--exchange.identity.redirect-uris="
            + String.join(",", origins.stream().map(o -> o + "/callback").toList()),
        "--exchange.identity.post-logout-redirect-uris="
            + String.join(",", origins.stream().map(o -> o + "/").toList()),
        "--exchange.identity.allowed-origins=" + String.join(",", origins),
        "--exchange.identity.registered-hook=http://127.0.0.1:"
            + ports.issuer()
            + "/dev/registered",
        "--exchange.identity.private-key-file=" + DevIssuer.privateKeyFile(keys),
        "--exchange.identity.public-key-file=" + DevIssuer.publicKeyFile(keys),
        "--spring.datasource.url=" + postgres.jdbcUrl(IDENTITY_DATABASE),
        "--spring.datasource.username=" + postgres.user(),
        "--spring.datasource.password=" + postgres.password());
  }

  /**
   * The web app's {@code config.json}: one origin for the APIs, the local provider to sign in with,
   * and the dev sign-in the e2e browser test uses ({@code /?dev-sign-in}).
   */
  static String webAppConfig(Ports ports) {
    return "{\"apiBase\":\"\",\"wsBase\":\"\",\"oidc\":{\"authority\":\""
        + issuerUrl(ports)
        + "\",\"clientId\":\""
        + WEB_CLIENT_ID
        + "\"},\"devSignIn\":true}";
  }

  /**
   * A Spring service; one that uses Kafka gets its connection as the {@code EXCHANGE_KAFKA_*}
   * environment variables, as its container in AWS does.
   */
  private Component service(
      String name, int port, int managementPort, List<String> props, boolean usesKafka) {
    SpringService service =
        new SpringService(
            name,
            requireFile(options.projectDir().resolve(name + "/target/" + name + ".jar")),
            port,
            managementPort,
            props,
            usesKafka ? kafkaConnection(name).environment() : Map.of(),
            logs.resolve(name + ".log"),
            tmp());
    return new Component(
        name,
        service.logFile(),
        () -> {
          services.put(name, service);
          started.push(service);
          service.start();
          supervisor.watch(name, service::downReason, service::restart);
        },
        service::awaitReady);
  }

  /** The Flink session cluster, then every job of the catalog in flink-jobs.jar. */
  private List<Component> flink(Path jobJar) {
    List<JobCatalog.Entry> catalog = JobCatalog.read(jobJar);
    int slots = Math.max(2, catalog.size() * options.parallelism());
    return List.of(
        Component.of(
            "Flink session cluster",
            logs.resolve("flink-jobmanager.log"),
            () -> {
              flink =
                  FlinkCluster.create(
                      data.resolve("flink"),
                      runtimeClasspath(),
                      options.ports().flinkRest(),
                      options.ports().flinkRpc(),
                      options.ports().flinkJobManagerMetrics(),
                      options.ports().flinkTaskManagerMetrics(),
                      slots,
                      logs);
              started.push(flink);
              flink.start();
              supervisor.watch(JOB_MANAGER, flink::jobManagerDown, flink::restartJobManager);
              supervisor.watch(TASK_MANAGER, flink::taskManagerDown, flink::restartTaskManager);
            }),
        Component.of(
            "Flink jobs",
            logs.resolve("flink-jobmanager.log"),
            () -> {
              jobs =
                  new JobControl(
                      flink.rest(),
                      flink.directory(),
                      jobJar,
                      options.parallelism(),
                      catalog.stream().map(this::submission).toList());
              submitted = jobs.submitAll();
              report(submitted);
              jobs.awaitRunning(Duration.ofMinutes(3));
              supervisor.watch(JOBS, this::missingJobs, this::resubmitMissingJobs);
            }));
  }

  private void report(List<JobControl.Submitted> submissions) {
    for (JobControl.Submitted s : submissions) {
      out.println(
          "      "
              + s.name()
              + " "
              + s.jobId()
              + s.restoredFrom().map(p -> " resumed from " + p).orElse(" (new)"));
    }
  }

  /**
   * Which jobs the cluster lost (a restarted JobManager knows none) or failed for good; nothing
   * while the JobManager itself is down, which is its own restart (and one that does not answer yet
   * throws, which the supervisor takes for "cannot tell").
   */
  private Optional<String> missingJobs() {
    if (flink.jobManagerDown().isPresent()) {
      return Optional.empty();
    }
    List<String> missing = jobs.missing().stream().map(StackJob::name).toList();
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("not running in the cluster: " + String.join(", ", missing));
  }

  /** Submits the missing jobs again, as a start does, from their newest retained snapshots. */
  private void resubmitMissingJobs() {
    List<StackJob> missing = jobs.missing();
    if (!missing.isEmpty()) {
      report(jobs.submit(missing));
      jobs.awaitRunning(Duration.ofMinutes(3));
    }
  }

  /** The one origin (nginx), the default instruments and, if asked, the market simulator. */
  private List<Component> front() {
    Ports ports = options.ports();
    List<Component> front = new ArrayList<>();
    front.add(
        Component.of(
            PROXY + " (nginx)",
            data.resolve("proxy/error.log"),
            () -> {
              proxy =
                  ReverseProxy.create(
                      data.resolve("proxy"),
                      ports.proxy(),
                      options.projectDir().resolve("frontend/dist"),
                      webAppConfig(ports),
                      ports.edgeApi(),
                      ports.wsRelay(),
                      ports.history(),
                      ports.issuer());
              started.push(proxy);
              proxy.start();
              supervisor.watch(PROXY, proxy::downReason, proxy::restart);
            }));
    front.add(
        Component.of(
            "instruments",
            logs.resolve("flink-taskmanager.log"),
            () -> {
              Instruments.ensureListed(
                  http, baseUrl(), token("admin", true), Duration.ofMinutes(2));
            }));
    if (options.simulate()) {
      front.add(
          Component.of(
              "market simulator",
              null,
              () -> {
                simulator =
                    new MarketSimulator(
                        http,
                        baseUrl(),
                        this::token,
                        Instruments.DEFAULTS,
                        logs.resolve("simulator.log"));
                started.push(simulator);
                simulator.start();
              }));
    }
    return front;
  }

  /**
   * A job of the catalog with the stack's values for its flags. Only the jobs that take the
   * environment's checkpoint interval get the stack's (matching, market-data: their readers wait
   * for their checkpoints); history and lakehouse keep their own, longer defaults
   * (docs/performance.md).
   */
  private StackJob submission(JobCatalog.Entry job) {
    Map<String, List<String>> supplied = new LinkedHashMap<>();
    // The Kafka settings as the job's flags: the session cluster runs every job, so each job's
    // user goes with its submission rather than in the cluster's environment.
    kafkaConnection(job.name()).settings().forEach((s, v) -> supplied.put(s.key(), List.of(v)));
    supplied.put("parallelism", List.of(Integer.toString(options.parallelism())));
    supplied.put(
        "checkpoint-dir",
        List.of(data.resolve("flink/checkpoints").resolve(job.name()).toUri().toString()));
    if (job.environmentCheckpointInterval()) {
      supplied.put(
          "checkpoint-interval-ms",
          List.of(Long.toString(options.checkpointInterval().toMillis())));
    }
    supplied.put("jdbc-url", List.of(postgres.jdbcUrl(DATABASE)));
    supplied.put("jdbc-user", List.of(postgres.user()));
    supplied.put("jdbc-password", List.of(postgres.password()));
    List<String> lake = new ArrayList<>();
    lakehouseCatalog()
        .forEach(
            (k, v) -> {
              lake.add(k);
              lake.add(v);
            });
    supplied.put("lakehouse.", lake);
    return job.submission(supplied);
  }

  /** Starts each component and waits until it is ready before the next. */
  private void start(List<Component> components) {
    startBeside(components, List.of());
  }

  /**
   * Starts {@code background} (without waiting), then {@code meanwhile} one after the other, then
   * waits for each of {@code background} to be ready; with no {@code meanwhile}, each component is
   * ready before the next starts.
   */
  private void startBeside(List<Component> background, List<Component> meanwhile) {
    if (meanwhile.isEmpty()) {
      for (Component c : background) {
        awaitReady(c, launch(c));
      }
      return;
    }
    List<Instant> begins = new ArrayList<>();
    for (Component c : background) {
      begins.add(launch(c));
    }
    start(meanwhile);
    for (int i = 0; i < background.size(); i++) {
      awaitReady(background.get(i), begins.get(i));
    }
  }

  private Instant launch(Component c) {
    Instant begin = Instant.now();
    out.printf("  %-24s starting%n", c.name());
    attempt(c, c.start());
    return begin;
  }

  private void awaitReady(Component c, Instant begin) {
    attempt(c, c.awaitReady());
    out.printf(
        "  %-24s ready in %.1f s%s%n",
        c.name(),
        Duration.between(begin, Instant.now()).toMillis() / 1000.0,
        c.log() == null ? "" : "  (log " + data.relativize(c.log()) + ")");
  }

  private void attempt(Component c, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          c.name()
              + " failed to start: "
              + e.getMessage()
              + (c.log() == null ? "" : " [log: " + c.log() + "]"),
          e);
    }
  }

  /**
   * The Iceberg catalog properties (docs/local-services.md, "Iceberg catalog"): JDBC catalog in
   * PostgreSQL, data on S3.
   */
  public Map<String, String> lakehouseCatalog() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
    p.put("uri", postgres.jdbcUrl(LAKEHOUSE_DATABASE));
    p.put("jdbc.user", postgres.user());
    p.put("jdbc.password", postgres.password());
    p.put("jdbc.schema-version", "V1");
    p.put("warehouse", "s3://" + LAKEHOUSE_BUCKET + "/");
    p.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    p.put("s3.endpoint", s3.endpoint());
    p.put("s3.path-style-access", "true");
    p.put("s3.access-key-id", s3.accessKey());
    p.put("s3.secret-access-key", s3.secretKey());
    p.put("client.region", s3.region());
    return p;
  }

  /**
   * PostgreSQL is the one server that does not notice its launcher's death (zonky runs it as a
   * plain child process): after a killed launcher, stop the postmaster still serving our data
   * folder before starting again.
   */
  static void stopOrphanedPostgres(Path pgData) {
    Optional<ProcessHandle> postmaster = PostgresServer.postmaster(pgData);
    if (postmaster.isEmpty()) {
      return;
    }
    postmaster.get().destroy();
    try {
      postmaster.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "an old PostgreSQL of " + pgData + " does not stop; see its postmaster.pid", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The S3 server's {access key, secret key} of the stack whose data folder is {@code data}, made
   * and kept in {@code keys/s3.properties} on its first start.
   */
  public static String[] s3Credentials(Path data) {
    Path file = data.resolve("keys/s3.properties");
    Properties p = new Properties();
    try {
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          p.load(in);
        }
      } else {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        p.setProperty("access-key", "exchange-local");
        p.setProperty("secret-key", HexFormat.of().formatHex(secret));
        Files.createDirectories(file.getParent());
        try (var w = Files.newBufferedWriter(file)) {
          p.store(w, "S3 server credentials of the local stack");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String[] {p.getProperty("access-key"), p.getProperty("secret-key")};
  }

  /**
   * A 32-byte key of the services, base64, made once per data folder and kept under keys/: the AES
   * key sealing API key secrets, the key alert webhook secrets are derived from.
   */
  private String stackKey(String name) {
    Path file = data.resolve("keys").resolve(name);
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(key));
      }
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path tmp() {
    Path tmp = data.resolve("tmp");
    try {
      return Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runtime classpath of this module, written by Maven at build time; runs the Flink JVMs. */
  static String runtimeClasspath() {
    try (InputStream in = LocalStack.class.getResourceAsStream("runtime.classpath")) {
      if (in == null) {
        throw new IllegalStateException(
            "missing runtime.classpath: build the stack module (./mvnw -pl stack -am package)");
      }
      String deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      String own =
          Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
      return deps + java.io.File.pathSeparator + own;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path requireFile(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          file + " is missing: build it first (./mvnw -B package -DskipTests -pl stack -am)");
    }
    return file;
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  // ---- what tests and ops use ----

  /** The one origin: web app, REST and WebSocket, e.g. {@code http://127.0.0.1:8080}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + options.ports().proxy();
  }

  /** The same origin for WebSockets: {@code ws://127.0.0.1:8080} (streams at /ws and /stream). */
  public String wsUrl() {
    return "ws://127.0.0.1:" + options.ports().proxy();
  }

  public String flinkUrl() {
    return "http://127.0.0.1:" + options.ports().flinkRest();
  }

  /** A bearer token from the dev issuer (roles trader, plus admin if asked). */
  public String token(String account, boolean admin) {
    return issuer.token(account, admin);
  }

  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The stack's own connection to the broker (with SCRAM: the super user). */
  public KafkaConnection kafkaConnection() {
    return kafka.connection();
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public PostgresServer postgres() {
    return postgres;
  }

  public S3Server s3() {
    return s3;
  }

  public FlinkCluster flink() {
    return flink;
  }

  public JobControl jobs() {
    return jobs;
  }

  /** The jobs as this start submitted them, with the savepoint or checkpoint each resumed from. */
  public List<JobControl.Submitted> submitted() {
    return submitted;
  }

  public Path dataDir() {
    return data;
  }

  /** How each job stopped at the last stop, a line per job, for {@code ./exchange down}. */
  static Path stopReport(Path dataDir) {
    return dataDir.resolve("logs/stop.log");
  }

  /** The supervisor that restarts crashed components, with their restart counts. */
  Supervisor supervisor() {
    return supervisor;
  }

  public StackOptions options() {
    return options;
  }

  /** A line per URL, as {@code ./exchange up} prints them. */
  public List<String> urls() {
    Ports p = options.ports();
    List<String> lines = new ArrayList<>();
    lines.add("Web app            http://localhost:" + p.proxy() + "/");
    lines.add(
        "REST / WebSocket   http://localhost:"
            + p.proxy()
            + "/api/v1, /api/v3   ws://localhost:"
            + p.proxy()
            + "/ws, /stream");
    lines.add("Flink dashboard    http://localhost:" + p.flinkRest() + "/");
    lines.add(
        "Kafka              localhost:"
            + p.kafka()
            + (kafka.scram()
                ? " (SASL_SSL, SCRAM-SHA-512; super user "
                    + KafkaBroker.ADMIN
                    + " in kafka/scram.properties, CA kafka/tls/ca.pem)"
                : ""));
    lines.add("PostgreSQL         " + postgres.jdbcUrl(DATABASE) + " (user postgres)");
    lines.add(
        "S3 server          "
            + s3.endpoint()
            + " (keys in "
            + data.relativize(data.resolve("keys/s3.properties"))
            + ")");
    lines.add(
        "Sign-in (OpenID)   "
            + issuerUrl(p)
            + "/login  (register there, or Sign in in the web app)");
    lines.add("Token              ./exchange token <account> [--admin]");
    lines.add("Data and logs      " + data + "  (logs/)");
    return lines;
  }

  /** Stops the jobs with savepoints, then everything else, newest first. */
  @Override
  public synchronized void close() {
    stopAll(true);
  }

  private synchronized void stopAll(boolean savepoints) {
    if (closed) {
      return;
    }
    closed = true;
    supervisor.close();
    if (simulator != null) {
      simulator.close();
    }
    if (savepoints && jobs != null && flink != null && flink.jobManagerAlive()) {
      out.println("Stopping jobs with savepoints…");
      List<String> report = jobs.stopAll(SAVEPOINTS_WITHIN);
      report.forEach(line -> out.println("  " + line));
      try {
        Files.write(stopReport(data), report);
      } catch (IOException e) {
        out.println("cannot write " + stopReport(data) + ": " + e.getMessage());
      }
    }
    try {
      if (ownsState) {
        Files.deleteIfExists(StackState.file(data));
        Files.deleteIfExists(Supervisor.file(data));
      }
    } catch (IOException e) {
      out.println("cannot remove " + StackState.file(data) + ": " + e.getMessage());
    }
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        out.println("  stopping " + component + " failed: " + e.getMessage());
      }
    }
    release();
    if (ownsState) {
      out.println("Stopped.");
    }
  }

  private void release() {
    if (claim != null) {
      try {
        claim.close();
      } catch (IOException e) {
        out.println("cannot release " + data.resolve(StackState.LOCK_FILE) + ": " + e.getMessage());
      }
    }
  }
}
