package dev.exchange.history.rows;

import java.math.BigDecimal;

/** The fees collected in one asset ({@code fee_ledger}): their sum and how many entries. */
public record FeeRow(String asset, BigDecimal collected, int assetScale, long entries) {}
