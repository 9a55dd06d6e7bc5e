package dev.exchange.edge.assets;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/v1/admin/assets}. */
record ListAssetRequest(
    @Schema(example = "BTC") String code, @Schema(example = "8") Integer scale) {}
