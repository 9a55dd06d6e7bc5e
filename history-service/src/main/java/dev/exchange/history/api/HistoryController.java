package dev.exchange.history.api;

import dev.exchange.history.api.HistoryViews.KlineView;
import dev.exchange.history.api.HistoryViews.KlinesView;
import dev.exchange.history.api.HistoryViews.Page;
import dev.exchange.history.api.HistoryViews.TradeView;
import dev.exchange.history.klines.KlineInterval;
import dev.exchange.history.klines.KlineService;
import dev.exchange.history.system.HistoryProperties;
import dev.exchange.history.trades.TradeCursor;
import dev.exchange.history.trades.TradeService;
import dev.exchange.history.trades.TradeService.TradePage;
import dev.exchange.service.instruments.InstrumentCache;
import dev.exchange.service.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public price and trade history over any range, merged from the hot and cold tiers. */
@RestController
@RequestMapping("/api/v1/history")
@Tag(name = "history")
class HistoryController {

  private static final int DEFAULT_LIMIT = 500;

  private final InstrumentCache instruments;
  private final KlineService klines;
  private final TradeService trades;
  private final HistoryProperties properties;

  HistoryController(
      InstrumentCache instruments,
      KlineService klines,
      TradeService trades,
      HistoryProperties properties) {
    this.instruments = instruments;
    this.klines = klines;
    this.trades = trades;
    this.properties = properties;
  }

  @GetMapping("/klines")
  @Operation(
      summary = "Candles of one interval over a time range",
      description =
          "Intervals 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M (UTC buckets; weeks"
              + " start on Monday, months on the 1st). With startTime: up to 'limit' buckets"
              + " opening at or after it and at or before endTime; otherwise up to 'limit'"
              + " buckets ending with the one containing endTime (default now). Buckets without"
              + " trades are omitted.")
  KlinesView klines(
      @RequestParam(required = false) String symbol,
      @RequestParam(required = false) String interval,
      @Parameter(description = "epoch ms, inclusive") @RequestParam(required = false)
          String startTime,
      @Parameter(description = "epoch ms, inclusive") @RequestParam(required = false)
          String endTime,
      @Parameter(description = "1 … exchange.history.max-klines (10000), default 500")
          @RequestParam(required = false)
          String limit) {
    String s = Params.symbol(instruments, symbol);
    if (interval == null || interval.isEmpty()) {
      throw ApiException.badRequest(
          ErrorCodes.FIELD_REQUIRED, "interval", "query parameter 'interval' is required");
    }
    KlineInterval i = KlineInterval.of(interval);
    if (i == null) {
      throw ApiException.badRequest(
          ErrorCodes.INTERVAL_INVALID,
          "interval",
          "interval '"
              + interval
              + "' is not one of 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d"
              + " 1w 1M");
    }
    Long start = Params.time("startTime", startTime);
    Long end = Params.time("endTime", endTime);
    Params.range(start, end);
    int n = Params.limit(limit, DEFAULT_LIMIT, properties.maxKlines());
    return new KlinesView(
        s,
        i.code(),
        klines.klines(s, i, start, end, n).stream().map(k -> KlineView.of(k, i)).toList());
  }

  @GetMapping("/trades")
  @Operation(
      summary = "A symbol's trades over a time range, oldest first, in keyset pages",
      description =
          "Pass 'nextCursor' of a page as 'cursor' with the same symbol, startTime and endTime"
              + " to get the next page; null on the last page. Trades inserted meanwhile are"
              + " neither repeated nor skipped.")
  Page<TradeView> trades(
      @RequestParam(required = false) String symbol,
      @Parameter(description = "epoch ms, inclusive; default 0") @RequestParam(required = false)
          String startTime,
      @Parameter(description = "epoch ms, inclusive; default unbounded")
          @RequestParam(required = false)
          String endTime,
      @Parameter(description = "1 … 1000, default 500") @RequestParam(required = false)
          String limit,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor) {
    String s = Params.symbol(instruments, symbol);
    Long start = Params.time("startTime", startTime);
    Long end = Params.time("endTime", endTime);
    Params.range(start, end);
    int n = Params.limit(limit, DEFAULT_LIMIT, properties.maxPage());
    long from = start == null ? 0 : start;
    long to = end == null ? Long.MAX_VALUE : end + 1;
    TradeCursor after = null;
    if (cursor != null && !cursor.isEmpty()) {
      after = TradeCursor.decode(cursor);
      if (after == null || !after.symbol().equals(s) || after.from() != from || after.to() != to) {
        throw ApiException.badRequest(
            ErrorCodes.CURSOR_INVALID,
            "cursor",
            "'cursor' is not a cursor of this query (same symbol, startTime and endTime)");
      }
    }
    TradePage page = trades.page(s, from, to, after, n);
    return new Page<>(
        page.items().stream().map(TradeView::of).toList(),
        page.next() == null ? null : page.next().encode());
  }
}
