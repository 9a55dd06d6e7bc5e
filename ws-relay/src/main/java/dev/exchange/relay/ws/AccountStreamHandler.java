package dev.exchange.relay.ws;

import dev.exchange.relay.streams.Framing;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * What the account streams (the ticketed private stream, a listen key's stream, the WebSocket API)
 * share: the session's {@link RelaySession} in its attributes, client messages and pongs counted as
 * liveness, and on close the session stopped, let go of its account ({@link #released}) and
 * unregistered.
 */
abstract class AccountStreamHandler extends TextWebSocketHandler {

  protected final SessionRegistry registry;

  AccountStreamHandler(SessionRegistry registry) {
    this.registry = registry;
  }

  /** The session's relay session, or null once it closed. */
  static RelaySession relay(WebSocketSession session) {
    return (RelaySession) session.getAttributes().get(PublicStreamHandler.SESSION);
  }

  /** Opens and registers the relay session of a new connection. */
  RelaySession open(WebSocketSession session, Framing framing) {
    RelaySession relay = registry.open(session, framing);
    session.getAttributes().put(PublicStreamHandler.SESSION, relay);
    registry.add(relay);
    return relay;
  }

  /** By default a client's message only counts as liveness. */
  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    RelaySession relay = relay(session);
    if (relay != null) {
      relay.touched();
    }
  }

  @Override
  protected void handlePongMessage(WebSocketSession session, PongMessage message) {
    RelaySession relay = relay(session);
    if (relay != null) {
      relay.touched();
    }
  }

  /** The closed session no longer receives its account's events. */
  protected abstract void released(RelaySession relay);

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    RelaySession relay = (RelaySession) session.getAttributes().remove(PublicStreamHandler.SESSION);
    if (relay != null) {
      relay.close(status);
      released(relay);
      registry.remove(relay);
    }
  }
}
