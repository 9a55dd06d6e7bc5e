package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A client of a running {@link LocalStack} through its public origin only, as a browser or bot
 * reaches it: orders over REST, reads, and WebSocket streams. Shared by the stack's end-to-end
 * tests.
 */
final class StackClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final LocalStack stack;

  StackClient(HttpClient http, LocalStack stack) {
    this.http = http;
    this.stack = stack;
  }

  /** A limit order of {@code account} through edge-api ({@code POST /api/v1/orders}). */
  HttpResponse<String> postOrder(
      String account, String symbol, String side, String price, String quantity) throws Exception {
    String body =
        JSON.createObjectNode()
            .put("symbol", symbol)
            .put("side", side)
            .put("type", "LIMIT")
            .put("price", price)
            .put("quantity", quantity)
            .toString();
    return post(account, "/api/v1/orders", body);
  }

  /** A POST of {@code account} (its bearer token) with a JSON body. */
  HttpResponse<String> post(String account, String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
            .header("Authorization", "Bearer " + stack.token(account, false))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * {@code account}'s private stream ({@code /ws/private} with a ticket from {@code POST
   * /api/v1/ws-ticket}) adding each whole text frame to {@code frames}.
   */
  WebSocket subscribePrivate(String account, List<String> frames) throws Exception {
    HttpResponse<String> ticket = post(account, "/api/v1/ws-ticket", "");
    assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(200);
    String value = JSON.readTree(ticket.body()).path("ticket").asText();
    return subscribe(
        "/ws/private?ticket=" + URLEncoder.encode(value, StandardCharsets.UTF_8), frames);
  }

  /** A GET of {@code account} (its bearer token). */
  HttpResponse<String> get(String account, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
            .header("Authorization", "Bearer " + stack.token(account, false))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON body of a public read that must answer 200. */
  JsonNode getJson(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** A WebSocket on {@code path} adding each whole text frame to {@code frames}. */
  WebSocket subscribe(String path, List<String> frames) {
    return http.newWebSocketBuilder()
        .buildAsync(
            URI.create(stack.wsUrl() + path),
            new WebSocket.Listener() {
              private final StringBuilder partial = new StringBuilder();

              @Override
              public CompletionStage<?> onText(
                  WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  frames.add(partial.toString());
                  partial.setLength(0);
                }
                webSocket.request(1);
                return null;
              }
            })
        .join();
  }
}
