package dev.exchange.history.testing;

import java.math.BigDecimal;

/** A candle computed by the tests' reference aggregation, straight from trades. */
public record CandleFixture(
    String symbol,
    long openTime,
    long closeTime,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal volume,
    BigDecimal quoteVolume,
    long trades,
    BigDecimal takerBuyVolume,
    BigDecimal takerBuyQuoteVolume,
    long firstTradeId,
    long lastTradeId) {}
