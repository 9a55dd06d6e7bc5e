package dev.exchange.relay.ws;

import dev.exchange.relay.json.Payloads;
import dev.exchange.relay.streams.Frame;
import dev.exchange.relay.streams.Framing;
import dev.exchange.service.apikeys.ListenKeyStore;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Binance's user data stream by listen key, {@code /ws/<listenKey>} (the key from edge-api's {@code
 * POST /api/v3/userDataStream}): the raw {@code executionReport}, {@code outboundAccountPosition}
 * and {@code balanceUpdate} payloads of the key's account. The handshake is refused with -1125 when
 * the listen key is not live. While the session lasts, the key is checked again every {@code
 * exchange.relay.user-data-check-interval}: once it lapses (no keep-alive within 60 minutes), is
 * closed or its API key revoked, the session gets {@code listenKeyExpired} and no more events.
 */
@Component
class ListenKeyStreamHandler extends AccountStreamHandler {

  static final String LISTEN_KEY = "relay.listen-key";

  private final ListenKeyStore listenKeys;
  private final UserDataSessions userData;
  private final Clock clock;

  ListenKeyStreamHandler(
      ListenKeyStore listenKeys, SessionRegistry registry, UserDataSessions userData, Clock clock) {
    super(registry);
    this.listenKeys = listenKeys;
    this.userData = userData;
    this.clock = clock;
  }

  /** Resolves the path's listen key to its account, or refuses the upgrade. */
  HandshakeInterceptor listenKeyCheck() {
    return new HandshakeInterceptor() {
      @Override
      public boolean beforeHandshake(
          ServerHttpRequest request,
          ServerHttpResponse response,
          WebSocketHandler handler,
          Map<String, Object> attributes)
          throws java.io.IOException {
        String path = request.getURI().getPath();
        String listenKey = path.substring(path.lastIndexOf('/') + 1);
        ListenKeyStore.Owner owner = listenKeys.find(listenKey, clock.millis());
        if (owner == null) {
          Handshakes.reject(
              response, HttpStatus.BAD_REQUEST, -1125, "This listenKey does not exist.");
          return false;
        }
        attributes.put(LISTEN_KEY, listenKey);
        attributes.put(Handshakes.ACCOUNT, owner.account());
        return true;
      }

      @Override
      public void afterHandshake(
          ServerHttpRequest request,
          ServerHttpResponse response,
          WebSocketHandler handler,
          Exception exception) {}
    };
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    String listenKey = (String) session.getAttributes().get(LISTEN_KEY);
    String account = (String) session.getAttributes().get(Handshakes.ACCOUNT);
    RelaySession relay = open(session, Framing.RAW);
    userData.start(
        relay,
        new UserDataSessions.Grant(
            account,
            () -> listenKeys.find(listenKey, clock.millis()) != null,
            () ->
                relay.deliver(
                    Frame.control(Payloads.listenKeyExpired(listenKey, clock.millis())))));
  }

  @Override
  protected void released(RelaySession relay) {
    userData.stop(relay);
  }
}
