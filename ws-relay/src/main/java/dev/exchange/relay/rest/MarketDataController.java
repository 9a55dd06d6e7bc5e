package dev.exchange.relay.rest;

import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.avro.Ticker;
import dev.exchange.model.avro.Trade;
import dev.exchange.relay.book.RelayBook;
import dev.exchange.relay.feed.MarketMirror;
import dev.exchange.relay.json.JsonText;
import dev.exchange.relay.json.Payloads;
import dev.exchange.service.web.BinanceException;
import dev.exchange.service.web.BinanceParameters;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Live Binance REST from the relay's own state: {@code /api/v3/depth} (its {@code lastUpdateId} is
 * the same book the diff streams come from, so the SUBSCRIBE → depth → diffs sync works), {@code
 * /api/v3/ticker/bookTicker} and {@code /api/v3/ticker/24hr}.
 */
@RestController
class MarketDataController {

  static final int DEFAULT_DEPTH = 100;
  static final int MAX_DEPTH = 5000;

  private final MarketMirror market;

  MarketDataController(MarketMirror market) {
    this.market = market;
  }

  @GetMapping("/api/v3/depth")
  ResponseEntity<String> depth(
      @RequestParam(required = false) String symbol, @RequestParam(required = false) String limit) {
    String s = symbol(symbol);
    int levels = DEFAULT_DEPTH;
    if (limit != null && !limit.isEmpty()) {
      if (!limit.matches("[0-9]{1,9}")) {
        throw BinanceException.illegal("limit", "^[0-9]{1,20}$");
      }
      levels = Integer.parseInt(limit);
      if (levels < 1) {
        throw BinanceException.outOfRange("limit", 1, MAX_DEPTH);
      }
      levels = Math.min(levels, MAX_DEPTH); // Binance truncates larger limits to 5000
    }
    RelayBook book = market.book(s);
    if (book == null || book.state() == RelayBook.State.EMPTY) {
      throw BinanceException.bookNotLoaded(s);
    }
    return json(Payloads.partialDepth(book.depth(levels)));
  }

  @GetMapping("/api/v3/ticker/bookTicker")
  ResponseEntity<String> bookTicker(
      @RequestParam(required = false) String symbol,
      @RequestParam(required = false) String symbols) {
    List<String> list = symbols(symbol, symbols);
    StringBuilder out = new StringBuilder();
    if (list == null) {
      out.append('[');
      boolean first = true;
      for (String s : allSymbols()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(bookTicker(s));
      }
      return json(out.append(']').toString());
    }
    if (symbols == null) {
      return json(bookTicker(list.get(0)));
    }
    return json(array(list, this::bookTicker));
  }

  @GetMapping("/api/v3/ticker/24hr")
  ResponseEntity<String> ticker24hr(
      @RequestParam(required = false) String symbol,
      @RequestParam(required = false) String symbols) {
    List<String> list = symbols(symbol, symbols);
    if (list == null) {
      return json(array(allSymbols(), this::ticker));
    }
    if (symbols == null) {
      return json(ticker(list.get(0)));
    }
    return json(array(list, this::ticker));
  }

  private String bookTicker(String symbol) {
    RelayBook book = market.book(symbol);
    long[][] top = book == null ? new long[2][] : book.top();
    int ps = book == null ? scales(symbol)[0] : book.priceScale();
    int qs = book == null ? scales(symbol)[1] : book.quantityScale();
    return JsonText.object(160)
        .str("symbol", symbol)
        .dec("bidPrice", top[0] == null ? 0 : top[0][0], ps)
        .dec("bidQty", top[0] == null ? 0 : top[0][1], qs)
        .dec("askPrice", top[1] == null ? 0 : top[1][0], ps)
        .dec("askQty", top[1] == null ? 0 : top[1][1], qs)
        .close();
  }

  private String ticker(String symbol) {
    Ticker t = market.ticker(symbol);
    RelayBook book = market.book(symbol);
    long[][] top = book == null ? new long[2][] : book.top();
    int ps = t != null ? t.getPriceScale() : scales(symbol)[0];
    int qs = t != null ? t.getQuantityScale() : scales(symbol)[1];
    long now = System.currentTimeMillis();
    Trade last = market.lastTrade(symbol);
    long lastQty =
        t != null && last != null && last.getTradeId() == t.getLastTradeId()
            ? last.getQuantity()
            : 0;
    boolean traded = t != null && t.getTradeCount() > 0;
    return JsonText.object(640)
        .str("symbol", symbol)
        .dec("priceChange", t == null ? 0 : t.getPriceChange(), ps)
        .dec("priceChangePercent", t == null ? 0 : t.getPriceChangePercent(), 3)
        .dec("weightedAvgPrice", t == null ? 0 : Payloads.weightedAverage(t), ps)
        .dec("prevClosePrice", t == null ? 0 : t.getOpen(), ps)
        .dec("lastPrice", t == null ? 0 : t.getLast(), ps)
        .dec("lastQty", lastQty, qs)
        .dec("bidPrice", top[0] == null ? 0 : top[0][0], ps)
        .dec("bidQty", top[0] == null ? 0 : top[0][1], qs)
        .dec("askPrice", top[1] == null ? 0 : top[1][0], ps)
        .dec("askQty", top[1] == null ? 0 : top[1][1], qs)
        .dec("openPrice", t == null ? 0 : t.getOpen(), ps)
        .dec("highPrice", t == null ? 0 : t.getHigh(), ps)
        .dec("lowPrice", t == null ? 0 : t.getLow(), ps)
        .dec("volume", t == null ? 0 : t.getVolume(), qs)
        .dec("quoteVolume", t == null ? 0 : t.getQuoteVolume(), ps + qs)
        .num("openTime", t == null ? now - 86_400_000L : t.getOpenTime())
        .num("closeTime", t == null ? now : t.getCloseTime())
        .num("firstId", traded ? t.getFirstTradeId() : -1)
        .num("lastId", traded ? t.getLastTradeId() : -1)
        .num("count", t == null ? 0 : t.getTradeCount())
        .close();
  }

  private int[] scales(String symbol) {
    InstrumentSpec i = market.instrument(symbol);
    return i == null ? new int[] {0, 0} : new int[] {i.priceScale(), i.quantityScale()};
  }

  private List<String> allSymbols() {
    return market.instruments().stream().map(InstrumentSpec::symbol).toList();
  }

  /** null = all symbols; else the requested ones, each known. */
  private List<String> symbols(String symbol, String symbols) {
    return BinanceParameters.symbols(symbol, symbols, this::symbol);
  }

  private String symbol(String symbol) {
    return BinanceParameters.symbol(symbol, market::isKnown);
  }

  private static String array(List<String> symbols, java.util.function.Function<String, String> f) {
    StringBuilder out = new StringBuilder().append('[');
    for (int i = 0; i < symbols.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(f.apply(symbols.get(i)));
    }
    return out.append(']').toString();
  }

  private static ResponseEntity<String> json(String body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
