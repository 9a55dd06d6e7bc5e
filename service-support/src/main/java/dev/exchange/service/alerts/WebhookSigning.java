package dev.exchange.service.alerts;

import dev.exchange.service.apikeys.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The signature of alert webhooks (docs/alerts.md, "Webhook"), shared by alert-delivery, which
 * signs, and edge-api, which shows an account its secret. An account's secret is derived, not
 * stored: the hex HMAC-SHA256 of {@code "exchange-webhook-v1:" + account} under the services'
 * {@code exchange.alerts.webhook-key}. A request carries {@value #SIGNATURE_HEADER}: {@code
 * sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} keyed by the secret's UTF-8 bytes, with {@value
 * #TIMESTAMP_HEADER} (epoch ms) and {@value #FIRING_HEADER} ({@code <alert id>:<firing>}, the
 * receiver's deduplication key).
 */
public final class WebhookSigning {

  /** The PostgreSQL schema of fired alerts and deliveries ({@code db/alerts}). */
  public static final String SCHEMA = "alerts";

  public static final String SIGNATURE_HEADER = "X-Exchange-Signature";
  public static final String TIMESTAMP_HEADER = "X-Exchange-Timestamp";
  public static final String FIRING_HEADER = "X-Exchange-Alert-Firing";

  /** The setting that holds the key, base64 of at least 32 bytes. */
  public static final String KEY_PROPERTY = "exchange.alerts.webhook-key";

  private static final String DERIVATION = "exchange-webhook-v1:";
  private static final int MIN_KEY_BYTES = 32;

  private final byte[] key;

  private WebhookSigning(byte[] key) {
    this.key = key;
  }

  /**
   * @throws IllegalArgumentException naming {@value #KEY_PROPERTY} when missing, not base64 or
   *     shorter than 32 bytes
   */
  public static WebhookSigning fromBase64(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      throw new IllegalArgumentException(
          KEY_PROPERTY
              + " is required: base64 of 32 random bytes (e.g. `openssl rand -base64 32`)");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(KEY_PROPERTY + " is not base64", e);
    }
    if (bytes.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          KEY_PROPERTY + " must be at least " + MIN_KEY_BYTES + " bytes, got " + bytes.length);
    }
    return new WebhookSigning(bytes);
  }

  /** The webhook secret of {@code account}: 64 hex digits, the same on every call and service. */
  public String secretOf(String account) {
    return Signatures.hmacHex(key, DERIVATION + account);
  }

  /** The {@value #SIGNATURE_HEADER} value of {@code body} sent at {@code timestamp}. */
  public static String signature(String secret, long timestamp, String body) {
    return "sha256="
        + Signatures.hmacHex(secret.getBytes(StandardCharsets.UTF_8), timestamp + "." + body);
  }

  /** What a receiver checks: the header is the signature of {@code body} at {@code timestamp}. */
  public static boolean valid(String secret, String timestamp, String body, String header) {
    return header != null
        && header.startsWith("sha256=")
        && Signatures.hmacValid(
            secret.getBytes(StandardCharsets.UTF_8),
            timestamp + "." + body,
            header.substring("sha256=".length()));
  }
}
