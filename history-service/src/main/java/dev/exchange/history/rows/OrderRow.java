package dev.exchange.history.rows;

import java.math.BigDecimal;

/** The latest state of an order, as the hot tier's {@code orders} table holds it. */
public record OrderRow(
    String orderId,
    String clientOrderId,
    String account,
    String symbol,
    String side,
    String type,
    String timeInForce,
    BigDecimal price,
    BigDecimal quantity,
    BigDecimal quoteQuantity,
    BigDecimal executedQuantity,
    BigDecimal cumulativeQuote,
    String status,
    String rejectReason,
    int priceScale,
    int quantityScale,
    long createdAt,
    long updatedAt) {}
