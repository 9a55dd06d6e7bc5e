package dev.exchange.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one origin: nginx on the proxy port serving the web app and routing paths exactly as the AWS
 * load balancer does ({@code terraform/modules/edge/variables.tf} {@code routes}), WebSockets
 * included. Runs in the foreground under a shell that stops it when the launcher's pipe closes, so
 * it never outlives the stack.
 */
final class ReverseProxy implements AutoCloseable {

  /** edge-api routes, as the ALB listener rules. */
  static final List<String> EDGE_API =
      List.of(
          "/api/v1/orders*",
          "/api/v1/instruments*",
          "/api/v1/admin/*",
          "/api/v1/assets*",
          "/api/v1/api-keys*",
          "/api/v1/alerts*",
          "/api/v3/order/test",
          "/api/v3/userDataStream");

  static final List<String> HISTORY =
      List.of(
          "/api/v1/history/*",
          "/api/v1/account*",
          "/api/v3/klines",
          "/api/v3/trades",
          "/api/v3/historicalTrades",
          "/api/v3/aggTrades",
          "/api/v3/exchangeInfo",
          "/api/v3/allOrders",
          "/api/v3/myTrades",
          "/api/v3/account");

  /**
   * Binance's signed paths that two services share by method, as the ALB's method rules ({@code
   * method_routes} in terraform/modules/edge/variables.tf): reads on history-service, orders and
   * cancels on edge-api. Any other method gets the unknown-path 404.
   */
  static final List<String> BY_METHOD = List.of("/api/v3/order", "/api/v3/openOrders");

  static final List<String> HISTORY_METHODS = List.of("GET");
  static final List<String> EDGE_API_METHODS = List.of("POST", "DELETE");

  static final List<String> WS_RELAY =
      List.of(
          "/ws",
          "/ws/*",
          "/ws-api/*",
          "/stream*",
          "/api/v3/depth",
          "/api/v3/ticker/*",
          "/api/v1/ws-ticket");

  /**
   * The body of a 404 for an unknown /api/ path, as terraform/modules/edge's ALB default action.
   */
  static final String UNKNOWN_API_PATH = "{\"code\":-1000,\"msg\":\"Unknown path.\"}";

  /**
   * The body of a 404 for an unknown /api/v1/ path: a problem document as the services' own errors
   * under /api/v1 (terraform/modules/edge's ALB rule answers the same body).
   */
  static final String UNKNOWN_V1_PATH =
      "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
          + "\"detail\":\"No endpoint at this path.\",\"code\":\"UNKNOWN_PATH\"}";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Path dir;
  private final int port;
  private final Path logFile;
  private Process process;

  private ReverseProxy(Path dir, int port) {
    this.dir = dir;
    this.port = port;
    this.logFile = dir.resolve("error.log");
  }

  /**
   * Writes {@code nginx.conf} under {@code dir}, and the web app's {@code config.json} it serves
   * instead of the build's (the stack's OpenID provider and dev sign-in, docs/identity.md).
   */
  static ReverseProxy create(
      Path dir,
      int port,
      Path webRoot,
      String webAppConfig,
      int edgePort,
      int relayPort,
      int historyPort,
      int issuerPort) {
    try {
      Files.createDirectories(dir.resolve("tmp"));
      Files.writeString(dir.resolve("config.json"), webAppConfig);
      Files.writeString(
          dir.resolve("nginx.conf"),
          config(dir, port, webRoot, edgePort, relayPort, historyPort, issuerPort));
      return new ReverseProxy(dir, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String nginx() {
    for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "nginx is not installed: './exchange up' installs it (apt-get install nginx-light), or install it yourself");
  }

  static String config(
      Path dir,
      int port,
      Path webRoot,
      int edgePort,
      int relayPort,
      int historyPort,
      int issuerPort) {
    StringBuilder c = new StringBuilder();
    c.append(
        "# Written by the local stack on every start; routes as terraform/modules/edge/variables.tf.\n");
    c.append("daemon off;\nmaster_process on;\nworker_processes 1;\n");
    c.append("pid ").append(dir.resolve("nginx.pid")).append(";\n");
    c.append("error_log ").append(dir.resolve("error.log")).append(" warn;\n");
    c.append("worker_shutdown_timeout 3s;\n");
    c.append("events { worker_connections 8192; }\n");
    c.append("http {\n");
    Path mime = Path.of("/etc/nginx/mime.types");
    if (Files.exists(mime)) {
      c.append("  include ").append(mime).append(";\n");
    }
    c.append("  default_type application/octet-stream;\n");
    // Buffered: one write a second instead of one per request (docs/performance.md).
    c.append("  access_log ")
        .append(dir.resolve("access.log"))
        .append(" combined buffer=64k flush=1s;\n");
    Path tmp = dir.resolve("tmp");
    c.append("  client_body_temp_path ").append(tmp.resolve("body")).append(";\n");
    c.append("  proxy_temp_path ").append(tmp.resolve("proxy")).append(";\n");
    c.append("  fastcgi_temp_path ").append(tmp.resolve("fastcgi")).append(";\n");
    c.append("  sendfile on;\n  keepalive_requests 100000;\n  server_tokens off;\n");
    c.append("  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }\n");
    upstream(c, "edge_api", edgePort);
    upstream(c, "ws_relay", relayPort);
    upstream(c, "dev_issuer", issuerPort);
    upstream(c, "history_service", historyPort);
    c.append("  map $request_method $by_method {");
    HISTORY_METHODS.forEach(m -> c.append(' ').append(m).append(" history_service;"));
    EDGE_API_METHODS.forEach(m -> c.append(' ').append(m).append(" edge_api;"));
    c.append(" default \"\"; }\n");
    c.append("  server {\n");
    c.append("    listen 127.0.0.1:").append(port).append(";\n");
    c.append("    root ").append(webRoot).append(";\n");
    c.append("    proxy_http_version 1.1;\n");
    c.append("    proxy_set_header Host $http_host;\n");
    c.append("    proxy_set_header Upgrade $http_upgrade;\n");
    c.append("    proxy_set_header Connection $connection_upgrade;\n");
    c.append("    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n");
    c.append("    proxy_set_header X-Forwarded-Proto $scheme;\n");
    c.append("    proxy_read_timeout 3600s;\n    proxy_send_timeout 3600s;\n");
    c.append("    proxy_buffering off;\n");
    for (String route : EDGE_API) {
      location(c, route, "proxy_pass http://edge_api;");
    }
    for (String route : HISTORY) {
      location(c, route, "proxy_pass http://history_service;");
    }
    for (String route : WS_RELAY) {
      location(c, route, "proxy_pass http://ws_relay;");
    }
    for (String route : BY_METHOD) {
      location(
          c,
          route,
          "default_type application/json; if ($by_method = \"\") { return 404 '"
              + UNKNOWN_API_PATH
              + "'; } proxy_pass http://$by_method;");
    }
    location(c, "/dev/*", "proxy_pass http://dev_issuer;");
    // Any other /api/ path is a mistyped or unknown endpoint: a JSON 404 as the ALB's default
    // action answers, never the web app's index.html.
    c.append("    location /api/v1/ { default_type application/problem+json; return 404 '")
        .append(UNKNOWN_V1_PATH)
        .append("'; }\n");
    c.append("    location /api/ { default_type application/json; return 404 '")
        .append(UNKNOWN_API_PATH)
        .append("'; }\n");
    c.append("    location = /config.json { add_header Cache-Control \"no-store\" always; alias ")
        .append(dir.resolve("config.json"))
        .append("; }\n");
    c.append("    location = /index.html { add_header Cache-Control \"no-cache\" always; }\n");
    c.append("    location / { try_files $uri $uri/ /index.html; }\n");
    c.append("  }\n}\n");
    return c.toString();
  }

  private static void upstream(StringBuilder c, String name, int port) {
    c.append("  upstream ")
        .append(name)
        .append(" { server 127.0.0.1:")
        .append(port)
        .append("; keepalive 64; }\n");
  }

  /**
   * An ALB path pattern as an nginx location: {@code /a*} is the prefix {@code /a}, {@code /a/*}
   * the prefix {@code /a/}, anything else an exact match.
   */
  static void location(StringBuilder c, String pattern, String body) {
    String location =
        pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : "= " + pattern;
    c.append("    location ").append(location).append(" { ").append(body).append(" }\n");
  }

  synchronized void start() {
    String nginx = nginx();
    Path conf = dir.resolve("nginx.conf");
    String prefix = dir + "/";
    try {
      Process test =
          new ProcessBuilder(
                  nginx, "-t", "-q", "-p", prefix, "-e", logFile.toString(), "-c", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      if (!test.waitFor(20, TimeUnit.SECONDS) || test.exitValue() != 0) {
        throw new IllegalStateException("nginx rejected " + conf + "; see " + logFile);
      }
      // The shell stops nginx (graceful QUIT) once our end of its stdin closes, even if we are
      // killed.
      // (A background job's stdin is /dev/null unless redirected explicitly, hence fd 3.)
      String script =
          "exec 3<&0; \"$0\" -p \"$1\" -e \"$2\" -c \"$3\" </dev/null & pid=$!;"
              + " (cat <&3 >/dev/null; kill -QUIT $pid 2>/dev/null) & exec 3<&-; wait $pid";
      process =
          new ProcessBuilder(
                  "/bin/sh", "-c", script, nginx, prefix, logFile.toString(), conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start nginx; see " + logFile, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "nginx exited during start (port " + port + " in use?); see " + logFile);
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "nginx not listening after " + START_TIMEOUT + "; see " + logFile);
        }
        FlinkRest.pause(Duration.ofMillis(100));
      }
    }
  }

  /** Why nginx is not running, or empty while it runs. */
  synchronized Optional<String> downReason() {
    if (process == null) {
      return Optional.of("nginx is not started");
    }
    return process.isAlive()
        ? Optional.empty()
        : Optional.of("nginx exited with code " + process.exitValue());
  }

  /** Starts nginx again after it died (its shell goes too); returns once it listens. */
  synchronized void restart() {
    close();
    start();
  }

  Path logFile() {
    return logFile;
  }

  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process = null;
      stopLeftovers();
    }
  }

  /**
   * Kills what a killed nginx master leaves behind: its workers live on, orphaned, still holding
   * the port. They are this proxy's when they hold one of its files (the logs) open.
   */
  private void stopLeftovers() {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      return;
    }
    ProcessHandle.allProcesses()
        .filter(p -> p.info().command().filter(c -> c.endsWith("/nginx")).isPresent())
        .filter(p -> holdsFileIn(p, real))
        .forEach(
            p -> {
              p.destroyForcibly();
              p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join();
            });
  }

  private static boolean holdsFileIn(ProcessHandle process, Path dir) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
      return fds.anyMatch(fd -> linksInto(fd, dir));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  private static boolean linksInto(Path fd, Path dir) {
    try {
      return Files.readSymbolicLink(fd).startsWith(dir);
    } catch (IOException e) {
      return false;
    }
  }
}
