package dev.exchange.delivery.channels;

import dev.exchange.delivery.system.DeliveryProperties;
import dev.exchange.model.AlertChecks;
import dev.exchange.model.avro.AlertFired;
import dev.exchange.service.alerts.WebhookSigning;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * POSTs a firing to its {@code webhookUrl}: the JSON of {@link FiredPayload}, signed with the
 * owner's secret ({@link WebhookSigning}). 2xx is delivered; 5xx, 429 and no answer (connection
 * refused, timeout) are retried; any other status is final. Redirects are not followed. Unless
 * {@code exchange.alert-delivery.allow-private-addresses}, a host that resolves to a non-public
 * address fails at once ({@link PublicAddresses}).
 */
@Component
public class WebhookChannel {

  private final HttpClient http;
  private final WebhookSigning signing;
  private final DeliveryProperties properties;
  private final Clock clock;

  WebhookChannel(WebhookSigning signing, DeliveryProperties properties, Clock clock) {
    this.signing = signing;
    this.properties = properties;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** One try; blocks up to the request timeout. */
  public Result send(AlertFired f, String body) {
    String url = f.getWebhookUrl();
    if (!AlertChecks.webhookUrlAllowed(url)) {
      return Result.fail(null, "webhookUrl not allowed");
    }
    if (!properties.allowPrivateAddresses()) {
      try {
        if (!PublicAddresses.isPublic(URI.create(url).getHost())) {
          return Result.fail(null, "webhookUrl resolves to a non-public address");
        }
      } catch (UnknownHostException e) {
        return Result.retry(null, "UnknownHostException: " + e.getMessage());
      }
    }
    long timestamp = clock.millis();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(properties.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "exchange-alert-delivery")
            .header(WebhookSigning.TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(
                WebhookSigning.SIGNATURE_HEADER,
                WebhookSigning.signature(signing.secretOf(f.getAccount()), timestamp, body))
            .header(WebhookSigning.FIRING_HEADER, FiredPayload.firingId(f))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) {
        return Result.sent(status);
      }
      if (status >= 500 || status == 429) {
        return Result.retry(status, "HTTP " + status);
      }
      return Result.fail(status, "HTTP " + status);
    } catch (IOException e) {
      return Result.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.retry(null, "interrupted");
    }
  }
}
