package dev.exchange.edge.apikeys;

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

/** The signed-in user's API keys for Binance-style signed requests (docs/edge-api.md). */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "api-keys")
@SecurityRequirement(name = "bearer")
class ApiKeyController {

  private final ApiKeyService service;

  ApiKeyController(ApiKeyService service) {
    this.service = service;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary =
          "Create a key (201). An HMAC_SHA256 key's secret is in this answer only; an ED25519"
              + " key takes your public key")
  ResponseEntity<ApiKeyView> create(
      @AuthenticationPrincipal Jwt jwt, @RequestBody CreateApiKeyRequest body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(service.create(Accounts.of(jwt), body));
  }

  @GetMapping
  @Operation(summary = "My keys, revoked ones included, oldest first; never a secret")
  List<ApiKeyView> list(@AuthenticationPrincipal Jwt jwt) {
    return service.list(Accounts.of(jwt));
  }

  @DeleteMapping("/{apiKey}")
  @Operation(summary = "Revoke one of my keys (204); requests signed with it fail from now on")
  ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable String apiKey) {
    service.revoke(Accounts.of(jwt), apiKey);
    return ResponseEntity.noContent().build();
  }
}
