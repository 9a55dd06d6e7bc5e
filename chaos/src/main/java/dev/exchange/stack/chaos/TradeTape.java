package dev.exchange.stack.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A market-data subscriber on the public trade stream of one symbol, through the stack's origin
 * like any client: it records every trade it receives (id → price and quantity as sent) and
 * reconnects whenever the relay or the proxy drops it, as a client is told to.
 */
final class TradeTape implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RECONNECT_AFTER = Duration.ofMillis(500);

  private final HttpClient http;
  private final URI uri;
  private final Map<Long, String> received = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile WebSocket socket;

  TradeTape(HttpClient http, String wsBaseUrl, String symbol) {
    this.http = http;
    this.uri = URI.create(wsBaseUrl + "/ws/" + symbol.toLowerCase(Locale.ROOT) + "@trade");
    this.thread = new Thread(this::run, "trade-tape-" + symbol);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** The trades received so far: trade id → {@code price@quantity} as the stream sent them. */
  Map<Long, String> received() {
    return Map.copyOf(received);
  }

  private void run() {
    while (running) {
      CompletableFuture<Void> closed = new CompletableFuture<>();
      try {
        socket =
            http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener(closed))
                .get(10, TimeUnit.SECONDS);
        closed.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // Not connected or dropped: the relay or the proxy is down; try again shortly.
      }
      java.util.concurrent.locks.LockSupport.parkNanos(RECONNECT_AFTER.toNanos());
    }
  }

  @Override
  public void close() {
    running = false;
    WebSocket s = socket;
    if (s != null) {
      s.abort();
    }
    thread.interrupt();
  }

  private final class Listener implements WebSocket.Listener {
    private final CompletableFuture<Void> closed;
    private final StringBuilder partial = new StringBuilder();

    Listener(CompletableFuture<Void> closed) {
      this.closed = closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode frame = JSON.readTree(partial.toString());
          if ("trade".equals(frame.path("e").asText())) {
            received.put(
                frame.path("t").asLong(),
                frame.path("p").asText() + "@" + frame.path("q").asText());
          }
        } catch (java.io.IOException e) {
          received.put(-1L, "unreadable frame: " + partial);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(null);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(null);
    }
  }
}
