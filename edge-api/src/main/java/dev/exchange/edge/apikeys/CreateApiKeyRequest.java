package dev.exchange.edge.apikeys;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Body of {@code POST /api/v1/api-keys}. */
record CreateApiKeyRequest(
    @Schema(example = "grid bot", description = "1-64 characters; default 'api key'") String label,
    @Schema(
            allowableValues = {"HMAC_SHA256", "ED25519"},
            description = "default HMAC_SHA256")
        String scheme,
    @Schema(description = "ED25519 only: your public key, PEM (-----BEGIN PUBLIC KEY-----)")
        String publicKey,
    @Schema(
            description = "READ (always granted) and TRADE; default [READ]",
            example = "[\"READ\",\"TRADE\"]")
        List<String> permissions,
    @Schema(
            description =
                "addresses or CIDR blocks requests must come from, at most 30; empty: any",
            example = "[\"203.0.113.7\",\"10.0.0.0/8\"]")
        List<String> ipAllowList) {}
