package dev.exchange.service.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  static final String OTHER_KEY = Base64.getEncoder().encodeToString("x".repeat(32).getBytes());

  @Test
  void aSealedSecretOpensOnlyForItsApiKeyUnderTheSameKey() {
    SecretCipher cipher = SecretCipher.fromBase64(KEY);
    byte[] secret = "s3cret".getBytes(StandardCharsets.UTF_8);
    String stored = cipher.encrypt("key-a", secret);

    assertThat(stored).startsWith("v1:").doesNotContain("s3cret");
    assertThat(cipher.encrypt("key-a", secret)).as("a fresh IV each time").isNotEqualTo(stored);
    assertThat(cipher.decrypt("key-a", stored)).isEqualTo(secret);
    assertThatThrownBy(() -> cipher.decrypt("key-b", stored))
        .hasMessage("the secret of key-b does not decrypt");
    assertThatThrownBy(() -> SecretCipher.fromBase64(OTHER_KEY).decrypt("key-a", stored))
        .hasMessage("the secret of key-a does not decrypt");
  }

  @Test
  void aMissingOrWrongSizedKeyStopsTheServiceWithAClearMessage() {
    assertThatThrownBy(() -> SecretCipher.fromBase64(""))
        .hasMessageStartingWith("exchange.api-keys.encryption-key is required");
    assertThatThrownBy(() -> SecretCipher.fromBase64("***"))
        .hasMessage("exchange.api-keys.encryption-key is not base64");
    assertThatThrownBy(
            () -> SecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessage("exchange.api-keys.encryption-key must be 32 bytes (AES-256), got 16");
  }
}
