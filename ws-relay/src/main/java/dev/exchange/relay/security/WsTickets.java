package dev.exchange.relay.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Single-use, short-lived tickets that open the private WebSocket, so the bearer token never
 * travels in a URL (where proxies and access logs keep it). A ticket is {@code
 * base64url(payload).base64url(HMAC-SHA256(payload))} with payload {@code
 * nonce:ticketExpiry:sessionExpiry:account}: stateless to issue, so any relay instance sharing the
 * secret accepts it. Single use is enforced per instance: a redeemed nonce is remembered until the
 * ticket expires (a ticket could be replayed once on each other instance within its validity; with
 * one instance, or sticky routing, it is strictly single-use; see docs/identity.md).
 */
@Component
public class WsTickets {

  /** A ticket for {@code account}, and until when it may be redeemed. */
  public record Ticket(String value, Instant expiresAt) {}

  /** A redeemed ticket: whose stream it opens, and when the session ends (the token's exp). */
  public record Redeemed(String account, long sessionExpiresAtMillis) {}

  /** Why a ticket was refused; the message is said to the client. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final int NONCE_BYTES = 16;

  private final SecretKeySpec key;
  private final WsTicketProperties properties;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> redeemed = new ConcurrentHashMap<>();

  @Autowired
  public WsTickets(WsTicketProperties properties) {
    this(properties, Clock.systemUTC());
  }

  WsTickets(WsTicketProperties properties, Clock clock) {
    byte[] secret;
    if (properties.secret() == null || properties.secret().isBlank()) {
      secret = new byte[32];
      random.nextBytes(secret);
    } else {
      secret = properties.secret().getBytes(StandardCharsets.UTF_8);
    }
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.properties = properties;
    this.clock = clock;
  }

  /** A ticket for {@code account} whose session may last until {@code sessionExpiresAt}. */
  public Ticket issue(String account, Instant sessionExpiresAt) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    Instant expiresAt = clock.instant().plus(properties.validity());
    String payload =
        B64.encodeToString(nonce)
            + ':'
            + expiresAt.toEpochMilli()
            + ':'
            + sessionExpiresAt.toEpochMilli()
            + ':'
            + account;
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return new Ticket(B64.encodeToString(bytes) + '.' + B64.encodeToString(mac(bytes)), expiresAt);
  }

  /** The account a ticket opens, once: a second redemption of the same ticket is refused. */
  public Redeemed redeem(String ticket) throws Refused {
    int dot = ticket == null ? -1 : ticket.indexOf('.');
    if (dot <= 0) {
      throw new Refused("Malformed ticket.");
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = B64D.decode(ticket.substring(0, dot));
      signature = B64D.decode(ticket.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new Refused("Malformed ticket.");
    }
    if (!MessageDigest.isEqual(mac(payload), signature)) {
      throw new Refused("Invalid ticket signature.");
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split(":", 4);
    long expiresAt = Long.parseLong(parts[1]);
    long now = clock.millis();
    if (now >= expiresAt) {
      throw new Refused("Ticket expired; ask POST /api/v1/ws-ticket for a new one.");
    }
    redeemed.values().removeIf(expiry -> expiry <= now);
    if (redeemed.putIfAbsent(parts[0], expiresAt) != null) {
      throw new Refused("Ticket already used; ask POST /api/v1/ws-ticket for a new one.");
    }
    return new Redeemed(parts[3], Long.parseLong(parts[2]));
  }

  int remembered() {
    return redeemed.size();
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
