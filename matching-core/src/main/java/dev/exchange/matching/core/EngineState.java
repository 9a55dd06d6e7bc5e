package dev.exchange.matching.core;

import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.PriceBand;
import dev.exchange.model.avro.InstrumentStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-symbol scalar state: the instrument definition and the counters that make outputs
 * deterministic. A POJO for Flink's POJO serializer (no collections, no Kryo).
 */
public final class EngineState {
  public String symbol;

  /** Null until the symbol is listed. */
  public InstrumentStatus status;

  public String baseAsset;
  public String quoteAsset;
  public int priceScale;
  public int quantityScale;
  public long tickSize;
  public long stepSize;
  public long minQuantity;
  public long maxQuantity;
  public long minNotional;
  public int maxOpenOrders;

  /** Listed asset scales (0: unknown) and fee rates in basis points; see {@link InstrumentSpec}. */
  public int baseAssetScale;

  public int quoteAssetScale;
  public int makerFeeBps;
  public int takerFeeBps;

  /**
   * The percent price filter's multipliers in units of 10^-4 ({@link PriceBand}); 0 (also when
   * restored from state older than the filter): that bound is not checked.
   */
  public int bidMultiplierUp;

  public int bidMultiplierDown;
  public int askMultiplierUp;
  public int askMultiplierDown;

  /**
   * Price of the last trade, the band's reference; 0 before the first trade since the listing (and
   * when restored from state older than the filter, until the next trade).
   */
  public long lastTradePrice;

  /** Match time of the last command: outputs use {@code max(lastTime, command.timestamp)}. */
  public long lastTime;

  public long lastTradeId;
  public long lastUpdateId;
  public long lastSequence;
  public long lastArrival;
  public long instrumentVersion;

  private transient InstrumentSpec spec;

  public EngineState() {}

  public static EngineState forSymbol(String symbol) {
    EngineState s = new EngineState();
    s.symbol = symbol;
    return s;
  }

  public boolean listed() {
    return status != null;
  }

  /**
   * Validated definitions by symbol. State is deserialized afresh for every command, and building
   * an {@link InstrumentSpec} validates it (symbol patterns included), so the last one built per
   * symbol is reused while every field still matches. Values are immutable; a mismatch rebuilds.
   */
  private static final Map<String, InstrumentSpec> SPECS = new ConcurrentHashMap<>();

  /** The instrument, or null if never listed. */
  public InstrumentSpec spec() {
    if (status == null) {
      return null;
    }
    if (spec != null && describes(spec)) {
      return spec;
    }
    InstrumentSpec cached = SPECS.get(symbol);
    if (cached == null || !describes(cached)) {
      cached =
          new InstrumentSpec(
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
              makerFeeBps,
              takerFeeBps,
              new PriceBand(
                  bidMultiplierUp, bidMultiplierDown, askMultiplierUp, askMultiplierDown));
      SPECS.put(symbol, cached);
    }
    spec = cached;
    return cached;
  }

  private boolean describes(InstrumentSpec s) {
    return s.status() == status
        && s.priceScale() == priceScale
        && s.quantityScale() == quantityScale
        && s.tickSize() == tickSize
        && s.stepSize() == stepSize
        && s.minQuantity() == minQuantity
        && s.maxQuantity() == maxQuantity
        && s.minNotional() == minNotional
        && s.maxOpenOrders() == maxOpenOrders
        && s.baseAssetScale() == baseAssetScale
        && s.quoteAssetScale() == quoteAssetScale
        && s.makerFeeBps() == makerFeeBps
        && s.takerFeeBps() == takerFeeBps
        && s.priceBand().bidMultiplierUp() == bidMultiplierUp
        && s.priceBand().bidMultiplierDown() == bidMultiplierDown
        && s.priceBand().askMultiplierUp() == askMultiplierUp
        && s.priceBand().askMultiplierDown() == askMultiplierDown
        && s.symbol().equals(symbol)
        && s.baseAsset().equals(baseAsset)
        && s.quoteAsset().equals(quoteAsset);
  }

  public void define(InstrumentSpec s) {
    symbol = s.symbol();
    status = s.status();
    baseAsset = s.baseAsset();
    quoteAsset = s.quoteAsset();
    priceScale = s.priceScale();
    quantityScale = s.quantityScale();
    tickSize = s.tickSize();
    stepSize = s.stepSize();
    minQuantity = s.minQuantity();
    maxQuantity = s.maxQuantity();
    minNotional = s.minNotional();
    maxOpenOrders = s.maxOpenOrders();
    baseAssetScale = s.baseAssetScale();
    quoteAssetScale = s.quoteAssetScale();
    makerFeeBps = s.makerFeeBps();
    takerFeeBps = s.takerFeeBps();
    bidMultiplierUp = s.priceBand().bidMultiplierUp();
    bidMultiplierDown = s.priceBand().bidMultiplierDown();
    askMultiplierUp = s.priceBand().askMultiplierUp();
    askMultiplierDown = s.priceBand().askMultiplierDown();
    spec = s;
  }

  /** Advances the match time for a command and returns it. */
  public long advanceTime(long commandTimestamp) {
    lastTime = Math.max(lastTime, commandTimestamp);
    return lastTime;
  }

  public EngineState copy() {
    EngineState c = new EngineState();
    c.symbol = symbol;
    c.status = status;
    c.baseAsset = baseAsset;
    c.quoteAsset = quoteAsset;
    c.priceScale = priceScale;
    c.quantityScale = quantityScale;
    c.tickSize = tickSize;
    c.stepSize = stepSize;
    c.minQuantity = minQuantity;
    c.maxQuantity = maxQuantity;
    c.minNotional = minNotional;
    c.maxOpenOrders = maxOpenOrders;
    c.baseAssetScale = baseAssetScale;
    c.quoteAssetScale = quoteAssetScale;
    c.makerFeeBps = makerFeeBps;
    c.takerFeeBps = takerFeeBps;
    c.bidMultiplierUp = bidMultiplierUp;
    c.bidMultiplierDown = bidMultiplierDown;
    c.askMultiplierUp = askMultiplierUp;
    c.askMultiplierDown = askMultiplierDown;
    c.lastTradePrice = lastTradePrice;
    c.lastTime = lastTime;
    c.lastTradeId = lastTradeId;
    c.lastUpdateId = lastUpdateId;
    c.lastSequence = lastSequence;
    c.lastArrival = lastArrival;
    c.instrumentVersion = instrumentVersion;
    c.spec = spec;
    return c;
  }
}
