package dev.exchange.service.apikeys;

import dev.exchange.service.web.BinanceException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binance's rules for a signed request, without I/O: the time window and the two signature schemes.
 * The signed payload is the query string followed by the body, exactly as sent, without the {@code
 * signature} parameter ({@link SignedPayload}).
 */
public final class Signatures {

  /** {@code recvWindow} when the request gives none. */
  public static final long DEFAULT_RECV_WINDOW = 5_000;

  /** The largest {@code recvWindow} accepted. */
  public static final long MAX_RECV_WINDOW = 60_000;

  /** How far ahead of the server's clock a {@code timestamp} may be. */
  public static final long MAX_AHEAD = 1_000;

  private static final HexFormat HEX = HexFormat.of();

  private Signatures() {}

  /**
   * Binance's check: accepted when {@code timestamp < now + 1000} and {@code now - timestamp <=
   * recvWindow}. -1102 without a timestamp, -1100 for a malformed one or recvWindow, -1131 for a
   * recvWindow above 60000, -1021 outside the window.
   */
  public static void checkTime(String timestamp, String recvWindow, long now) {
    if (timestamp == null || timestamp.isEmpty()) {
      throw BinanceException.missing("timestamp");
    }
    long time = whole("timestamp", timestamp);
    long window =
        recvWindow == null || recvWindow.isEmpty()
            ? DEFAULT_RECV_WINDOW
            : whole("recvWindow", recvWindow);
    if (window > MAX_RECV_WINDOW) {
      throw BinanceException.recvWindowTooLarge();
    }
    if (time >= now + MAX_AHEAD) {
      throw BinanceException.timestampAhead();
    }
    if (now - time > window) {
      throw BinanceException.timestampOutsideWindow();
    }
  }

  private static long whole(String name, String value) {
    if (value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw BinanceException.illegal(name, "^[0-9]{1,18}$");
    }
    return Long.parseLong(value);
  }

  /** The lower-case hex HMAC-SHA256 of {@code payload} under {@code secret}. */
  public static String hmacHex(byte[] secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HEX.formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Whether {@code signatureHex} (either case) is the HMAC of the payload; constant time. */
  public static boolean hmacValid(byte[] secret, String payload, String signatureHex) {
    byte[] given;
    try {
      given = HEX.parseHex(signatureHex.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] expected = HEX.parseHex(hmacHex(secret, payload));
    return MessageDigest.isEqual(expected, given);
  }

  /** Whether {@code signatureBase64} is an Ed25519 signature of the payload by {@code key}. */
  public static boolean ed25519Valid(PublicKey key, String payload, String signatureBase64) {
    byte[] given;
    try {
      given = Base64.getDecoder().decode(signatureBase64);
    } catch (IllegalArgumentException e) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(payload.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(given);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * An Ed25519 public key from PEM ({@code -----BEGIN PUBLIC KEY-----}, what Binance asks users to
   * upload) or from the bare base64 of its X.509 encoding; {@link IllegalArgumentException} with
   * the reason otherwise.
   */
  public static PublicKey ed25519PublicKey(String text) {
    String base64 =
        text.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("publicKey is not PEM or base64", e);
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("publicKey is not an Ed25519 public key", e);
    }
  }
}
