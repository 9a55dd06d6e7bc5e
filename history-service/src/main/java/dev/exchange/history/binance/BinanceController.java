package dev.exchange.history.binance;

import dev.exchange.history.binance.BinanceViews.Agg;
import dev.exchange.history.binance.BinanceViews.Trade;
import dev.exchange.history.klines.KlineInterval;
import dev.exchange.history.klines.KlineService;
import dev.exchange.history.rows.Kline;
import dev.exchange.history.trades.AggTrade;
import dev.exchange.history.trades.AggTradeService;
import dev.exchange.history.trades.TradeService;
import dev.exchange.service.instruments.InstrumentCache;
import dev.exchange.service.web.BinanceException;
import dev.exchange.service.web.BinanceParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Binance-compatible market history: klines, trades, historicalTrades and aggTrades, from both
 * tiers. Parameters are read as text so that every malformed one gets Binance's error; parameters
 * this surface does not know are ignored, as Binance clients expect.
 */
@RestController
@Tag(name = "binance")
class BinanceController {

  static final int DEFAULT_LIMIT = 500;
  static final int MAX_LIMIT = 1000;

  private final InstrumentCache instruments;
  private final KlineService klines;
  private final TradeService trades;
  private final AggTradeService aggTrades;

  BinanceController(
      InstrumentCache instruments,
      KlineService klines,
      TradeService trades,
      AggTradeService aggTrades) {
    this.instruments = instruments;
    this.klines = klines;
    this.trades = trades;
    this.aggTrades = aggTrades;
  }

  @GetMapping("/api/v3/klines")
  @Operation(summary = "Binance klines (12-field rows)")
  ResponseEntity<byte[]> klines(
      @RequestParam(required = false) String symbol,
      @RequestParam(required = false) String interval,
      @RequestParam(required = false) String startTime,
      @RequestParam(required = false) String endTime,
      @RequestParam(required = false) String limit) {
    String s = symbol(symbol);
    if (interval == null || interval.isEmpty()) {
      throw BinanceException.missing("interval");
    }
    KlineInterval i = KlineInterval.of(interval);
    if (i == null) {
      throw BinanceException.invalidInterval();
    }
    Long start = number("startTime", startTime);
    Long end = number("endTime", endTime);
    if (start != null && end != null && start > end) {
      throw BinanceException.startAfterEnd();
    }
    int n = limit(limit);
    List<Kline> rows = klines.klines(s, i, start, end, n);
    // Written by hand: up to 1000 rows of 12 fields is the hottest response of the service.
    StringBuilder json = new StringBuilder(64 + rows.size() * 160).append('[');
    for (int r = 0; r < rows.size(); r++) {
      if (r > 0) {
        json.append(',');
      }
      BinanceViews.kline(json, rows.get(r), i);
    }
    // Bytes, not a String: the String converter would encode the body twice (length, then body).
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.append(']').toString().getBytes(StandardCharsets.UTF_8));
  }

  @GetMapping("/api/v3/trades")
  @Operation(summary = "Binance recent trades, oldest first")
  List<Trade> trades(
      @RequestParam(required = false) String symbol, @RequestParam(required = false) String limit) {
    String s = symbol(symbol);
    return trades.recent(s, limit(limit)).stream().map(Trade::of).toList();
  }

  @GetMapping("/api/v3/historicalTrades")
  @Operation(summary = "Binance older trades from an id (fromId), oldest first")
  List<Trade> historicalTrades(
      @RequestParam(required = false) String symbol,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String fromId) {
    String s = symbol(symbol);
    int n = limit(limit);
    Long from = number("fromId", fromId);
    if (from == null) {
      return trades.recent(s, n).stream().map(Trade::of).toList();
    }
    return trades.ascending(s, 0, Long.MAX_VALUE, from, n, true).stream().map(Trade::of).toList();
  }

  @GetMapping("/api/v3/aggTrades")
  @Operation(
      summary = "Binance aggregate trades",
      description =
          "Trades of one taker order at one price and time, aggregated; 'a' is the id of the"
              + " first trade of the group.")
  List<Agg> aggTrades(
      @RequestParam(required = false) String symbol,
      @RequestParam(required = false) String fromId,
      @RequestParam(required = false) String startTime,
      @RequestParam(required = false) String endTime,
      @RequestParam(required = false) String limit) {
    String s = symbol(symbol);
    Long from = number("fromId", fromId);
    Long start = number("startTime", startTime);
    Long end = number("endTime", endTime);
    int n = limit(limit);
    if (from != null && (start != null || end != null)) {
      throw BinanceException.combination();
    }
    if (start != null && end != null && start > end) {
      throw BinanceException.startAfterEnd();
    }
    List<AggTrade> out;
    if (from != null) {
      out = aggTrades.fromId(s, from, n);
    } else if (start != null) {
      out = aggTrades.fromTime(s, start, end == null ? Long.MAX_VALUE : end + 1, n);
    } else {
      out = aggTrades.latest(s, end == null ? Long.MAX_VALUE : end + 1, n);
    }
    return out.stream().map(Agg::of).toList();
  }

  private String symbol(String symbol) {
    return symbol(instruments, symbol);
  }

  /** A required, listed {@code symbol} (Binance's -1102, -1100, -1121 otherwise). */
  static String symbol(InstrumentCache instruments, String symbol) {
    return BinanceParameters.symbol(symbol, s -> instruments.get(s) != null);
  }

  private static Long number(String name, String value) {
    return BinanceParameters.number(name, value);
  }

  /** {@code limit}: 500 when absent, -1130 outside 1…1000. */
  static int limit(String value) {
    Long limit = number("limit", value);
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw BinanceException.invalid("limit");
    }
    return limit.intValue();
  }
}
