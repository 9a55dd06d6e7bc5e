package dev.exchange.stack;

import dev.exchange.model.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@code ./exchange} commands that run the local stack: {@code up}, {@code down}, {@code
 * status}, {@code token}, {@code fund}, {@code savepoint}, {@code redeploy}. Ops commands find the
 * running stack through {@code <data>/stack.json}.
 */
public final class Main {

  private Main() {}

  public static void main(String[] argv) {
    try {
      run(new ArrayList<>(List.of(argv)));
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      System.err.println("exchange: " + e.getMessage());
      System.exit(1);
    }
  }

  static void run(List<String> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("no command; see ./exchange help");
    }
    String command = args.remove(0);
    Path project = Path.of(option(args, "--project").orElse(".")).toAbsolutePath().normalize();
    Path data =
        Path.of(option(args, "--data").orElse(project.resolve(".data").toString()))
            .toAbsolutePath()
            .normalize();
    switch (command) {
      case "up" -> up(project, data, args);
      case "down" -> down(data);
      case "status" -> status(data);
      case "token" -> token(data, args);
      case "fund" -> fund(data, args);
      case "savepoint" -> savepoint(data, args);
      case "redeploy" -> redeploy(data, args);
      default -> throw new IllegalArgumentException("unknown command '" + command + "'");
    }
  }

  private static void up(Path project, Path data, List<String> args) {
    boolean fresh = flag(args, "--fresh");
    boolean noSim = flag(args, "--no-sim");
    boolean secureKafka = flag(args, "--secure-kafka");
    int parallelism = Integer.parseInt(option(args, "--parallelism").orElse("1"));
    Ports ports = flag(args, "--free-ports") ? Ports.free() : Ports.defaults();
    ports =
        ports.withProxyAndFlink(
            Integer.parseInt(option(args, "--proxy-port").orElse(Integer.toString(ports.proxy()))),
            Integer.parseInt(
                option(args, "--flink-port").orElse(Integer.toString(ports.flinkRest()))));
    rejectRest(args);
    StackOptions options =
        StackOptions.defaults(project)
            .withDataDir(data)
            .withFresh(fresh)
            .withSimulate(!noSim)
            .withParallelism(parallelism)
            .withPorts(ports)
            .withSecureKafka(secureKafka);
    // SIGINT/SIGTERM are handled here rather than in a shutdown hook: shutdown hooks run all at
    // once, and the embedded PostgreSQL's own hook would stop the database while the history job is
    // still taking its savepoint. The stack is closed first, in order; then the JVM exits.
    CountDownLatch stopRequested = new CountDownLatch(1);
    for (String name : List.of("INT", "TERM", "HUP")) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stopRequested.countDown());
    }
    LocalStack stack = LocalStack.start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-shutdown"));
    System.out.println();
    System.out.println(
        "The exchange is up"
            + (options.simulate() ? ", with the market simulator" : "")
            + ". Ctrl-C stops it (jobs are stopped with savepoints).");
    stack.urls().forEach(line -> System.out.println("  " + line));
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.println();
    stack.close();
    System.exit(0);
  }

  private static void down(Path data) {
    StackState state =
        StackState.running(data)
            .orElseThrow(() -> new IllegalStateException("no stack is running from " + data));
    ProcessHandle launcher = ProcessHandle.of(state.pid()).orElseThrow();
    System.out.println(
        "Stopping the stack (pid "
            + state.pid()
            + "); jobs take savepoints first (within "
            + LocalStack.SAVEPOINTS_WITHIN.toSeconds()
            + " s, else they are cancelled and resume from their retained checkpoints)…");
    Path report = LocalStack.stopReport(data);
    try {
      Files.deleteIfExists(report);
      launcher.destroy();
      launcher.onExit().get(5, TimeUnit.MINUTES);
      if (Files.exists(report)) {
        Files.readAllLines(report).forEach(line -> System.out.println("  " + line));
      }
      System.out.println("Stopped.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "the stack did not stop within 5 minutes (pid " + state.pid() + ")");
    }
  }

  private static void token(Path data, List<String> args) {
    boolean admin = flag(args, "--admin");
    if (args.size() != 1) {
      throw new IllegalArgumentException("usage: ./exchange token <account> [--admin]");
    }
    if (!Files.exists(data.resolve("keys/dev-issuer-private.pem"))) {
      throw new IllegalStateException(
          "no dev issuer key in " + data + "/keys: start the stack once (./exchange up)");
    }
    System.out.println(issuer(data).token(args.get(0), admin));
  }

  /**
   * The dev shortcut with the running stack's issuer, or the default ports' when none runs (the
   * tokens are then for a stack started later with the default ports).
   */
  private static DevIssuer issuer(Path data) {
    return StackState.running(data)
        .map(StackState::devIssuer)
        .orElseGet(
            () -> DevIssuer.load(data.resolve("keys"), LocalStack.issuerUrl(Ports.defaults())));
  }

  /** Deposits to an account through the running stack's edge-api, with a fresh transfer id. */
  private static void fund(Path data, List<String> args) {
    if (args.size() != 3) {
      throw new IllegalArgumentException(
          "usage: ./exchange fund <account> <asset> <amount>, e.g. fund alice USDT 1000.5");
    }
    StackState state = requireRunning(data);
    String account = args.get(0);
    String asset = args.get(1);
    String amount = args.get(2);
    String transferId = "cli-" + UUID.randomUUID();
    String adminToken = issuer(data).token("admin", true);
    Funding.deposit(
        HttpClient.newHttpClient(),
        "http://127.0.0.1:" + state.ports().proxy(),
        adminToken,
        account,
        asset,
        amount,
        transferId);
    System.out.println(
        "deposit of "
            + amount
            + " "
            + asset
            + " to "
            + account
            + " accepted (transferId "
            + transferId
            + "); the accounts job credits it");
  }

  private static void savepoint(Path data, List<String> args) {
    if (args.size() != 1) {
      throw new IllegalArgumentException("usage: ./exchange savepoint <job>");
    }
    StackState state = requireRunning(data);
    Path path = state.jobControl().savepoint(args.get(0));
    System.out.println(path);
  }

  private static void redeploy(Path data, List<String> args) {
    Optional<Path> from = option(args, "--from-savepoint").map(p -> Path.of(p).toAbsolutePath());
    if (args.size() != 1) {
      throw new IllegalArgumentException(
          "usage: ./exchange redeploy <job> [--from-savepoint PATH]");
    }
    StackState state = requireRunning(data);
    JobControl.Submitted s = state.jobControl().redeploy(args.get(0), from);
    System.out.println(
        "redeployed "
            + s.name()
            + " as job "
            + s.jobId()
            + s.restoredFrom().map(p -> " from " + p).orElse(" without state"));
  }

  private static void status(Path data) {
    StackState state = requireRunning(data);
    Ports p = state.ports();
    System.out.println("Stack from " + state.dataDir() + " (launcher pid " + state.pid() + ")");
    Map<String, Supervisor.Restarts> restarts =
        Supervisor.read(Supervisor.file(Path.of(state.dataDir())));
    Map<String, Integer> ports = new java.util.LinkedHashMap<>();
    ports.put(LocalStack.PROXY, p.proxy());
    ports.put(LocalStack.ISSUER, p.issuer());
    ports.put(LocalStack.KAFKA, p.kafka());
    ports.put(LocalStack.POSTGRES, p.postgres());
    ports.put(LocalStack.S3, p.s3());
    ports.put(LocalStack.JOB_MANAGER, p.flinkRest());
    for (var e : ports.entrySet()) {
      System.out.printf(
          "  %-18s %-9s :%-17d %s%n",
          e.getKey(),
          listening(e.getValue()) ? "up" : "DOWN",
          e.getValue(),
          restarts(restarts, e.getKey()));
    }
    Map<String, Integer> services = new java.util.LinkedHashMap<>();
    services.put("edge-api", p.edgeApiManagement());
    services.put("ws-relay", p.wsRelayManagement());
    services.put("history-service", p.historyManagement());
    services.put("identity", p.identityManagement());
    services.put("alert-delivery", p.alertDeliveryManagement());
    for (var e : services.entrySet()) {
      System.out.printf(
          "  %-18s %-9s (readiness :%d) %s%n",
          e.getKey(),
          SpringService.probe(e.getValue()) ? "ready" : "NOT READY",
          e.getValue(),
          restarts(restarts, e.getKey()));
    }
    for (String name : List.of(LocalStack.TASK_MANAGER, LocalStack.JOBS)) {
      System.out.printf("  %-18s %-28s %s%n", name, "", restarts(restarts, name));
    }
    JobControl control = state.jobControl();
    var slots = control.rest().slots();
    System.out.println(
        "Flink: "
            + slots.map(s -> s[0] + " task slots, " + s[1] + " free").orElse("not answering"));
    if (slots.isPresent()) {
      for (FlinkRest.Job job : control.rest().jobs()) {
        if (!job.active()) {
          continue;
        }
        String checkpoint =
            control
                .rest()
                .latestCheckpoint(job.id())
                .map(
                    c ->
                        "checkpoint "
                            + c.id()
                            + " "
                            + Duration.between(Instant.ofEpochMilli(c.completedAt()), Instant.now())
                                .toSeconds()
                            + " s ago")
                .orElse("no checkpoint yet");
        System.out.printf("  %-12s %-10s %s  %s%n", job.name(), job.state(), job.id(), checkpoint);
      }
    }
    System.out.println("Consumer lag (committed offsets vs. last committed record):");
    lag(state.kafkaConnection())
        .forEach((group, lag) -> System.out.printf("  %-28s %d%n", group, lag));
  }

  private static String restarts(Map<String, Supervisor.Restarts> restarts, String component) {
    return restarts.getOrDefault(component, Supervisor.Restarts.NONE).describe();
  }

  static Map<String, Long> lag(KafkaConnection connection) {
    Properties props = new Properties();
    props.putAll(connection.clientProperties());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    Map<String, Long> result = new java.util.TreeMap<>();
    try (Admin admin = Admin.create(props)) {
      Set<String> groups =
          admin.listGroups().all().get(10, TimeUnit.SECONDS).stream()
              .map(g -> g.groupId())
              .collect(Collectors.toSet());
      for (String group : groups) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        committed.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
        var ends =
            admin
                .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (var e : committed.entrySet()) {
          if (e.getValue() != null && ends.containsKey(e.getKey())) {
            lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
          }
        }
        result.put(group, lag);
      }
    } catch (Exception e) {
      result.put("(cannot read: " + e.getMessage() + ")", -1L);
    }
    return result;
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static StackState requireRunning(Path data) {
    return StackState.running(data)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no stack is running from " + data + " (start it with ./exchange up)"));
  }

  private static Optional<String> option(List<String> args, String name) {
    int i = args.indexOf(name);
    if (i < 0) {
      return Optional.empty();
    }
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    String value = args.get(i + 1);
    args.remove(i + 1);
    args.remove(i);
    return Optional.of(value);
  }

  private static boolean flag(List<String> args, String name) {
    return args.remove(name);
  }

  private static void rejectRest(List<String> args) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("unknown arguments " + args);
    }
  }
}
