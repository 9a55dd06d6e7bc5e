package dev.exchange.edge.orders;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/orders}. Decimals are JSON strings; a JSON number is taken from its
 * exact text. Enum values are upper-case.
 */
record PlaceOrderRequest(
    @Schema(example = "BTCUSDT", requiredMode = Schema.RequiredMode.REQUIRED) String symbol,
    @Schema(
            allowableValues = {"BUY", "SELL"},
            requiredMode = Schema.RequiredMode.REQUIRED)
        String side,
    @Schema(
            allowableValues = {"LIMIT", "MARKET", "LIMIT_MAKER"},
            requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
    @Schema(
            allowableValues = {"GTC", "IOC", "FOK"},
            description = "default GTC for LIMIT and LIMIT_MAKER, IOC for MARKET")
        String timeInForce,
    @Schema(example = "0.5", description = "base quantity") String quantity,
    @Schema(example = "100", description = "quote amount, MARKET BUY only") String quoteQuantity,
    @Schema(example = "100.00", description = "limit price; not on MARKET") String price,
    @Schema(description = "1-36 of [A-Za-z0-9._:-]; generated when absent") String clientOrderId,
    @Schema(
            allowableValues = {"NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"},
            description = "default NONE")
        String selfTradePrevention) {}
