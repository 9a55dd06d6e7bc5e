package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.localservices.ChildJvm;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stack's supervisor against real components of the stack, each killed with SIGKILL: the
 * reverse proxy (nginx), PostgreSQL and the S3 server (a child JVM, as the broker, the services and
 * Flink's processes are); and the dev issuer, whose first restart fails. The JobManager and
 * TaskManager are killed in the whole stack by {@link LocalStackEndToEndTest}. Data under {@code
 * target/stack-e2e/}, where {@code ./exchange test} looks for leftovers.
 */
class SupervisorTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Ports ports = Ports.free();
  private Path data;
  private Supervisor supervisor;

  @BeforeEach
  void folders() throws IOException {
    Path module = Path.of("").toAbsolutePath();
    data =
        Files.createDirectories(
            module.resolve("target/stack-e2e/supervisor-" + System.currentTimeMillis()));
    supervisor = new Supervisor(Supervisor.file(data), System.out);
  }

  @AfterEach
  void stop() throws Exception {
    supervisor.close();
    while (!started.isEmpty()) {
      started.pop().close();
    }
  }

  @Test
  void theBackoffDoublesFromOneSecondUpToThirty() {
    assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 40).stream().map(Supervisor::backoff))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
  }

  @Test
  void theBackoffGrowsWhileRestartsComeQuicklyAndStartsOverAfterAStableMinute() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Supervisor policy =
        new Supervisor(
            Supervisor.file(data), new PrintStream(printed, true, StandardCharsets.UTF_8));
    AtomicBoolean up = new AtomicBoolean(true);
    policy.watch(
        "component",
        () -> up.get() ? Optional.empty() : Optional.of("crashed"),
        () -> up.set(true));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");

    crashAndRestart(policy, up, printed, t, Duration.ofSeconds(1));
    crashAndRestart(policy, up, printed, t = t.plusSeconds(10), Duration.ofSeconds(2));
    crashAndRestart(policy, up, printed, t = t.plusSeconds(10), Duration.ofSeconds(4));
    policy.check(t = t.plus(Supervisor.STABLE).plusSeconds(4));
    crashAndRestart(policy, up, printed, t.plusSeconds(1), Duration.ofSeconds(1));
    policy.close();

    assertThat(printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" it in ")))
        .extracting(l -> l.substring(l.indexOf("restarting it in ")))
        .containsExactly(
            "restarting it in 1 s",
            "restarting it in 2 s",
            "restarting it in 4 s",
            "restarting it in 1 s");
    assertThat(policy.restarts("component").count()).isEqualTo(4);
  }

  /**
   * Crashes the component at {@code at}, checks that it is restarted {@code backoff} later and not
   * before, and waits until the supervisor reported the restart done.
   */
  private static void crashAndRestart(
      Supervisor policy,
      AtomicBoolean up,
      ByteArrayOutputStream printed,
      Instant at,
      Duration backoff) {
    up.set(false);
    policy.check(at);
    int before = policy.restarts("component").count();
    policy.check(at.plus(backoff).minusMillis(1));
    assertThat(policy.restarts("component").count()).isEqualTo(before);
    policy.check(at.plus(backoff));
    assertThat(policy.restarts("component").count()).isEqualTo(before + 1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                printed
                        .toString(StandardCharsets.UTF_8)
                        .lines()
                        .filter(l -> l.contains(" restarted in "))
                        .count()
                    == before + 1);
  }

  @Test
  void killedComponentsAreRestartedCountedAndServeAgain() throws Exception {
    ReverseProxy proxy = proxy();
    PostgresServer postgres =
        PostgresServer.start(data.resolve("postgres"), ports.postgres(), false);
    started.push(postgres);
    S3Server s3 = S3Server.start(data.resolve("s3"), ports.s3(), "test", "test-secret");
    started.push(s3);
    supervisor.watch(LocalStack.PROXY, proxy::downReason, proxy::restart);
    supervisor.watch(LocalStack.POSTGRES, postgres::downReason, postgres::restart);
    supervisor.watch(LocalStack.S3, s3::downReason, s3::restart);
    supervisor.start();

    nginxMaster().destroyForcibly();
    PostgresServer.postmaster(data.resolve("postgres/data")).orElseThrow().destroyForcibly();
    s3Process().destroyForcibly();

    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(get(ports.proxy(), "/")).isEqualTo(200);
              assertThat(selectOne(postgres)).isEqualTo(1);
              s3.createBucket("after-restart");
              assertThat(supervisor.restarts(LocalStack.PROXY).count()).isEqualTo(1);
              assertThat(supervisor.restarts(LocalStack.POSTGRES).count()).isPositive();
              assertThat(supervisor.restarts(LocalStack.S3).count()).isEqualTo(1);
            });
    assertThat(supervisor.restarts(LocalStack.PROXY).lastReason())
        .isEqualTo("nginx exited with code 137");
    assertThat(supervisor.restarts(LocalStack.S3).lastReason())
        .isEqualTo("s3proxy was killed by signal 9");
    assertThat(supervisor.restarts(LocalStack.POSTGRES).lastReason())
        .contains("postmaster.pid is gone");
    assertThat(Supervisor.read(Supervisor.file(data)))
        .containsEntry(LocalStack.PROXY, supervisor.restarts(LocalStack.PROXY))
        .containsEntry(LocalStack.S3, supervisor.restarts(LocalStack.S3));
  }

  @Test
  void aRestartThatFailsIsTriedAgainAfterALongerBackoff() throws Exception {
    DevIssuer issuer = DevIssuer.load(data.resolve("keys"), "http://localhost:" + ports.identity());
    started.push(issuer);
    issuer.serve(ports.issuer());
    supervisor.watch(LocalStack.ISSUER, issuer::downReason, issuer::restart);
    supervisor.start();

    issuer.close();
    try (ServerSocket taken =
        new ServerSocket(ports.issuer(), 1, InetAddress.getLoopbackAddress())) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> supervisor.restarts(LocalStack.ISSUER).count() >= 2);
      assertThat(issuer.downReason()).isPresent();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(post(ports.issuer(), "/dev/token")).isEqualTo(200));
    assertThat(supervisor.restarts(LocalStack.ISSUER).lastReason())
        .isEqualTo("the dev issuer does not serve");
  }

  private ReverseProxy proxy() throws IOException {
    Path web = Files.createDirectories(data.resolve("web"));
    Files.writeString(web.resolve("index.html"), "<!doctype html><title>exchange</title>");
    ReverseProxy proxy =
        ReverseProxy.create(
            data.resolve("proxy"),
            ports.proxy(),
            web,
            LocalStack.webAppConfig(ports),
            ports.edgeApi(),
            ports.wsRelay(),
            ports.history(),
            ports.issuer());
    started.push(proxy);
    proxy.start();
    return proxy;
  }

  /** The S3 server's JVM (its command line names its folder). */
  private ProcessHandle s3Process() {
    String folder = data.resolve("s3").toString();
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .filter(c -> c.contains(ChildJvm.MARKER + "s3proxy") && c.contains(folder))
                    .isPresent())
        .findFirst()
        .orElseThrow();
  }

  /** The nginx master of this test's proxy, as its pid file names it. */
  private ProcessHandle nginxMaster() throws IOException {
    long pid = Long.parseLong(Files.readString(data.resolve("proxy/nginx.pid")).strip());
    return ProcessHandle.of(pid).orElseThrow();
  }

  private int get(int port, String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
  }

  private int post(int port, String path) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"alice\",\"admin\":false}")));
  }

  private int send(HttpRequest.Builder request) {
    try {
      return http.send(
              request.timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int selectOne(PostgresServer postgres) throws SQLException {
    try (Connection c = postgres.dataSource("postgres").getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
