package dev.exchange.stack;

import dev.exchange.localservices.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Spring Boot service jar run as a child JVM; ready when its readiness probe answers 200. */
final class SpringService implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final int managementPort;
  private final ChildJvm jvm;

  SpringService(
      String name,
      Path jar,
      int port,
      int managementPort,
      List<String> properties,
      Map<String, String> environment,
      Path logFile,
      Path tmp) {
    this.name = name;
    this.port = port;
    this.managementPort = managementPort;
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--server.address=127.0.0.1");
    args.add("--management.server.port=" + managementPort);
    args.add("--management.server.address=127.0.0.1");
    args.addAll(properties);
    this.jvm =
        new ChildJvm(
            name,
            jar.toString(),
            jvmArgs(tmp),
            "org.springframework.boot.loader.launch.JarLauncher",
            args,
            environment,
            logFile);
  }

  private static List<String> jvmArgs(Path tmp) {
    List<String> jvm = new ArrayList<>(List.of("-Xms128m", "-Xmx512m"));
    jvm.addAll(ChildJvm.LEAN);
    jvm.add("-Djava.io.tmpdir=" + tmp);
    return jvm;
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  Path logFile() {
    return jvm.logFile();
  }

  long pid() {
    return jvm.pid();
  }

  void start() {
    jvm.start();
  }

  /** Starts a crashed service again; returns once it is ready. */
  void restart() {
    jvm.start();
    awaitReady();
  }

  /** Why the service's process is not running, or empty while it runs. */
  Optional<String> downReason() {
    return jvm.downReason();
  }

  /** Waits until the readiness probe answers 200; names the log when the service fails. */
  void awaitReady() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!ready()) {
      if (!jvm.isAlive()) {
        throw new IllegalStateException(name + " exited during start; see " + jvm.logFile());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            name + " not ready after " + START_TIMEOUT + "; see " + jvm.logFile());
      }
      FlinkRest.pause(Duration.ofMillis(300));
    }
  }

  boolean ready() {
    return probe(managementPort);
  }

  static boolean probe(int managementPort) {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    jvm.stop();
  }
}
