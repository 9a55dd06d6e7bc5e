package dev.exchange.edge.alerts;

import dev.exchange.edge.security.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in trader's price and fill alerts (docs/alerts.md). */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "alerts")
@SecurityRequirement(name = "bearer")
class AlertController {

  /** Most attempts one deliveries request answers. */
  static final int MAX_DELIVERIES = 500;

  private final AlertService service;
  private final DeliveryLog deliveries;
  private final WebhookSecrets secrets;

  AlertController(AlertService service, DeliveryLog deliveries, WebhookSecrets secrets) {
    this.service = service;
    this.deliveries = deliveries;
    this.secrets = secrets;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary =
          "Create an alert (201); live in the alerts job within a second. Again with the same"
              + " clientAlertId: the existing alert (200)")
  ResponseEntity<AlertView> create(
      @AuthenticationPrincipal Jwt jwt, @RequestBody CreateAlertRequest body) {
    AlertService.Created created = service.create(Accounts.of(jwt), body);
    return ResponseEntity.status(created.isNew() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(created.alert());
  }

  @GetMapping
  @Operation(summary = "My alerts, oldest first")
  List<AlertView> list(@AuthenticationPrincipal Jwt jwt) {
    return service.list(Accounts.of(jwt));
  }

  @GetMapping("/{alertId}/deliveries")
  @Operation(
      summary =
          "The delivery log of one of my alerts: every webhook and e-mail attempt of its firings"
              + " (SENT, RETRIED, FAILED), newest firing first, at most "
              + MAX_DELIVERIES)
  List<DeliveryView> deliveries(@AuthenticationPrincipal Jwt jwt, @PathVariable String alertId) {
    service.owned(Accounts.of(jwt), alertId);
    return deliveries.of(alertId, MAX_DELIVERIES);
  }

  @GetMapping("/webhook-secret")
  @Operation(
      summary =
          "My webhook secret: the key of the X-Exchange-Signature HMAC on every webhook of my"
              + " alerts")
  WebhookSecrets.Secret webhookSecret(@AuthenticationPrincipal Jwt jwt) {
    return secrets.of(Accounts.of(jwt));
  }

  @PostMapping("/{alertId}/pause")
  @Operation(summary = "Pause one of my alerts: it fires no more until resumed")
  AlertView pause(@AuthenticationPrincipal Jwt jwt, @PathVariable String alertId) {
    return service.pause(Accounts.of(jwt), alertId);
  }

  @PostMapping("/{alertId}/resume")
  @Operation(summary = "Resume one of my alerts: armed if the price is on the other side")
  AlertView resume(@AuthenticationPrincipal Jwt jwt, @PathVariable String alertId) {
    return service.resume(Accounts.of(jwt), alertId);
  }

  @DeleteMapping("/{alertId}")
  @Operation(summary = "Delete one of my alerts (204)")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String alertId) {
    service.delete(Accounts.of(jwt), alertId);
    return ResponseEntity.noContent().build();
  }
}
