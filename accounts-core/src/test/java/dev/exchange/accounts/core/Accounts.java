package dev.exchange.accounts.core;

import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderRequest;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Transfer;
import dev.exchange.model.avro.TransferKind;

/**
 * Account commands on BTCUSDT for tests and benchmarks: price scale 2, quantity scale 5 (notionals
 * at 7, a tenth of a USDT unit), BTC at scale 8 and USDT at scale 8. Shipped in this module's
 * test-jar.
 */
public final class Accounts {

  public static final String SYMBOL = "BTCUSDT";
  public static final int PRICE_SCALE = 2;
  public static final int QUANTITY_SCALE = 5;
  public static final int BTC_SCALE = 8;
  public static final int USDT_SCALE = 8;

  private Accounts() {}

  public static AccountCommand deposit(String account, String id, String asset, long amount) {
    return transfer(account, id, TransferKind.DEPOSIT, asset, amount);
  }

  public static AccountCommand withdrawal(String account, String id, String asset, long amount) {
    return transfer(account, id, TransferKind.WITHDRAWAL, asset, amount);
  }

  public static AccountCommand transfer(
      String account, String id, TransferKind kind, String asset, long amount) {
    return new AccountCommand(
        account, new Transfer(id, kind, asset, scaleOf(asset), amount, 1_000L));
  }

  public static int scaleOf(String asset) {
    return asset.equals("BTC") ? BTC_SCALE : USDT_SCALE;
  }

  /** A GTC LIMIT order. */
  public static NewOrder limit(String orderId, Side side, long price, long quantity) {
    return order(orderId, side, OrderType.LIMIT, TimeInForce.GTC, price, quantity, null);
  }

  public static NewOrder marketBuyByQuote(String orderId, long quoteQuantity) {
    return order(orderId, Side.BUY, OrderType.MARKET, TimeInForce.IOC, null, null, quoteQuantity);
  }

  public static NewOrder market(String orderId, Side side, long quantity) {
    return order(orderId, side, OrderType.MARKET, TimeInForce.IOC, null, quantity, null);
  }

  public static NewOrder order(
      String orderId,
      Side side,
      OrderType type,
      TimeInForce tif,
      Long price,
      Long quantity,
      Long quoteQuantity) {
    return NewOrder.newBuilder()
        .setOrderId(orderId)
        .setClientOrderId("c-" + orderId)
        .setSide(side)
        .setOrderType(type)
        .setTimeInForce(tif)
        .setPrice(price)
        .setQuantity(quantity)
        .setQuoteQuantity(quoteQuantity)
        .setPriceScale(PRICE_SCALE)
        .setQuantityScale(QUANTITY_SCALE)
        .setSelfTradePrevention(SelfTradePrevention.NONE)
        .build();
  }

  public static AccountCommand request(String account, Object payload) {
    OrderCommand command =
        OrderCommand.newBuilder()
            .setCommandId(
                "cmd-" + (payload instanceof NewOrder o ? o.getOrderId() : payload.hashCode()))
            .setSymbol(SYMBOL)
            .setAccount(account)
            .setTimestamp(2_000L)
            .setPayload(payload)
            .build();
    return new AccountCommand(
        account, new OrderRequest(command, "BTC", BTC_SCALE, "USDT", USDT_SCALE));
  }

  public static AccountCommand cancel(String account, String orderId) {
    return request(account, new CancelOrder(orderId, null));
  }

  /** The matcher's TRADE report filling {@code order} completely at its price, without a fee. */
  public static AccountCommand filled(String account, long sequence, long tradeId, NewOrder order) {
    return settle(
        fill(
            account,
            sequence,
            order,
            OrderStatus.FILLED,
            tradeId,
            order.getPrice(),
            order.getQuantity(),
            0));
  }

  /** The matcher's report of {@code order} canceled with nothing filled. */
  public static AccountCommand canceled(String account, long sequence, NewOrder order) {
    return settle(
        report(account, sequence, order, ExecutionType.CANCELED, OrderStatus.CANCELED).build());
  }

  /** An execution report of {@code order} as the matcher writes it to the account. */
  public static OrderEvent.Builder report(
      String account, long sequence, NewOrder order, ExecutionType type, OrderStatus status) {
    return OrderEvent.newBuilder()
        .setSymbol(SYMBOL)
        .setSequence(sequence)
        .setAccount(account)
        .setOrderId(order.getOrderId())
        .setClientOrderId(order.getClientOrderId())
        .setSide(order.getSide())
        .setOrderType(order.getOrderType())
        .setTimeInForce(order.getTimeInForce())
        .setExecutionType(type)
        .setStatus(status)
        .setPrice(order.getPrice())
        .setQuantity(order.getQuantity())
        .setQuoteQuantity(order.getQuoteQuantity())
        .setExecutedQuantity(0)
        .setCumulativeQuote(0)
        .setLastQuantity(0)
        .setLastPrice(0)
        .setLastQuote(0)
        .setMaker(false)
        .setPriceScale(PRICE_SCALE)
        .setQuantityScale(QUANTITY_SCALE)
        .setTime(3_000L)
        .setCreatedTime(2_000L);
  }

  /** A TRADE report of {@code quantity} at {@code price} with a commission. */
  public static OrderEvent fill(
      String account,
      long sequence,
      NewOrder order,
      OrderStatus status,
      long tradeId,
      long price,
      long quantity,
      long commission) {
    String received = order.getSide() == Side.BUY ? "BTC" : "USDT";
    return report(account, sequence, order, ExecutionType.TRADE, status)
        .setTradeId(tradeId)
        .setLastPrice(price)
        .setLastQuantity(quantity)
        .setLastQuote(price * quantity)
        .setCommission(commission)
        .setCommissionAsset(commission > 0 ? received : null)
        .setCommissionScale(scaleOf(received))
        .build();
  }

  public static AccountCommand settle(OrderEvent report) {
    return new AccountCommand(report.getAccount(), report);
  }
}
