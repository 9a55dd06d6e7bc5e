package dev.exchange.history.rows;

import java.math.BigDecimal;

/**
 * One executed trade as the history stores it. {@code takerOrderId} groups trades into Binance
 * aggregate trades.
 */
public record TradeRow(
    long tradeId,
    long time,
    BigDecimal price,
    BigDecimal quantity,
    BigDecimal quoteQuantity,
    boolean takerBuy,
    String takerOrderId,
    int priceScale,
    int quantityScale) {}
