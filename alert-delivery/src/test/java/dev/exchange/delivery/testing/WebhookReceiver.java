package dev.exchange.delivery.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on the loopback address (JDK {@link HttpServer}): a path answers 503 to its
 * first {@code failures} requests and then 200, or always one status, and every request is kept
 * with its headers, body and arrival time.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived. */
  public record Request(
      String path, String signature, String timestamp, String firing, String body, long nanos) {}

  private final HttpServer server;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          var h = exchange.getRequestHeaders();
          requests.add(
              new Request(
                  path,
                  h.getFirst("X-Exchange-Signature"),
                  h.getFirst("X-Exchange-Timestamp"),
                  h.getFirst("X-Exchange-Alert-Firing"),
                  body,
                  System.nanoTime()));
          int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          int status = statuses.getOrDefault(path, n <= failures.getOrDefault(path, 0) ? 503 : 200);
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  /** {@code path} answers 503 to its first {@code n} requests. */
  public String failing(String path, int n) {
    failures.put(path, n);
    return url(path);
  }

  /** {@code path} answers {@code status} to every request. */
  public String answering(String path, int status) {
    statuses.put(path, status);
    return url(path);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The requests to {@code path}, in arrival order. */
  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
