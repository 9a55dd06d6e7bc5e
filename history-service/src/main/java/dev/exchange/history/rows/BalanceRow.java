package dev.exchange.history.rows;

import java.math.BigDecimal;

/** One asset's balance of an account, as the hot tier's {@code balances} table holds it. */
public record BalanceRow(String asset, BigDecimal free, BigDecimal locked, int assetScale) {}
