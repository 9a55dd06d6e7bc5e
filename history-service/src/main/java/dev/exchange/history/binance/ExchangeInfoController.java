package dev.exchange.history.binance;

import dev.exchange.history.system.PaddedDecimals;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.PriceBand;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.service.instruments.InstrumentCache;
import dev.exchange.service.web.BinanceException;
import dev.exchange.service.web.BinanceParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Binance {@code exchangeInfo} from the live instrument list: one entry per instrument with its
 * PRICE_FILTER, LOT_SIZE and NOTIONAL filters at the instrument's scales, PERCENT_PRICE_BY_SIDE
 * when it has a price band (avgPriceMins 0: the reference is the last trade price), and its maker
 * and taker fee rates in basis points. HALTED maps to Binance's {@code HALT} and DELISTED to {@code
 * BREAK}; ccxt treats anything but {@code TRADING} as inactive.
 */
@RestController
@Tag(name = "binance")
class ExchangeInfoController {

  private final InstrumentCache instruments;
  private final Clock clock;

  ExchangeInfoController(InstrumentCache instruments, Clock clock) {
    this.instruments = instruments;
    this.clock = clock;
  }

  @GetMapping("/api/v3/exchangeInfo")
  @Operation(summary = "Binance exchangeInfo: the listed instruments and their filters")
  Map<String, Object> exchangeInfo(
      @RequestParam(required = false) String symbol,
      @RequestParam(required = false) String symbols) {
    List<InstrumentSpec> selected = select(symbol, symbols);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("timezone", "UTC");
    body.put("serverTime", clock.millis());
    body.put("rateLimits", List.of());
    body.put("exchangeFilters", List.of());
    body.put("symbols", selected.stream().map(ExchangeInfoController::symbol).toList());
    return body;
  }

  private List<InstrumentSpec> select(String symbol, String symbols) {
    List<InstrumentSpec> selected = BinanceParameters.symbols(symbol, symbols, this::known);
    return selected == null ? instruments.all() : selected;
  }

  private InstrumentSpec known(String symbol) {
    InstrumentSpec spec = instruments.get(symbol);
    if (spec == null) {
      throw BinanceException.invalidSymbol();
    }
    return spec;
  }

  static Map<String, Object> symbol(InstrumentSpec s) {
    int ps = s.priceScale();
    int qs = s.quantityScale();
    int ns = s.notionalScale();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", s.symbol());
    m.put("status", status(s.status()));
    m.put("baseAsset", s.baseAsset());
    m.put("baseAssetPrecision", qs);
    m.put("quoteAsset", s.quoteAsset());
    m.put("quotePrecision", ns);
    m.put("quoteAssetPrecision", ns);
    m.put("baseCommissionPrecision", qs);
    m.put("quoteCommissionPrecision", ns);
    // Not in Binance's exchangeInfo (it has per-account commission rates); clients ignore extras.
    m.put("makerFeeBps", s.makerFeeBps());
    m.put("takerFeeBps", s.takerFeeBps());
    m.put("orderTypes", List.of("LIMIT", "LIMIT_MAKER", "MARKET"));
    m.put("icebergAllowed", false);
    m.put("ocoAllowed", false);
    m.put("otoAllowed", false);
    m.put("quoteOrderQtyMarketAllowed", true);
    m.put("allowTrailingStop", false);
    m.put("cancelReplaceAllowed", false);
    m.put("isSpotTradingAllowed", true);
    m.put("isMarginTradingAllowed", false);
    List<Map<String, Object>> filters =
        new ArrayList<>(
            List.of(
                filter(
                    "PRICE_FILTER",
                    "minPrice",
                    PaddedDecimals.text(s.tickSize(), ps),
                    "maxPrice",
                    maxPrice(ps),
                    "tickSize",
                    PaddedDecimals.text(s.tickSize(), ps)),
                filter(
                    "LOT_SIZE",
                    "minQty",
                    PaddedDecimals.text(s.minQuantity(), qs),
                    "maxQty",
                    PaddedDecimals.text(s.maxQuantity(), qs),
                    "stepSize",
                    PaddedDecimals.text(s.stepSize(), qs)),
                notional(s, ns)));
    if (complete(s.priceBand())) {
      filters.add(percentPriceBySide(s.priceBand()));
    }
    m.put("filters", filters);
    m.put("permissions", List.of());
    m.put("permissionSets", List.of(List.of("SPOT")));
    m.put("defaultSelfTradePreventionMode", "NONE");
    m.put(
        "allowedSelfTradePreventionModes",
        List.of("NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"));
    return m;
  }

  private static Map<String, Object> notional(InstrumentSpec s, int ns) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("filterType", "NOTIONAL");
    f.put("minNotional", PaddedDecimals.text(s.minNotional(), ns));
    f.put("applyMinToMarket", false);
    f.put("maxNotional", PaddedDecimals.text(Long.MAX_VALUE, ns));
    f.put("applyMaxToMarket", false);
    f.put("avgPriceMins", 0);
    return f;
  }

  /** Binance can only say all four multipliers; a pair listed before the filter has none. */
  private static boolean complete(PriceBand b) {
    return b.bidMultiplierUp() != 0
        && b.bidMultiplierDown() != 0
        && b.askMultiplierUp() != 0
        && b.askMultiplierDown() != 0;
  }

  private static Map<String, Object> percentPriceBySide(PriceBand b) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("filterType", "PERCENT_PRICE_BY_SIDE");
    f.put("bidMultiplierUp", PriceBand.format(b.bidMultiplierUp()));
    f.put("bidMultiplierDown", PriceBand.format(b.bidMultiplierDown()));
    f.put("askMultiplierUp", PriceBand.format(b.askMultiplierUp()));
    f.put("askMultiplierDown", PriceBand.format(b.askMultiplierDown()));
    f.put("avgPriceMins", 0);
    return f;
  }

  private static Map<String, Object> filter(
      String type, String k1, String v1, String k2, String v2, String k3, String v3) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("filterType", type);
    f.put(k1, v1);
    f.put(k2, v2);
    f.put(k3, v3);
    return f;
  }

  /** The largest price a long of price units can hold at this scale. */
  private static String maxPrice(int priceScale) {
    return PaddedDecimals.text(Long.MAX_VALUE, priceScale);
  }

  private static String status(InstrumentStatus status) {
    return switch (status) {
      case TRADING -> "TRADING";
      case HALTED -> "HALT";
      case DELISTED -> "BREAK";
    };
  }
}
