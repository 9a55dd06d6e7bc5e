package dev.exchange.history.orders;

import dev.exchange.history.rows.AccountTrade;
import dev.exchange.history.rows.Fill;
import dev.exchange.history.rows.OrderRow;
import dev.exchange.history.tiers.ColdStore;
import dev.exchange.history.tiers.HotStore;
import dev.exchange.history.tiers.Tiers;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * An account's orders and their fills. The latest state of every order is in the hot tier's {@code
 * orders} table (not trimmed by retention); the fills are execution reports, whose older part lives
 * in the cold tier: an order's fills are read from its creation time on, pruned by symbol and day
 * there.
 */
@Service
public class OrderHistoryService {

  private final Tiers tiers;
  private final HotStore hot;

  public OrderHistoryService(Tiers tiers, HotStore hot) {
    this.tiers = tiers;
    this.hot = hot;
  }

  /** The account's order, or null if there is none with that id or it belongs to someone else. */
  public OrderRow order(String account, String orderId) {
    OrderRow order = hot.order(orderId);
    return order != null && order.account().equals(account) ? order : null;
  }

  /** The fills of an order, by sequence. */
  public List<Fill> fills(OrderRow order) {
    long hotStart = tiers.hotStart();
    ColdStore cold = tiers.cold();
    List<Fill> out = new ArrayList<>();
    if (cold.enabled() && order.createdAt() < hotStart) {
      out.addAll(cold.fills(order.symbol(), order.orderId(), order.createdAt(), hotStart));
    }
    out.addAll(
        hot.fills(
            order.symbol(),
            order.orderId(),
            Math.max(order.createdAt(), hotStart),
            Long.MAX_VALUE));
    return out;
  }

  /** One page of an account's orders, most recently changed first. */
  public OrderPage page(String account, String symbol, Boolean open, OrderCursor after, int limit) {
    List<OrderRow> rows =
        hot.orders(
            account,
            symbol,
            open,
            after == null ? Long.MAX_VALUE : after.updatedAt(),
            after == null ? "\uffff" : after.orderId(),
            limit + 1);
    boolean more = rows.size() > limit;
    List<OrderRow> items = more ? rows.subList(0, limit) : rows;
    OrderRow last = items.isEmpty() ? null : items.get(items.size() - 1);
    OrderCursor next = more ? new OrderCursor(last.updatedAt(), last.orderId()) : null;
    return new OrderPage(List.copyOf(items), next);
  }

  /** The account's latest order on the symbol with this clientOrderId, or null. */
  public OrderRow byClientOrderId(String account, String symbol, String clientOrderId) {
    return hot.orderByClientId(account, symbol, clientOrderId);
  }

  /** The account's open orders, on one symbol or (null) all, most recently changed first. */
  public List<OrderRow> open(String account, String symbol, int limit) {
    return hot.orders(account, symbol, true, Long.MAX_VALUE, "\uffff", limit);
  }

  /** The account's orders on a symbol (Binance allOrders): see {@link HotStore#ordersOfSymbol}. */
  public List<OrderRow> ofSymbol(
      String account, String symbol, String fromOrderId, long from, long to, int limit) {
    return hot.ordersOfSymbol(account, symbol, fromOrderId, from, to, limit);
  }

  /**
   * The account's fills on a symbol with their fees (Binance myTrades), from the hot tier: see
   * {@link HotStore#accountTrades}.
   */
  public List<AccountTrade> trades(
      String account, String symbol, String orderId, Long fromId, long from, long to, int limit) {
    return hot.accountTrades(account, symbol, orderId, fromId, from, to, limit);
  }

  /** A page of orders and the cursor of the next one (null on the last page). */
  public record OrderPage(List<OrderRow> items, OrderCursor next) {}
}
