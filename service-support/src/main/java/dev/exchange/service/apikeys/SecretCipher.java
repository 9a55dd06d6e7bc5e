package dev.exchange.service.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts HMAC secrets for storage: AES-256-GCM under a key from configuration ({@code
 * exchange.api-keys.encryption-key}, base64 of 32 bytes), a fresh 12-byte IV per secret, and the
 * api key as associated data, so a ciphertext copied onto another key's row does not decrypt.
 * Stored form: {@code v1:} + base64(iv, ciphertext, tag). A database read alone yields no usable
 * secret; the encryption key lives only in the services' configuration (a secret store in AWS).
 */
public final class SecretCipher {

  private static final String PREFIX = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private SecretCipher(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The cipher for a base64 key of 32 bytes; a clear message for anything else. */
  public static SecretCipher fromBase64(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      throw new IllegalArgumentException(
          "exchange.api-keys.encryption-key is required: base64 of 32 random bytes"
              + " (e.g. `openssl rand -base64 32`)");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("exchange.api-keys.encryption-key is not base64", e);
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          "exchange.api-keys.encryption-key must be 32 bytes (AES-256), got " + bytes.length);
    }
    return new SecretCipher(bytes);
  }

  public String encrypt(String apiKey, byte[] secret) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, apiKey);
      byte[] sealed = cipher.doFinal(secret);
      byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** The secret; {@link IllegalStateException} if it was not sealed for this api key and key. */
  public byte[] decrypt(String apiKey, String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      throw new IllegalStateException("not an encrypted secret of version v1");
    }
    byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(in, IV_BYTES), apiKey);
      return cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the secret of " + apiKey + " does not decrypt", e);
    }
  }

  private Cipher cipher(int mode, byte[] iv, String apiKey) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(apiKey.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
