package dev.exchange.stack;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The whole exchange on one machine, from one data folder: Kafka, PostgreSQL, the S3 server, a
 * Flink session cluster running every job, edge-api, ws-relay, history-service (when built), the
 * dev token issuer, the reverse proxy on one origin and, optionally, the market simulator. {@link
 * #close()} stops the jobs with savepoints and everything else cleanly; every child process also
 * dies with this JVM.
 *
 * <p>End-to-end tests start it with {@link StackOptions#forTests} (free ports) and use {@link
 * #baseUrl()}, {@link #wsUrl()} and {@link #token(String, boolean)}.
 */
public final class LocalStack implements AutoCloseable {

  public static final String DATABASE = "exchange";
  public static final String LAKEHOUSE_DATABASE = "lakehouse";
  public static final String LAKEHOUSE_BUCKET = "lakehouse";
  public static final int PARTITIONS = 4;
  static final String LAKEHOUSE_CLASS = "dev.exchange.jobs.lakehouse.LakehouseJob";

  private final StackOptions options;
  private final Path data;
  private final Path logs;
  private final PrintStream out;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
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

  private LocalStack(StackOptions options) {
    this.options = options;
    this.data = options.dataDir();
    this.logs = data.resolve("logs");
    this.out = options.progress();
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

  private void startAll() {
    Optional<StackState> running = StackState.running(data);
    if (running.isPresent()) {
      throw new IllegalStateException(
          "a stack is already running from "
              + data
              + " (pid "
              + running.get().pid()
              + "); stop it first (./exchange down)");
    }
    stopOrphanedPostgres(data.resolve("postgres/data"));
    options.ports().requireFree();
    if (options.fresh()) {
      deleteRecursively(data);
    }
    try {
      Files.createDirectories(logs);
      Files.deleteIfExists(StackState.file(data));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path jobJar = requireFile(options.projectDir().resolve("flink-jobs/target/flink-jobs.jar"));
    Path edgeJar = requireFile(options.projectDir().resolve("edge-api/target/edge-api.jar"));
    Path relayJar = requireFile(options.projectDir().resolve("ws-relay/target/ws-relay.jar"));
    Path historyJar = options.projectDir().resolve("history-service/target/history-service.jar");
    boolean withHistory = Files.exists(historyJar);
    boolean withLakehouse = jarHasClass(jobJar, LAKEHOUSE_CLASS);
    Ports ports = options.ports();
    out.println("Starting the exchange from " + data + (options.fresh() ? " (fresh)" : ""));

    kafka =
        step(
            "Kafka broker",
            data.resolve("kafka/broker.log"),
            () -> {
              KafkaBroker broker =
                  KafkaBroker.start(data.resolve("kafka"), ports.kafka(), ports.kafkaController());
              started.push(broker);
              broker.createExchangeTopics(PARTITIONS);
              return broker;
            });
    postgres =
        step(
            "PostgreSQL",
            data.resolve("postgres/postgres.log"),
            () -> {
              PostgresServer pg =
                  PostgresServer.start(data.resolve("postgres"), ports.postgres(), false);
              started.push(pg);
              pg.createDatabase(DATABASE);
              pg.createDatabase(LAKEHOUSE_DATABASE);
              return pg;
            });
    s3 =
        step(
            "S3 server",
            data.resolve("s3/s3proxy.log"),
            () -> {
              String[] credentials = s3Credentials();
              S3Server server =
                  S3Server.start(data.resolve("s3"), ports.s3(), credentials[0], credentials[1]);
              started.push(server);
              server.createBucket(LAKEHOUSE_BUCKET);
              return server;
            });
    issuer =
        step(
            "dev token issuer",
            null,
            () -> {
              DevIssuer i = DevIssuer.load(data.resolve("keys"));
              started.push(i);
              i.serve(ports.issuer());
              return i;
            });

    String key = issuer.publicKeyPem();
    List<String> security =
        List.of(
            "--exchange.security.public-key=" + key,
            "--exchange.security.issuer=" + DevIssuer.ISSUER);
    List<String> edgeProps = new ArrayList<>(security);
    edgeProps.add("--exchange.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    // Everything local comes from 127.0.0.1: the per-address budget would be shared by every bot,
    // browser and bench account, so only the per-account limits stay as in production.
    edgeProps.add("--exchange.rate-limits.per-address.capacity=1000000");
    edgeProps.add("--exchange.rate-limits.per-address.refill-tokens=1000000");
    edgeProps.add("--server.forward-headers-strategy=native");
    addService(
        new SpringService(
            "edge-api",
            edgeJar,
            ports.edgeApi(),
            ports.edgeApiManagement(),
            edgeProps,
            logs.resolve("edge-api.log"),
            tmp()));
    List<String> relayProps = new ArrayList<>(security);
    relayProps.add("--exchange.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    addService(
        new SpringService(
            "ws-relay",
            relayJar,
            ports.wsRelay(),
            ports.wsRelayManagement(),
            relayProps,
            logs.resolve("ws-relay.log"),
            tmp()));
    if (withHistory) {
      List<String> historyProps = new ArrayList<>(security);
      historyProps.add("--exchange.kafka.bootstrap-servers=" + kafka.bootstrapServers());
      historyProps.add("--spring.datasource.url=" + postgres.jdbcUrl(DATABASE));
      historyProps.add("--spring.datasource.username=" + postgres.user());
      historyProps.add("--spring.datasource.password=" + postgres.password());
      lakehouseCatalog().forEach((k, v) -> historyProps.add("--exchange.lakehouse." + k + "=" + v));
      addService(
          new SpringService(
              "history-service",
              historyJar,
              ports.history(),
              ports.historyManagement(),
              historyProps,
              logs.resolve("history-service.log"),
              tmp()));
    }
    // The services start while the Flink cluster and its jobs do: they need only Kafka,
    // PostgreSQL and the issuer's key, and their start-up overlaps the jobs' (docs/performance.md).
    services.values().forEach(SpringService::start);

    List<StackJob> jobList = new ArrayList<>(jobList(withLakehouse));
    int slots = Math.max(2, jobList.size() * options.parallelism());
    flink =
        step(
            "Flink session cluster",
            logs.resolve("flink-jobmanager.log"),
            () -> {
              FlinkCluster cluster =
                  FlinkCluster.create(
                      data.resolve("flink"),
                      runtimeClasspath(),
                      ports.flinkRest(),
                      ports.flinkRpc(),
                      slots,
                      logs);
              started.push(cluster);
              cluster.start();
              return cluster;
            });
    jobs = new JobControl(flink.rest(), flink.directory(), jobJar, options.parallelism(), jobList);
    step(
        "Flink jobs",
        logs.resolve("flink-jobmanager.log"),
        () -> {
          submitted = jobs.submitAll();
          for (JobControl.Submitted s : submitted) {
            out.println(
                "      "
                    + s.name()
                    + " "
                    + s.jobId()
                    + s.restoredFrom().map(p -> " resumed from " + p).orElse(" (new)"));
          }
          jobs.awaitRunning(Duration.ofMinutes(3));
          return jobs;
        });

    for (SpringService service : services.values()) {
      step(
          service.name(),
          service.logFile(),
          () -> {
            service.awaitReady();
            return service;
          });
    }

    proxy =
        step(
            "reverse proxy (nginx)",
            data.resolve("proxy/error.log"),
            () -> {
              ReverseProxy p =
                  ReverseProxy.create(
                      data.resolve("proxy"),
                      ports.proxy(),
                      options.projectDir().resolve("frontend/dist"),
                      ports.edgeApi(),
                      ports.wsRelay(),
                      withHistory ? ports.history() : 0,
                      ports.issuer());
              started.push(p);
              p.start();
              return p;
            });
    step(
        "instruments",
        logs.resolve("flink-taskmanager.log"),
        () -> {
          Instruments.ensureListed(http, baseUrl(), token("admin", true), Duration.ofMinutes(2));
          return Boolean.TRUE;
        });
    if (options.simulate()) {
      simulator =
          step(
              "market simulator",
              null,
              () -> {
                MarketSimulator sim =
                    new MarketSimulator(
                        http,
                        baseUrl(),
                        this::token,
                        Instruments.DEFAULTS,
                        logs.resolve("simulator.log"));
                started.push(sim);
                sim.start();
                return sim;
              });
    }
    new StackState(
            ProcessHandle.current().pid(),
            options.projectDir().toString(),
            data.toString(),
            ports,
            options.parallelism(),
            jobJar.toString(),
            jobList,
            withHistory)
        .write();
    if (!Files.exists(options.projectDir().resolve("frontend/dist/index.html"))) {
      out.println(
          "  note: frontend/dist is not built; the web app is missing (build: ./mvnw -pl frontend package)");
    }
  }

  private List<StackJob> jobList(boolean withLakehouse) {
    Path checkpoints = data.resolve("flink/checkpoints");
    List<StackJob> list = new ArrayList<>();
    list.add(
        new StackJob(
            "matching",
            "dev.exchange.jobs.matching.MatchingJob",
            jobArgs(checkpoints.resolve("matching"), interval())));
    list.add(
        new StackJob(
            "market-data",
            "dev.exchange.jobs.marketdata.MarketDataJob",
            jobArgs(checkpoints.resolve("market-data"), interval())));
    List<String> jdbc =
        List.of(
            "--jdbc-url",
            postgres.jdbcUrl(DATABASE),
            "--jdbc-user",
            postgres.user(),
            "--jdbc-password",
            postgres.password());
    list.add(
        new StackJob(
            "history",
            "dev.exchange.jobs.history.HistoryJob",
            jobArgs(checkpoints.resolve("history"), jdbc)));
    if (withLakehouse) {
      List<String> lake = new ArrayList<>(jdbc);
      lakehouseCatalog()
          .forEach(
              (k, v) -> {
                lake.add("--lakehouse." + k);
                lake.add(v);
              });
      list.add(
          new StackJob(
              "lakehouse", LAKEHOUSE_CLASS, jobArgs(checkpoints.resolve("lakehouse"), lake)));
    }
    return list;
  }

  private List<String> jobArgs(Path checkpointDir, List<String> extra) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
    args.addAll(List.of("--parallelism", Integer.toString(options.parallelism())));
    args.addAll(List.of("--checkpoint-dir", checkpointDir.toUri().toString()));
    args.addAll(extra);
    return args;
  }

  /**
   * The checkpoint interval of the jobs whose transactional outputs others read read_committed
   * (matching, market-data): it sets how far behind those readers are. The history and lakehouse
   * jobs keep their own, longer defaults (docs/performance.md).
   */
  private List<String> interval() {
    return List.of(
        "--checkpoint-interval-ms", Long.toString(options.checkpointInterval().toMillis()));
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

  private void addService(SpringService service) {
    services.put(service.name(), service);
    started.push(service);
  }

  private <T> T step(String name, Path log, Supplier<T> action) {
    Instant begin = Instant.now();
    out.printf("  %-24s starting%n", name);
    try {
      T result = action.get();
      out.printf(
          "  %-24s ready in %.1f s%s%n",
          name,
          Duration.between(begin, Instant.now()).toMillis() / 1000.0,
          log == null ? "" : "  (log " + data.relativize(log) + ")");
      return result;
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          name + " failed to start: " + e.getMessage() + (log == null ? "" : " [log: " + log + "]"),
          e);
    }
  }

  /**
   * PostgreSQL is the one server that does not notice its launcher's death (zonky runs it as a
   * plain child process): after a killed launcher, stop the postmaster still serving our data
   * folder before starting again.
   */
  static void stopOrphanedPostgres(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
      Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      boolean ours =
          postmaster
              .flatMap(p -> p.info().commandLine())
              .filter(cmd -> cmd.contains(pgData.toString()))
              .isPresent();
      if (ours) {
        postmaster.get().destroy();
        postmaster.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot check " + pidFile + ": " + e.getMessage(), e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "an old PostgreSQL of " + pgData + " does not stop; see " + pidFile, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String[] s3Credentials() {
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

  static boolean jarHasClass(Path jar, String className) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.getEntry(className.replace('.', '/') + ".class") != null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
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

  public boolean hasHistoryService() {
    return services.containsKey("history-service");
  }

  public Path dataDir() {
    return data;
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
    lines.add("Kafka              localhost:" + p.kafka());
    lines.add("PostgreSQL         " + postgres.jdbcUrl(DATABASE) + " (user postgres)");
    lines.add(
        "S3 server          "
            + s3.endpoint()
            + " (keys in "
            + data.relativize(data.resolve("keys/s3.properties"))
            + ")");
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
    if (simulator != null) {
      simulator.close();
    }
    if (savepoints && jobs != null && flink != null && flink.jobManagerAlive()) {
      out.println("Stopping jobs with savepoints…");
      jobs.stopAll().forEach(line -> out.println("  " + line));
    }
    try {
      Files.deleteIfExists(StackState.file(data));
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
    out.println("Stopped.");
  }
}
