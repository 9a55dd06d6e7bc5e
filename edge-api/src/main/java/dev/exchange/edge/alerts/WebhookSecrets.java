package dev.exchange.edge.alerts;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.service.alerts.WebhookSigning;
import dev.exchange.service.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * An account's webhook secret ({@link WebhookSigning}), derived from {@code
 * exchange.alerts.webhook-key}, the key alert-delivery signs with. Without the key edge-api still
 * runs, and the secret answers 503 {@code WEBHOOKS_NOT_CONFIGURED}.
 */
@Component
class WebhookSecrets {

  /** The answer of {@code GET /api/v1/alerts/webhook-secret}. */
  record Secret(String secret, String algorithm) {}

  private final WebhookSigning signing;

  WebhookSecrets(@Value("${exchange.alerts.webhook-key:}") String key) {
    this.signing = key.isBlank() ? null : WebhookSigning.fromBase64(key);
  }

  Secret of(String account) {
    if (signing == null) {
      throw ApiException.of(
          HttpStatus.SERVICE_UNAVAILABLE,
          ErrorCodes.WEBHOOKS_NOT_CONFIGURED,
          null,
          "webhooks are not configured on this exchange (" + WebhookSigning.KEY_PROPERTY + ")");
    }
    return new Secret(signing.secretOf(account), "HMAC-SHA256 of \"<timestamp>.<body>\"");
  }
}
