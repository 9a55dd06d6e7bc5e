package dev.exchange.service.apikeys;

/**
 * How a key signs: {@code HMAC_SHA256} with a secret the exchange generates (hex signature,
 * Binance's default), or {@code ED25519} with the user's own key pair, of which the exchange only
 * stores the public key (base64 signature).
 */
public enum KeyScheme {
  HMAC_SHA256,
  ED25519
}
