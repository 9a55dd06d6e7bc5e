package dev.exchange.history.rows;

import java.math.BigDecimal;

/** One ledger entry of an account, as the hot tier's {@code ledger} table holds it. */
public record LedgerRow(
    long sequence,
    long time,
    String kind,
    String asset,
    int assetScale,
    BigDecimal freeDelta,
    BigDecimal lockedDelta,
    BigDecimal free,
    BigDecimal locked,
    String symbol,
    String orderId,
    Long tradeId,
    String transferId,
    String rejectReason) {}
