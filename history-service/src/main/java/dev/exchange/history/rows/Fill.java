package dev.exchange.history.rows;

import java.math.BigDecimal;

/** One fill of an order: an execution report of type TRADE. */
public record Fill(
    long sequence,
    long tradeId,
    BigDecimal price,
    BigDecimal quantity,
    BigDecimal quoteQuantity,
    long time,
    boolean maker,
    int priceScale,
    int quantityScale) {}
