package dev.exchange.edge.instruments;

import dev.exchange.model.InstrumentSpec;

/** An instrument as the API shows it: decimals as strings without trailing zeros. */
public record InstrumentView(
    String symbol,
    String baseAsset,
    String quoteAsset,
    String status,
    String tickSize,
    String stepSize,
    String minQuantity,
    String maxQuantity,
    String minNotional,
    int maxOpenOrders,
    int priceScale,
    int quantityScale) {

  public static InstrumentView of(InstrumentSpec s) {
    return new InstrumentView(
        s.symbol(),
        s.baseAsset(),
        s.quoteAsset(),
        s.status().name(),
        Decimals.plain(s.tickSize(), s.priceScale()),
        Decimals.plain(s.stepSize(), s.quantityScale()),
        Decimals.plain(s.minQuantity(), s.quantityScale()),
        Decimals.plain(s.maxQuantity(), s.quantityScale()),
        Decimals.plain(s.minNotional(), s.notionalScale()),
        s.maxOpenOrders(),
        s.priceScale(),
        s.quantityScale());
  }
}
