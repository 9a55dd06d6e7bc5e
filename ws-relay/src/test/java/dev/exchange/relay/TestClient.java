package dev.exchange.relay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A JDK WebSocket client that records every text frame with its receipt time. */
final class TestClient implements WebSocket.Listener, AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** A received frame. */
  record Received(JsonNode json, String text, long receivedMillis) {}

  final List<Received> frames = new CopyOnWriteArrayList<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  final AtomicInteger pings = new AtomicInteger();
  private final StringBuilder partial = new StringBuilder();
  private final WebSocket socket;

  private TestClient(HttpClient http, URI uri) {
    socket =
        http.newWebSocketBuilder().buildAsync(uri, this).orTimeout(10, TimeUnit.SECONDS).join();
  }

  static TestClient connect(HttpClient http, String uri) {
    return new TestClient(http, URI.create(uri));
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      frames.add(new Received(JSON.readTree(text), text, System.currentTimeMillis()));
    }
    webSocket.request(1);
    return null;
  }

  /** Counts the relay's pings; the JDK client answers each with a pong itself. */
  @Override
  public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
    pings.incrementAndGet();
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(-1);
  }

  void send(String json) {
    socket.sendText(json, true).orTimeout(5, TimeUnit.SECONDS).join();
  }

  /** The reply to a method call with this id, once it arrived. */
  JsonNode reply(int id) {
    for (Received r : frames) {
      JsonNode idNode = r.json().get("id");
      if (idNode != null && idNode.isNumber() && idNode.asInt() == id) {
        return r.json();
      }
    }
    return null;
  }

  /** Payloads of data frames (unwrapping combined-stream frames) of one stream or event type. */
  List<JsonNode> data(String stream) {
    return frames.stream()
        .map(Received::json)
        .filter(j -> j.has("stream") && j.get("stream").asString().equals(stream))
        .map(j -> j.get("data"))
        .toList();
  }

  /** Raw payloads with {@code e == event}. */
  List<Received> events(String event) {
    return frames.stream()
        .filter(r -> r.json().has("e") && r.json().get("e").asString().equals(event))
        .toList();
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      socket.abort();
    }
  }

  static Duration timeout() {
    return Duration.ofSeconds(20);
  }
}
