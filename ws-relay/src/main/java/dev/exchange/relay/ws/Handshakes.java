package dev.exchange.relay.ws;

import dev.exchange.relay.security.WsTickets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/** Handshake checks: the connection limit, and the private stream's ticket. */
final class Handshakes {

  static final String ACCOUNT = "relay.account";
  static final String EXPIRES_AT = "relay.expires-at";

  private Handshakes() {}

  /** Refuses the upgrade with 429 when the instance holds its maximum of connections. */
  static HandshakeInterceptor connectionLimit(SessionRegistry registry, RelayProperties props) {
    return new HandshakeInterceptor() {
      @Override
      public boolean beforeHandshake(
          ServerHttpRequest request,
          ServerHttpResponse response,
          WebSocketHandler handler,
          Map<String, Object> attributes)
          throws IOException {
        if (registry.reserve()) {
          attributes.put("relay.reserved", Boolean.TRUE);
          return true;
        }
        reject(
            response,
            HttpStatus.TOO_MANY_REQUESTS,
            -1003,
            "Too many connections: this instance holds at most "
                + props.maxConnections()
                + " WebSockets; retry later.");
        return false;
      }

      @Override
      public void afterHandshake(
          ServerHttpRequest request,
          ServerHttpResponse response,
          WebSocketHandler handler,
          Exception exception) {
        // The slot passes to the session only when the connection was upgraded; any other end of
        // the handshake (a plain GET without Upgrade, a refused version or origin) returns it, or
        // enough such requests would lock every later client out.
        if (exception != null || !upgraded(response)) {
          registry.release();
        }
      }
    };
  }

  private static boolean upgraded(ServerHttpResponse response) {
    return response instanceof ServletServerHttpResponse servlet
        && servlet.getServletResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value();
  }

  /**
   * Redeems the {@code ticket} query parameter (from {@code POST /api/v1/ws-ticket}) and puts its
   * account and session expiry into the attributes.
   */
  static HandshakeInterceptor privateTicket(WsTickets tickets) {
    return new HandshakeInterceptor() {
      @Override
      public boolean beforeHandshake(
          ServerHttpRequest request,
          ServerHttpResponse response,
          WebSocketHandler handler,
          Map<String, Object> attributes)
          throws IOException {
        String ticket =
            UriComponentsBuilder.fromUri(request.getURI())
                .build()
                .getQueryParams()
                .getFirst("ticket");
        if (ticket == null || ticket.isBlank()) {
          reject(
              response,
              HttpStatus.UNAUTHORIZED,
              -1002,
              "A ticket query parameter is required: POST /api/v1/ws-ticket with the bearer"
                  + " token for one.");
          return false;
        }
        WsTickets.Redeemed redeemed;
        try {
          redeemed = tickets.redeem(ticket);
        } catch (WsTickets.Refused e) {
          reject(response, HttpStatus.UNAUTHORIZED, -1002, e.getMessage());
          return false;
        }
        attributes.put(ACCOUNT, redeemed.account());
        attributes.put(EXPIRES_AT, redeemed.sessionExpiresAtMillis());
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

  static void reject(ServerHttpResponse response, HttpStatus status, int code, String message)
      throws IOException {
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    StringBuilder body = new StringBuilder("{\"code\":").append(code).append(",\"msg\":");
    dev.exchange.relay.json.JsonText.quote(body, message);
    response.getBody().write(body.append('}').toString().getBytes(StandardCharsets.UTF_8));
    response.flush();
  }
}
