package dev.exchange.bench.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The relay under test as its own JVM ({@code java -jar ws-relay.jar}), on free ports, with a
 * throw-away RSA key for its (unused here) private stream. Output goes to {@code relay.log} in the
 * run directory; {@link #close} stops it with SIGTERM and waits.
 */
final class RelayProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final int port;
  private final int management;
  private final Path log;
  private final Path gcLog;

  private RelayProcess(Process process, int port, int management, Path log, Path gcLog) {
    this.process = process;
    this.port = port;
    this.management = management;
    this.log = log;
    this.gcLog = gcLog;
  }

  /**
   * @param heap {@code -Xms} and {@code -Xmx}
   * @param jvmOptions further JVM options (the collector, e.g. {@code -XX:+UseZGC}); a GC log
   *     ({@code relay-gc.log}) is always written to {@code dir}
   * @param extra application arguments
   */
  static RelayProcess start(
      Path jar,
      Path dir,
      String bootstrapServers,
      String heap,
      List<String> jvmOptions,
      List<String> extra)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          jar + " not found: build it with ./mvnw -B -q -pl ws-relay -am package -DskipTests");
    }
    Files.createDirectories(dir);
    int port = freePort();
    int management = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path gcLog = dir.resolve("relay-gc.log");
    cmd.addAll(List.of("-Xms" + heap, "-Xmx" + heap));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-Xlog:gc,gc+phases:file=" + gcLog, "-jar", jar.toString()));
    cmd.add("--server.port=" + port);
    cmd.add("--management.server.port=" + management);
    cmd.add("--exchange.kafka.bootstrap-servers=" + bootstrapServers);
    cmd.add("--exchange.security.public-key=" + throwAwayPublicKeyPem());
    cmd.add("--exchange.security.issuer=https://no-tokens.bench.local");
    cmd.addAll(extra);
    Path log = dir.resolve("relay.log");
    Process process =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RelayProcess relay = new RelayProcess(process, port, management, log, gcLog);
    relay.awaitReady(management);
    return relay;
  }

  int port() {
    return port;
  }

  /** The relay's Prometheus scrape ({@code /actuator/prometheus}), or an empty string. */
  String metrics() {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + management + "/actuator/prometheus"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  Path gcLog() {
    return gcLog;
  }

  /** CPU time the relay JVM has used so far, in milliseconds (-1 if the OS does not say). */
  long cpuMillis() {
    return process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
  }

  private void awaitReady(int management) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    URI readiness = URI.create("http://localhost:" + management + "/actuator/health/readiness");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the relay exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    close();
    throw new IllegalStateException(
        "the relay was not ready within " + READY_TIMEOUT + "; see " + log);
  }

  private static String throwAwayPublicKeyPem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return "-----BEGIN PUBLIC KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
          + "\n-----END PUBLIC KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
