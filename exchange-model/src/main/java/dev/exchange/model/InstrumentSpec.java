package dev.exchange.model;

import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.InstrumentStatus;

/**
 * A trading pair and its filters. Prices are in units of {@code 10^-priceScale}, quantities in
 * units of {@code 10^-quantityScale}, and notionals (price × quantity) in units of {@code
 * 10^-(priceScale+quantityScale)}. The constructor refuses an inconsistent definition with a
 * message naming the field.
 *
 * <p>{@code baseAssetScale} and {@code quoteAssetScale} are the listed assets' scales (0 for an
 * instrument listed before assets existed); {@link #baseFeeScale()} and {@link #quoteFeeScale()}
 * are the scales fees are charged at. Fee rates are basis points of what a side receives. {@code
 * priceBand} is the percent price filter ({@link PriceBand}; {@link PriceBand#NONE} for an
 * instrument listed before it existed).
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
    int maxOpenOrders,
    int baseAssetScale,
    int quoteAssetScale,
    int makerFeeBps,
    int takerFeeBps,
    PriceBand priceBand) {

  /** Highest fee rate accepted, in basis points (10%). */
  public static final int MAX_FEE_BPS = 1000;

  /** An instrument without asset scales, fees and price band. */
  public InstrumentSpec(
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
    this(
        symbol,
        baseAsset,
        quoteAsset,
        status,
        priceScale,
        quantityScale,
        tickSize,
        stepSize,
        minQuantity,
        maxQuantity,
        minNotional,
        maxOpenOrders,
        0,
        0,
        0,
        0,
        PriceBand.NONE);
  }

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
    require(
        baseAssetScale >= 0 && baseAssetScale <= FixedPoint.MAX_SCALE,
        "baseAssetScale must be 0..18");
    require(
        quoteAssetScale >= 0 && quoteAssetScale <= FixedPoint.MAX_SCALE,
        "quoteAssetScale must be 0..18");
    require(
        makerFeeBps >= 0 && makerFeeBps <= MAX_FEE_BPS,
        "makerFeeBps must be 0 to 1000 basis points");
    require(
        takerFeeBps >= 0 && takerFeeBps <= MAX_FEE_BPS,
        "takerFeeBps must be 0 to 1000 basis points");
    require(priceBand != null, "priceBand is required");
  }

  /** Scale a buyer's base-asset fee is charged at: the asset's, never coarser than quantities. */
  public int baseFeeScale() {
    return Math.max(baseAssetScale, quantityScale);
  }

  /** Scale a seller's quote-asset fee is charged at: the asset's, never coarser than notionals. */
  public int quoteFeeScale() {
    return Math.max(quoteAssetScale, notionalScale());
  }

  public InstrumentSpec withFees(int newMakerFeeBps, int newTakerFeeBps) {
    return new InstrumentSpec(
        symbol,
        baseAsset,
        quoteAsset,
        status,
        priceScale,
        quantityScale,
        tickSize,
        stepSize,
        minQuantity,
        maxQuantity,
        minNotional,
        maxOpenOrders,
        baseAssetScale,
        quoteAssetScale,
        newMakerFeeBps,
        newTakerFeeBps,
        priceBand);
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
        maxOpenOrders,
        baseAssetScale,
        quoteAssetScale,
        makerFeeBps,
        takerFeeBps,
        priceBand);
  }

  /**
   * The filters replaced; of the price multipliers only those given (non-zero) replace the current
   * ones.
   */
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
        filters.getMaxOpenOrders(),
        baseAssetScale,
        quoteAssetScale,
        makerFeeBps,
        takerFeeBps,
        priceBand.updatedBy(PriceBand.of(filters)));
  }

  public InstrumentFilters filters() {
    return new InstrumentFilters(
        tickSize,
        stepSize,
        minQuantity,
        maxQuantity,
        minNotional,
        maxOpenOrders,
        priceBand.bidMultiplierUp(),
        priceBand.bidMultiplierDown(),
        priceBand.askMultiplierUp(),
        priceBand.askMultiplierDown());
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
        baseAssetScale,
        quoteAssetScale,
        makerFeeBps,
        takerFeeBps,
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
        f.getMaxOpenOrders(),
        record.getBaseAssetScale(),
        record.getQuoteAssetScale(),
        record.getMakerFeeBps(),
        record.getTakerFeeBps(),
        PriceBand.of(f));
  }
}
