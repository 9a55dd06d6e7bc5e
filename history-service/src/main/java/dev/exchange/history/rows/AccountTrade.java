package dev.exchange.history.rows;

import java.math.BigDecimal;

/**
 * One of an account's fills with the fee it paid: an execution report of type TRADE and, when a fee
 * was charged, its FEE ledger entry (null {@code feeAsset} otherwise).
 */
public record AccountTrade(
    String symbol,
    String orderId,
    long tradeId,
    String side,
    BigDecimal price,
    BigDecimal quantity,
    BigDecimal quoteQuantity,
    long time,
    boolean maker,
    int priceScale,
    int quantityScale,
    String feeAsset,
    BigDecimal fee,
    int feeScale) {}
