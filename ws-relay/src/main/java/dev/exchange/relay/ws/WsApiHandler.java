package dev.exchange.relay.ws;

import dev.exchange.relay.json.JsonText;
import dev.exchange.relay.json.Payloads;
import dev.exchange.relay.streams.Frame;
import dev.exchange.relay.streams.Framing;
import dev.exchange.service.apikeys.ApiKey;
import dev.exchange.service.apikeys.ApiKeyAuthenticator;
import dev.exchange.service.apikeys.ApiKeyStore;
import dev.exchange.service.apikeys.Permission;
import dev.exchange.service.apikeys.SignedPayload;
import dev.exchange.service.web.BinanceException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of Binance's WebSocket API ({@code /ws-api/v3}) that serves the user data stream, which
 * is what ccxt's {@code watchOrders}, {@code watchBalance} and {@code watchMyTrades} use for spot:
 *
 * <ul>
 *   <li>{@code userDataStream.subscribe.signature} with {@code apiKey}, {@code timestamp}, optional
 *       {@code recvWindow} and {@code signature} over the other parameters sorted by name: checked
 *       as a signed REST request is (same codes), the key needing READ; answers {@code
 *       {"subscriptionId":0}}, and from then on the account's events come as {@code
 *       {"subscriptionId":0,"event":{…}}};
 *   <li>{@code userDataStream.unsubscribe}, {@code session.subscriptions}, {@code ping}, {@code
 *       time}.
 * </ul>
 *
 * Answers are {@code {"id":…,"status":200,"result":…}} or {@code
 * {"id":…,"status":400|401,"error":{"code":…,"msg":…}}}. A session holds one subscription; while it
 * lasts the key is checked again every {@code exchange.relay.user-data-check-interval}, and a
 * revoked key ends it with {@code eventStreamTerminated}. Orders are not placed here (edge-api's
 * REST API takes them).
 */
@Component
class WsApiHandler extends AccountStreamHandler {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ApiKeyAuthenticator authenticator;
  private final ApiKeyStore keys;
  private final UserDataSessions userData;
  private final RelayProperties properties;
  private final Clock clock;

  WsApiHandler(
      ApiKeyAuthenticator authenticator,
      ApiKeyStore keys,
      SessionRegistry registry,
      UserDataSessions userData,
      RelayProperties properties,
      Clock clock) {
    super(registry);
    this.authenticator = authenticator;
    this.keys = keys;
    this.userData = userData;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    open(session, Framing.USER_DATA);
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    RelaySession relay = relay(session);
    if (relay == null) {
      return;
    }
    relay.touched();
    relay.deliver(Frame.control(answer(session, relay, message.getPayload())));
  }

  private String answer(WebSocketSession session, RelaySession relay, String payload) {
    JsonNode request;
    try {
      request = JSON.readTree(payload);
    } catch (JacksonException e) {
      return error("null", 400, -1000, "Malformed request: " + e.getOriginalMessage());
    }
    if (request == null || !request.isObject()) {
      return error("null", 400, -1000, "Malformed request: expected a JSON object.");
    }
    JsonNode idNode = request.get("id");
    String id = idNode == null || idNode.isNull() ? "null" : idNode.toString();
    if (!relay.allowMessage(properties.maxMessagesPerSecond(), clock.millis())) {
      return error(
          id,
          429,
          -1003,
          "Too many requests: at most " + properties.maxMessagesPerSecond() + " per second.");
    }
    JsonNode method = request.get("method");
    if (method == null || !method.isString()) {
      return error(id, 400, -1102, "Mandatory parameter 'method' was not sent.");
    }
    try {
      return switch (method.asString()) {
        case "ping" -> ok(id, "{}");
        case "time" -> ok(id, "{\"serverTime\":" + clock.millis() + "}");
        case "userDataStream.subscribe.signature" -> subscribe(session, relay, id, request);
        case "userDataStream.unsubscribe" -> {
          userData.stop(relay);
          yield ok(id, "{}");
        }
        case "session.subscriptions" ->
            ok(id, userData.account(relay) == null ? "[]" : "[{\"subscriptionId\":0}]");
        default -> error(id, 400, -1020, "Unsupported operation: " + method.asString() + ".");
      };
    } catch (BinanceException e) {
      return error(id, e.status().value(), e.code(), e.getMessage());
    }
  }

  private String subscribe(
      WebSocketSession session, RelaySession relay, String id, JsonNode request) {
    Map<String, String> params = new LinkedHashMap<>();
    JsonNode p = request.get("params");
    if (p != null && p.isObject()) {
      for (Map.Entry<String, JsonNode> e : p.properties()) {
        params.put(
            e.getKey(),
            e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
      }
    }
    InetSocketAddress remote = session.getRemoteAddress();
    String address = remote == null ? null : remote.getAddress().getHostAddress();
    ApiKey key =
        authenticator.authenticate(
            params.get("apiKey"), SignedPayload.ofParameters(params), address, Permission.READ);
    String current = userData.account(relay);
    if (current != null && !current.equals(key.account())) {
      return error(id, 400, -1000, "This session already has a user data subscription.");
    }
    if (current == null) {
      userData.start(
          relay,
          new UserDataSessions.Grant(
              key.account(),
              () -> {
                ApiKey now = keys.find(key.apiKey());
                return now != null && !now.revoked() && now.permissions().contains(Permission.READ);
              },
              () ->
                  relay.deliver(
                      Frame.control(
                          "{\"subscriptionId\":0,\"event\":"
                              + Payloads.eventStreamTerminated(clock.millis())
                              + "}"))));
    }
    return ok(id, "{\"subscriptionId\":0}");
  }

  private static String ok(String id, String result) {
    return "{\"id\":" + id + ",\"status\":200,\"result\":" + result + "}";
  }

  private static String error(String id, int status, int code, String message) {
    StringBuilder out =
        new StringBuilder(128)
            .append("{\"id\":")
            .append(id)
            .append(",\"status\":")
            .append(status)
            .append(",\"error\":{\"code\":")
            .append(code)
            .append(",\"msg\":");
    JsonText.quote(out, message);
    return out.append("}}").toString();
  }

  @Override
  protected void released(RelaySession relay) {
    userData.stop(relay);
  }
}
