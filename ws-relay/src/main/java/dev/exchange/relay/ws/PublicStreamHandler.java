package dev.exchange.relay.ws;

import dev.exchange.relay.streams.Frame;
import dev.exchange.relay.streams.Framing;
import dev.exchange.relay.streams.StreamHub;
import dev.exchange.relay.streams.StreamName;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Public market streams on {@code /ws}, {@code /ws/<stream>[/<stream>...]} (raw payloads; a numeric
 * segment such as ccxt's {@code /ws/0} is ignored) and {@code /stream?streams=a/b} (combined {@code
 * {"stream","data"}} frames), with Binance's SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS method
 * protocol.
 */
@Component
class PublicStreamHandler extends TextWebSocketHandler {

  static final String SESSION = "relay.session";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final StreamHub hub;
  private final SessionRegistry registry;
  private final RelayProperties properties;

  PublicStreamHandler(StreamHub hub, SessionRegistry registry, RelayProperties properties) {
    this.hub = hub;
    this.registry = registry;
    this.properties = properties;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    URI uri = session.getUri();
    String path = uri == null ? "" : uri.getPath();
    boolean combined = path.startsWith("/stream");
    RelaySession relay = registry.open(session, combined ? Framing.COMBINED : Framing.RAW);
    session.getAttributes().put(SESSION, relay);
    registry.add(relay);
    List<String> initial = new ArrayList<>();
    if (combined) {
      String query = uri == null ? null : uri.getRawQuery();
      if (query != null) {
        for (String pair : query.split("&")) {
          if (pair.startsWith("streams=")) {
            String value = URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8);
            for (String s : value.split("/")) {
              if (!s.isEmpty()) {
                initial.add(s);
              }
            }
          }
        }
      }
    } else if (path.startsWith("/ws/")) {
      for (String segment : path.substring(4).split("/")) {
        String s = URLDecoder.decode(segment, StandardCharsets.UTF_8);
        if (!s.isEmpty() && !s.chars().allMatch(Character::isDigit)) {
          initial.add(s);
        }
      }
    }
    if (!initial.isEmpty()) {
      String error = subscribe(relay, initial);
      if (error != null) {
        relay.deliver(
            Frame.control(ControlReplies.error(ControlReplies.INVALID_REQUEST, error, "null")));
      }
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    RelaySession relay = (RelaySession) session.getAttributes().get(SESSION);
    if (relay == null) {
      return;
    }
    relay.touched();
    if (!relay.allowMessage(properties.maxMessagesPerSecond(), System.currentTimeMillis())) {
      relay.deliver(
          Frame.control(
              ControlReplies.error(
                  ControlReplies.INVALID_REQUEST,
                  "Too many requests: at most "
                      + properties.maxMessagesPerSecond()
                      + " messages per second; this one was ignored",
                  idOf(message.getPayload()))));
      return;
    }
    relay.deliver(Frame.control(answer(relay, message.getPayload())));
  }

  private String answer(RelaySession relay, String payload) {
    JsonNode request;
    try {
      request = JSON.readTree(payload);
    } catch (JacksonException e) {
      return ControlReplies.error(
          ControlReplies.INVALID_JSON, "Invalid JSON: " + e.getOriginalMessage(), "null");
    }
    if (request == null || !request.isObject()) {
      return ControlReplies.error(
          ControlReplies.INVALID_REQUEST, "Invalid request: expected a JSON object", "null");
    }
    JsonNode idNode = request.get("id");
    String id = "null";
    if (idNode != null && !idNode.isNull()) {
      if (!idNode.isIntegralNumber() && !idNode.isString()) {
        return ControlReplies.error(
            ControlReplies.INVALID_VALUE_TYPE,
            "Invalid value type: 'id' must be an integer, a string or null",
            "null");
      }
      id = idNode.toString();
    }
    for (String field : request.propertyNames()) {
      if (!field.equals("method") && !field.equals("params") && !field.equals("id")) {
        return ControlReplies.error(
            ControlReplies.UNKNOWN_PROPERTY, "Unknown property '" + field + "'", id);
      }
    }
    JsonNode method = request.get("method");
    if (method == null || !method.isString()) {
      return ControlReplies.error(
          ControlReplies.INVALID_REQUEST, "Invalid request: 'method' is required", id);
    }
    switch (method.asString()) {
      case "SUBSCRIBE", "UNSUBSCRIBE" -> {
        JsonNode params = request.get("params");
        if (params == null || !params.isArray()) {
          return ControlReplies.error(
              ControlReplies.INVALID_REQUEST,
              "Invalid request: 'params' must be an array of stream names",
              id);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode p : params) {
          if (!p.isString()) {
            return ControlReplies.error(
                ControlReplies.INVALID_VALUE_TYPE,
                "Invalid value type: stream names must be strings",
                id);
          }
          names.add(p.asString());
        }
        String error =
            method.asString().equals("SUBSCRIBE")
                ? subscribe(relay, names)
                : unsubscribe(relay, names);
        return error == null
            ? ControlReplies.result(id)
            : ControlReplies.error(ControlReplies.INVALID_REQUEST, error, id);
      }
      case "LIST_SUBSCRIPTIONS" -> {
        return ControlReplies.list(relay.subscriptions().stream().sorted().toList(), id);
      }
      default -> {
        return ControlReplies.error(
            ControlReplies.INVALID_REQUEST,
            "Invalid request: unknown method '"
                + method.asString()
                + "' (SUBSCRIBE, UNSUBSCRIBE or LIST_SUBSCRIPTIONS)",
            id);
      }
    }
  }

  /** All or nothing: returns an error message, or null once every stream is subscribed. */
  private String subscribe(RelaySession relay, List<String> names) {
    Set<String> parsed = new LinkedHashSet<>();
    for (String name : names) {
      try {
        parsed.add(StreamName.parse(name).name());
      } catch (IllegalArgumentException e) {
        return "Invalid request: " + e.getMessage();
      }
    }
    Set<String> after = new LinkedHashSet<>(relay.subscriptions());
    after.addAll(parsed);
    if (after.size() > properties.maxStreamsPerConnection()) {
      return "Invalid request: too many subscriptions: at most "
          + properties.maxStreamsPerConnection()
          + " streams per connection";
    }
    for (String name : parsed) {
      if (relay.subscriptions().add(name)) {
        hub.subscribe(name, relay);
      }
    }
    return null;
  }

  private String unsubscribe(RelaySession relay, List<String> names) {
    for (String name : names) {
      try {
        StreamName.parse(name);
      } catch (IllegalArgumentException e) {
        return "Invalid request: " + e.getMessage();
      }
    }
    for (String name : names) {
      if (relay.subscriptions().remove(name)) {
        hub.unsubscribe(name, relay);
      }
    }
    return null;
  }

  private static String idOf(String payload) {
    try {
      JsonNode id = JSON.readTree(payload).get("id");
      return id == null || !(id.isIntegralNumber() || id.isString()) ? "null" : id.toString();
    } catch (RuntimeException e) {
      return "null";
    }
  }

  @Override
  protected void handlePongMessage(WebSocketSession session, PongMessage message) {
    RelaySession relay = (RelaySession) session.getAttributes().get(SESSION);
    if (relay != null) {
      relay.touched();
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    RelaySession relay = (RelaySession) session.getAttributes().remove(SESSION);
    if (relay == null) {
      return;
    }
    relay.close(status);
    for (String name : relay.subscriptions()) {
      hub.unsubscribe(name, relay);
    }
    registry.remove(relay);
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    RelaySession relay = (RelaySession) session.getAttributes().get(SESSION);
    if (relay != null) {
      relay.close(CloseStatus.SERVER_ERROR);
    }
  }
}
