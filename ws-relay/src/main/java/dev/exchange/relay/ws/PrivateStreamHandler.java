package dev.exchange.relay.ws;

import dev.exchange.relay.streams.AccountHub;
import dev.exchange.relay.streams.Framing;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The private stream {@code /ws/private?ticket=<ticket>} (a single-use ticket from {@code POST
 * /api/v1/ws-ticket}): raw Binance {@code executionReport} and {@code outboundAccountPosition}
 * payloads of the ticket's account only. The session ends when the bearer token the ticket was
 * issued for expires. Messages from the client are ignored (they only count as liveness).
 */
@Component
class PrivateStreamHandler extends TextWebSocketHandler {

  private final AccountHub accounts;
  private final SessionRegistry registry;

  PrivateStreamHandler(AccountHub accounts, SessionRegistry registry) {
    this.accounts = accounts;
    this.registry = registry;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    String account = (String) session.getAttributes().get(Handshakes.ACCOUNT);
    long expiresAt = (Long) session.getAttributes().get(Handshakes.EXPIRES_AT);
    RelaySession relay = registry.open(session, Framing.RAW);
    relay.account(account, expiresAt);
    session.getAttributes().put(PublicStreamHandler.SESSION, relay);
    registry.add(relay);
    accounts.add(account, relay);
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    touch(session);
  }

  @Override
  protected void handlePongMessage(WebSocketSession session, PongMessage message) {
    touch(session);
  }

  private static void touch(WebSocketSession session) {
    RelaySession relay = (RelaySession) session.getAttributes().get(PublicStreamHandler.SESSION);
    if (relay != null) {
      relay.touched();
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    RelaySession relay = (RelaySession) session.getAttributes().remove(PublicStreamHandler.SESSION);
    if (relay != null) {
      relay.close(status);
      accounts.remove(relay.account(), relay);
      registry.remove(relay);
    }
  }
}
