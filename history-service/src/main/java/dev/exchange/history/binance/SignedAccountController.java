package dev.exchange.history.binance;

import dev.exchange.history.accounts.AccountService;
import dev.exchange.history.orders.OrderHistoryService;
import dev.exchange.history.rows.AccountTrade;
import dev.exchange.history.rows.BalanceRow;
import dev.exchange.history.rows.OrderRow;
import dev.exchange.history.system.PaddedDecimals;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.service.apikeys.ApiKey;
import dev.exchange.service.apikeys.Permission;
import dev.exchange.service.apikeys.SignedRequestFilter;
import dev.exchange.service.instruments.InstrumentCache;
import dev.exchange.service.web.BinanceException;
import dev.exchange.service.web.BinanceParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Binance's signed reads of the key's account: its orders, fills and balances, from the hot tier
 * (PostgreSQL, what the history job has committed: a few seconds behind the engine). The signature
 * was checked by {@link SignedRequestFilter} (permission READ); parameters are those of the query
 * string.
 */
@RestController
@Tag(name = "binance-signed")
class SignedAccountController {

  /** Open orders answered at most (an account holds at most maxOpenOrders per symbol). */
  static final int MAX_OPEN = 1000;

  private final InstrumentCache instruments;
  private final OrderHistoryService orders;
  private final AccountService accounts;
  private final Clock clock;

  SignedAccountController(
      InstrumentCache instruments,
      OrderHistoryService orders,
      AccountService accounts,
      Clock clock) {
    this.instruments = instruments;
    this.orders = orders;
    this.accounts = accounts;
    this.clock = clock;
  }

  @GetMapping("/api/v3/order")
  @Operation(summary = "One of my orders, by orderId or origClientOrderId (-2013 if none)")
  Map<String, Object> order(HttpServletRequest request) {
    String account = SignedRequestFilter.apiKey(request).account();
    String symbol = BinanceController.symbol(instruments, request.getParameter("symbol"));
    String orderId = blankToNull(request.getParameter("orderId"));
    String clientOrderId = blankToNull(request.getParameter("origClientOrderId"));
    if (orderId == null && clientOrderId == null) {
      throw new BinanceException(
          HttpStatus.BAD_REQUEST,
          -1102,
          "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }
    OrderRow order =
        orderId != null
            ? orders.order(account, orderId)
            : orders.byClientOrderId(account, symbol, clientOrderId);
    if (order == null || !order.symbol().equals(symbol)) {
      throw BinanceException.noSuchOrder();
    }
    return order(order);
  }

  @GetMapping("/api/v3/openOrders")
  @Operation(summary = "My open orders, on one symbol or all")
  List<Map<String, Object>> openOrders(HttpServletRequest request) {
    String account = SignedRequestFilter.apiKey(request).account();
    String symbolText = request.getParameter("symbol");
    String symbol = symbolText == null ? null : BinanceController.symbol(instruments, symbolText);
    return orders.open(account, symbol, MAX_OPEN).stream()
        .sorted(Comparator.comparing(OrderRow::orderId))
        .map(SignedAccountController::order)
        .toList();
  }

  @GetMapping("/api/v3/allOrders")
  @Operation(summary = "My orders on a symbol: from orderId on, or the latest limit")
  List<Map<String, Object>> allOrders(HttpServletRequest request) {
    String account = SignedRequestFilter.apiKey(request).account();
    String symbol = BinanceController.symbol(instruments, request.getParameter("symbol"));
    long[] range = range(request);
    int limit = BinanceController.limit(request.getParameter("limit"));
    return orders
        .ofSymbol(
            account,
            symbol,
            blankToNull(request.getParameter("orderId")),
            range[0],
            range[1],
            limit)
        .stream()
        .map(SignedAccountController::order)
        .toList();
  }

  @GetMapping("/api/v3/myTrades")
  @Operation(summary = "My fills on a symbol with their commissions")
  List<Map<String, Object>> myTrades(HttpServletRequest request) {
    String account = SignedRequestFilter.apiKey(request).account();
    String symbol = BinanceController.symbol(instruments, request.getParameter("symbol"));
    InstrumentSpec spec = instruments.get(symbol);
    long[] range = range(request);
    Long fromId = BinanceParameters.number("fromId", request.getParameter("fromId"));
    int limit = BinanceController.limit(request.getParameter("limit"));
    return orders
        .trades(
            account,
            symbol,
            blankToNull(request.getParameter("orderId")),
            fromId,
            range[0],
            range[1],
            limit)
        .stream()
        .map(t -> trade(t, spec))
        .toList();
  }

  @GetMapping("/api/v3/account")
  @Operation(summary = "My balances; canTrade says whether this key may trade")
  Map<String, Object> account(HttpServletRequest request) {
    ApiKey key = SignedRequestFilter.apiKey(request);
    boolean omitZero = "true".equalsIgnoreCase(request.getParameter("omitZeroBalances"));
    List<Map<String, Object>> balances =
        accounts.balances(key.account()).stream()
            .filter(b -> !omitZero || b.free().signum() != 0 || b.locked().signum() != 0)
            .map(SignedAccountController::balance)
            .toList();
    Map<String, Object> m = new LinkedHashMap<>();
    // Fees are per symbol here (exchangeInfo makerFeeBps / takerFeeBps), not per account.
    m.put("makerCommission", 0);
    m.put("takerCommission", 0);
    m.put("buyerCommission", 0);
    m.put("sellerCommission", 0);
    m.put(
        "commissionRates",
        Map.of(
            "maker",
            "0.00000000",
            "taker",
            "0.00000000",
            "buyer",
            "0.00000000",
            "seller",
            "0.00000000"));
    m.put("canTrade", key.permissions().contains(Permission.TRADE));
    m.put("canWithdraw", false);
    m.put("canDeposit", false);
    m.put("brokered", false);
    m.put("requireSelfTradePrevention", false);
    m.put("preventSor", false);
    m.put("updateTime", clock.millis());
    m.put("accountType", "SPOT");
    m.put("balances", balances);
    m.put("permissions", List.of("SPOT"));
    m.put("uid", 0);
    return m;
  }

  static Map<String, Object> order(OrderRow o) {
    int notional = o.priceScale() + o.quantityScale();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", o.symbol());
    m.put("orderId", o.orderId());
    m.put("orderListId", -1);
    m.put("clientOrderId", o.clientOrderId());
    m.put("price", text(o.price(), o.priceScale()));
    m.put("origQty", text(o.quantity(), o.quantityScale()));
    m.put("executedQty", text(o.executedQuantity(), o.quantityScale()));
    m.put("cummulativeQuoteQty", text(o.cumulativeQuote(), notional));
    m.put("status", o.status());
    m.put("timeInForce", o.timeInForce());
    m.put("type", o.type());
    m.put("side", o.side());
    m.put("stopPrice", text(null, o.priceScale()));
    m.put("icebergQty", text(null, o.quantityScale()));
    m.put("time", o.createdAt());
    m.put("updateTime", o.updatedAt());
    m.put("isWorking", o.status().equals("NEW") || o.status().equals("PARTIALLY_FILLED"));
    m.put("workingTime", o.createdAt());
    m.put("origQuoteOrderQty", text(o.quoteQuantity(), notional));
    m.put("selfTradePreventionMode", "NONE");
    return m;
  }

  private static Map<String, Object> trade(AccountTrade t, InstrumentSpec spec) {
    boolean buyer = t.side().equals("BUY");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", t.symbol());
    m.put("id", t.tradeId());
    m.put("orderId", t.orderId());
    m.put("orderListId", -1);
    m.put("price", text(t.price(), t.priceScale()));
    m.put("qty", text(t.quantity(), t.quantityScale()));
    m.put("quoteQty", text(t.quoteQuantity(), t.priceScale() + t.quantityScale()));
    if (t.feeAsset() != null) {
      m.put("commission", text(t.fee(), t.feeScale()));
      m.put("commissionAsset", t.feeAsset());
    } else {
      // No fee charged: zero in the asset the fill paid out.
      m.put("commission", "0");
      m.put("commissionAsset", buyer ? spec.baseAsset() : spec.quoteAsset());
    }
    m.put("time", t.time());
    m.put("isBuyer", buyer);
    m.put("isMaker", t.maker());
    m.put("isBestMatch", true);
    return m;
  }

  private static Map<String, Object> balance(BalanceRow b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("asset", b.asset());
    m.put("free", text(b.free(), b.assetScale()));
    m.put("locked", text(b.locked(), b.assetScale()));
    return m;
  }

  /** [startTime, endTime] in ms; the whole time line when absent; -1023 when reversed. */
  private static long[] range(HttpServletRequest request) {
    Long start = BinanceParameters.number("startTime", request.getParameter("startTime"));
    Long end = BinanceParameters.number("endTime", request.getParameter("endTime"));
    if (start != null && end != null && start > end) {
      throw BinanceException.startAfterEnd();
    }
    return new long[] {start == null ? 0 : start, end == null ? Long.MAX_VALUE : end};
  }

  private static String text(BigDecimal value, int scale) {
    return PaddedDecimals.text(value == null ? BigDecimal.ZERO : value, scale);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
