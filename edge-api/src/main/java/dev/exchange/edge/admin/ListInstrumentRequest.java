package dev.exchange.edge.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/admin/instruments}. Decimals are strings. The price scale is the
 * number of decimals written in {@code tickSize} and the quantity scale that of {@code stepSize},
 * unless given explicitly. Both assets must be listed, with scales that hold the instrument's
 * quantities and notionals exactly. Fee rates are basis points (0..1000), 10 each when not given.
 * The percent price multipliers (Binance {@code PERCENT_PRICE_BY_SIDE} around the last trade price)
 * are decimal strings with at most 4 places, a down one in (0, 1], an up one from 1 to 100000;
 * Binance's usual 5 and 0.2 when not given.
 */
record ListInstrumentRequest(
    @Schema(example = "BTCUSDT") String symbol,
    @Schema(example = "BTC") String baseAsset,
    @Schema(example = "USDT") String quoteAsset,
    @Schema(example = "0.01") String tickSize,
    @Schema(example = "0.00001") String stepSize,
    @Schema(example = "0.00001") String minQuantity,
    @Schema(example = "9000") String maxQuantity,
    @Schema(example = "5") String minNotional,
    @Schema(example = "200") Integer maxOpenOrders,
    Integer priceScale,
    Integer quantityScale,
    @Schema(example = "10") Integer makerFeeBps,
    @Schema(example = "10") Integer takerFeeBps,
    @Schema(example = "5") String bidMultiplierUp,
    @Schema(example = "0.2") String bidMultiplierDown,
    @Schema(example = "5") String askMultiplierUp,
    @Schema(example = "0.2") String askMultiplierDown)
    implements Multipliers {}
