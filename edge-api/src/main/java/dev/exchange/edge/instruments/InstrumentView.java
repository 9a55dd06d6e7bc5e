package dev.exchange.edge.instruments;

import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.PriceBand;

/**
 * An instrument as the API shows it: decimals as strings without trailing zeros; the listed assets'
 * scales (0 for a pair listed before assets existed) and the fee rates in basis points; the percent
 * price multipliers as decimal strings (null where the instrument checks no such bound).
 */
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
    int quantityScale,
    int baseAssetScale,
    int quoteAssetScale,
    int makerFeeBps,
    int takerFeeBps,
    String bidMultiplierUp,
    String bidMultiplierDown,
    String askMultiplierUp,
    String askMultiplierDown) {

  public static InstrumentView of(InstrumentSpec s) {
    return new InstrumentView(
        s.symbol(),
        s.baseAsset(),
        s.quoteAsset(),
        s.status().name(),
        TrimmedDecimals.plain(s.tickSize(), s.priceScale()),
        TrimmedDecimals.plain(s.stepSize(), s.quantityScale()),
        TrimmedDecimals.plain(s.minQuantity(), s.quantityScale()),
        TrimmedDecimals.plain(s.maxQuantity(), s.quantityScale()),
        TrimmedDecimals.plain(s.minNotional(), s.notionalScale()),
        s.maxOpenOrders(),
        s.priceScale(),
        s.quantityScale(),
        s.baseAssetScale(),
        s.quoteAssetScale(),
        s.makerFeeBps(),
        s.takerFeeBps(),
        multiplier(s.priceBand().bidMultiplierUp()),
        multiplier(s.priceBand().bidMultiplierDown()),
        multiplier(s.priceBand().askMultiplierUp()),
        multiplier(s.priceBand().askMultiplierDown()));
  }

  private static String multiplier(int units) {
    return units == 0 ? null : PriceBand.format(units);
  }
}
