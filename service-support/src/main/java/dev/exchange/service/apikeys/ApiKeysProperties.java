package dev.exchange.service.apikeys;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API key settings shared by the services that answer signed requests.
 *
 * @param encryptionKey base64 of the 32-byte AES key that seals HMAC secrets ({@link
 *     SecretCipher}); the same in every service, required
 */
@ConfigurationProperties("exchange.api-keys")
public record ApiKeysProperties(String encryptionKey) {}
