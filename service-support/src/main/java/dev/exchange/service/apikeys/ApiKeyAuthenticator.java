package dev.exchange.service.apikeys;

import dev.exchange.service.web.BinanceException;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Checks a signed request the way Binance does, in this order: the {@code X-MBX-APIKEY} header's
 * format (-2014), the key (unknown or revoked: -2015), the caller's address against the key's allow
 * list (-2015), {@code timestamp} and {@code recvWindow} (-1102, -1131, -1021), the signature
 * (missing: -1102, wrong: -1022), and last the permission the endpoint needs (-2015).
 *
 * <p>A request replayed within its {@code recvWindow} verifies again, as on Binance: the window (at
 * most 60 s, by default 5 s) bounds replays. Orders are protected from a replay by their {@code
 * newClientOrderId}, which the accounts job refuses to reuse within an hour (docs/accounts.md,
 * "Retries").
 */
public final class ApiKeyAuthenticator {

  private static final Pattern KEY_FORMAT = Pattern.compile("[A-Za-z0-9]{64}");

  private final ApiKeyStore store;
  private final SecretCipher cipher;
  private final Clock clock;

  public ApiKeyAuthenticator(ApiKeyStore store, SecretCipher cipher, Clock clock) {
    this.store = store;
    this.cipher = cipher;
    this.clock = clock;
  }

  /**
   * The key that signed the request, or a {@link BinanceException} saying why not.
   *
   * @param apiKeyHeader the {@code X-MBX-APIKEY} header, may be null
   * @param request the query string and body as sent
   * @param clientAddress the caller's IP address
   * @param needed what the endpoint does
   */
  public ApiKey authenticate(
      String apiKeyHeader, SignedPayload request, String clientAddress, Permission needed) {
    ApiKey key = key(apiKeyHeader, clientAddress);
    Signatures.checkTime(
        request.parameters().get("timestamp"),
        request.parameters().get("recvWindow"),
        clock.millis());
    String signature = request.signature();
    if (signature == null || signature.isEmpty()) {
      throw BinanceException.missing("signature");
    }
    if (request.duplicateSignature() || !signatureValid(key, request.payload(), signature)) {
      throw BinanceException.badSignature();
    }
    if (!key.permissions().contains(needed)) {
      throw BinanceException.apiKeyRejected();
    }
    return key;
  }

  /**
   * The first checks alone, for Binance's {@code USER_STREAM} endpoints, which take the key without
   * a signature: its format (-2014), that it exists and is not revoked, and the caller's address
   * (-2015).
   */
  public ApiKey key(String apiKeyHeader, String clientAddress) {
    if (apiKeyHeader == null || !KEY_FORMAT.matcher(apiKeyHeader).matches()) {
      throw BinanceException.apiKeyFormat();
    }
    ApiKey key = store.find(apiKeyHeader);
    if (key == null || key.revoked() || !IpAllowList.allows(key.ipAllowList(), clientAddress)) {
      throw BinanceException.apiKeyRejected();
    }
    return key;
  }

  private boolean signatureValid(ApiKey key, String payload, String signature) {
    return switch (key.scheme()) {
      case HMAC_SHA256 ->
          Signatures.hmacValid(cipher.decrypt(key.apiKey(), key.secret()), payload, signature);
      case ED25519 ->
          Signatures.ed25519Valid(Signatures.ed25519PublicKey(key.publicKey()), payload, signature);
    };
  }
}
