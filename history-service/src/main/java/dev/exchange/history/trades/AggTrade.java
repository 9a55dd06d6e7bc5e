package dev.exchange.history.trades;

import java.math.BigDecimal;

/**
 * A Binance aggregate trade: consecutive trades of one taker order at one price and one time. Its
 * id {@code a} is the id of its first trade, so it is stable and ordered like the trades.
 */
public record AggTrade(
    long id,
    BigDecimal price,
    BigDecimal quantity,
    long firstTradeId,
    long lastTradeId,
    long time,
    boolean takerBuy,
    int priceScale,
    int quantityScale) {}
