package dev.exchange.edge.apikeys;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.exchange.service.apikeys.ApiKey;
import java.util.List;

/**
 * An API key as its owner sees it. {@code secret} is present once, in the answer that created an
 * HMAC key, and never again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyView(
    String apiKey,
    String label,
    String scheme,
    List<String> permissions,
    List<String> ipAllowList,
    String publicKey,
    String status,
    long createdAt,
    Long revokedAt,
    String secret) {

  static ApiKeyView of(ApiKey key, String secret) {
    return new ApiKeyView(
        key.apiKey(),
        key.label(),
        key.scheme().name(),
        key.permissions().stream().sorted().map(Enum::name).toList(),
        key.ipAllowList(),
        key.publicKey(),
        key.revoked() ? "REVOKED" : "ACTIVE",
        key.createdAt(),
        key.revokedAt(),
        secret);
  }
}
