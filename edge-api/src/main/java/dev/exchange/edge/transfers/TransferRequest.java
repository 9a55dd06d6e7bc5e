package dev.exchange.edge.transfers;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/admin/transfers}. The amount is a decimal string in the asset's
 * units; the transferId makes a retry safe (the accounts job moves funds once per account and id).
 */
record TransferRequest(
    @Schema(example = "alice") String account,
    @Schema(example = "USDT") String asset,
    @Schema(example = "1000.5") String amount,
    @Schema(
            example = "DEPOSIT",
            allowableValues = {"DEPOSIT", "WITHDRAWAL"})
        String kind,
    @Schema(example = "bank-2026-0001") String transferId) {}
