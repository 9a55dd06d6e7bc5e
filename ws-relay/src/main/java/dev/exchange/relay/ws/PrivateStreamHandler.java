package dev.exchange.relay.ws;

import dev.exchange.relay.streams.AccountHub;
import dev.exchange.relay.streams.Framing;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * The private stream {@code /ws/private?ticket=<ticket>} (a single-use ticket from {@code POST
 * /api/v1/ws-ticket}): raw Binance {@code executionReport} and {@code outboundAccountPosition}
 * payloads of the ticket's account only. The session ends when the bearer token the ticket was
 * issued for expires. Messages from the client are ignored (they only count as liveness).
 */
@Component
class PrivateStreamHandler extends AccountStreamHandler {

  private final AccountHub accounts;

  PrivateStreamHandler(AccountHub accounts, SessionRegistry registry) {
    super(registry);
    this.accounts = accounts;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    String account = (String) session.getAttributes().get(Handshakes.ACCOUNT);
    long expiresAt = (Long) session.getAttributes().get(Handshakes.EXPIRES_AT);
    RelaySession relay = open(session, Framing.RAW);
    relay.account(account, expiresAt);
    accounts.add(account, relay);
  }

  @Override
  protected void released(RelaySession relay) {
    accounts.remove(relay.account(), relay);
  }
}
