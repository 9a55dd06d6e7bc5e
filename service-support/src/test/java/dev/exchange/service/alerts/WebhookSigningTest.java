package dev.exchange.service.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSigningTest {

  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void eachAccountHasItsOwnStableSecret() {
    WebhookSigning signing = WebhookSigning.fromBase64(KEY);
    assertThat(signing.secretOf("alice")).hasSize(64).isEqualTo(signing.secretOf("alice"));
    assertThat(signing.secretOf("alice")).isNotEqualTo(signing.secretOf("bob"));
    String other =
        Base64.getEncoder()
            .encodeToString(
                new byte[] {
                  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                  24, 25, 26, 27, 28, 29, 30, 31, 32
                });
    assertThat(WebhookSigning.fromBase64(other).secretOf("alice"))
        .isNotEqualTo(signing.secretOf("alice"));
  }

  @Test
  void aSignatureVerifiesForItsBodyAndTimestampOnly() {
    String secret = WebhookSigning.fromBase64(KEY).secretOf("alice");
    String header = WebhookSigning.signature(secret, 1_700_000_000_000L, "{\"a\":1}");
    assertThat(header).startsWith("sha256=").hasSize(7 + 64);
    assertThat(WebhookSigning.valid(secret, "1700000000000", "{\"a\":1}", header)).isTrue();
    assertThat(WebhookSigning.valid(secret, "1700000000001", "{\"a\":1}", header)).isFalse();
    assertThat(WebhookSigning.valid(secret, "1700000000000", "{\"a\":2}", header)).isFalse();
    assertThat(WebhookSigning.valid("other", "1700000000000", "{\"a\":1}", header)).isFalse();
    assertThat(WebhookSigning.valid(secret, "1700000000000", "{\"a\":1}", null)).isFalse();
  }

  @Test
  void aMissingShortOrMalformedKeyIsNamed() {
    assertThatThrownBy(() -> WebhookSigning.fromBase64(null))
        .hasMessageContaining("exchange.alerts.webhook-key is required");
    assertThatThrownBy(() -> WebhookSigning.fromBase64("%%%")).hasMessageContaining("not base64");
    assertThatThrownBy(() -> WebhookSigning.fromBase64("AAAA"))
        .hasMessageContaining("at least 32 bytes, got 3");
  }
}
