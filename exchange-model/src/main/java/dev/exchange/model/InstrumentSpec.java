package dev.exchange.model;

import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.InstrumentStatus;

/**
 * A trading pair and its filters. Prices are in units of {@code 10^-priceScale}, quantities in
 * units of {@code 10^-quantityScale}, and notionals (price × quantity) in units of {@code
 * 10^-(priceScale+quantityScale)}. The constructor refuses an inconsistent definition with a
 * message naming the field.
 */
public record InstrumentSpec(
    String symbol,
    String baseAsset,
    String quoteAsset,
    InstrumentStatus status,
    int priceScale,
    int quantityScale,
    long tickSize,
    long stepSize,
    long minQuantity,
    long maxQuantity,
    long minNotional,
    int maxOpenOrders) {

  public InstrumentSpec {
    Symbols.requireValid(symbol);
    require(Symbols.isValidAsset(baseAsset), "baseAsset must be 1 to 10 upper-case letters/digits");
    require(
        Symbols.isValidAsset(quoteAsset), "quoteAsset must be 1 to 10 upper-case letters/digits");
    require(status != null, "status is required");
    require(priceScale >= 0 && priceScale <= FixedPoint.MAX_SCALE, "priceScale must be 0..18");
    require(
        quantityScale >= 0 && quantityScale <= FixedPoint.MAX_SCALE, "quantityScale must be 0..18");
    require(
        priceScale + quantityScale <= FixedPoint.MAX_SCALE,
        "priceScale + quantityScale must be at most 18 so notionals stay exact");
    require(tickSize > 0, "tickSize must be greater than zero");
    require(stepSize > 0, "stepSize must be greater than zero");
    require(minQuantity > 0, "minQuantity must be greater than zero");
    require(minQuantity % stepSize == 0, "minQuantity must be a multiple of stepSize");
    require(maxQuantity >= minQuantity, "maxQuantity must not be below minQuantity");
    require(maxQuantity % stepSize == 0, "maxQuantity must be a multiple of stepSize");
    require(minNotional >= 0, "minNotional must not be negative");
    require(maxOpenOrders > 0, "maxOpenOrders must be greater than zero");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Scale of notionals and quote quantities. */
  public int notionalScale() {
    return priceScale + quantityScale;
  }

  public InstrumentSpec withStatus(InstrumentStatus newStatus) {
    return new InstrumentSpec(
        symbol,
        baseAsset,
        quoteAsset,
        newStatus,
        priceScale,
        quantityScale,
        tickSize,
        stepSize,
        minQuantity,
        maxQuantity,
        minNotional,
        maxOpenOrders);
  }

  public InstrumentSpec withFilters(InstrumentFilters filters) {
    return new InstrumentSpec(
        symbol,
        baseAsset,
        quoteAsset,
        status,
        priceScale,
        quantityScale,
        filters.getTickSize(),
        filters.getStepSize(),
        filters.getMinQuantity(),
        filters.getMaxQuantity(),
        filters.getMinNotional(),
        filters.getMaxOpenOrders());
  }

  public InstrumentFilters filters() {
    return new InstrumentFilters(
        tickSize, stepSize, minQuantity, maxQuantity, minNotional, maxOpenOrders);
  }

  /** The record published on {@code exchange.instruments}. */
  public Instrument toRecord(long version, long updatedTime) {
    return new Instrument(
        symbol,
        baseAsset,
        quoteAsset,
        status,
        priceScale,
        quantityScale,
        filters(),
        version,
        updatedTime);
  }

  public static InstrumentSpec fromRecord(Instrument record) {
    InstrumentFilters f = record.getFilters();
    return new InstrumentSpec(
        record.getSymbol(),
        record.getBaseAsset(),
        record.getQuoteAsset(),
        record.getStatus(),
        record.getPriceScale(),
        record.getQuantityScale(),
        f.getTickSize(),
        f.getStepSize(),
        f.getMinQuantity(),
        f.getMaxQuantity(),
        f.getMinNotional(),
        f.getMaxOpenOrders());
  }
}
