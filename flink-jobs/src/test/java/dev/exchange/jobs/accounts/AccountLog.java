package dev.exchange.jobs.accounts;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.AccountCommand;
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
 * Account commands on BTCUSDT for the accounts job's tests: price scale 2, quantity scale 5, BTC
 * and USDT at scale 8 (a notional at scale 7 is a tenth of its USDT amount).
 */
final class AccountLog {

  static final String SYMBOL = "BTCUSDT";

  private AccountLog() {}

  static AccountCommand deposit(String account, String transferId, String asset, long amount) {
    return new AccountCommand(
        account, new Transfer(transferId, TransferKind.DEPOSIT, asset, 8, amount, 1_000L));
  }

  static NewOrder limit(String orderId, Side side, long price, long quantity) {
    return NewOrder.newBuilder()
        .setOrderId(orderId)
        .setClientOrderId("c-" + orderId)
        .setSide(side)
        .setOrderType(OrderType.LIMIT)
        .setTimeInForce(TimeInForce.GTC)
        .setPrice(price)
        .setQuantity(quantity)
        .setPriceScale(2)
        .setQuantityScale(5)
        .setSelfTradePrevention(SelfTradePrevention.NONE)
        .build();
  }

  static AccountCommand newOrder(String account, NewOrder order) {
    OrderCommand command =
        OrderCommand.newBuilder()
            .setCommandId("cmd-" + order.getOrderId())
            .setSymbol(SYMBOL)
            .setAccount(account)
            .setTimestamp(2_000L)
            .setPayload(order)
            .build();
    return new AccountCommand(account, new OrderRequest(command, "BTC", 8, "USDT", 8));
  }

  /** The matcher's TRADE report filling {@code order} completely at its price. */
  static AccountCommand filled(String account, long sequence, long tradeId, NewOrder order) {
    OrderEvent report =
        OrderEvent.newBuilder()
            .setSymbol(SYMBOL)
            .setSequence(sequence)
            .setAccount(account)
            .setOrderId(order.getOrderId())
            .setClientOrderId(order.getClientOrderId())
            .setSide(order.getSide())
            .setOrderType(order.getOrderType())
            .setTimeInForce(order.getTimeInForce())
            .setExecutionType(ExecutionType.TRADE)
            .setStatus(OrderStatus.FILLED)
            .setPrice(order.getPrice())
            .setQuantity(order.getQuantity())
            .setExecutedQuantity(order.getQuantity())
            .setCumulativeQuote(order.getPrice() * order.getQuantity())
            .setLastQuantity(order.getQuantity())
            .setLastPrice(order.getPrice())
            .setLastQuote(order.getPrice() * order.getQuantity())
            .setTradeId(tradeId)
            .setMaker(false)
            .setPriceScale(2)
            .setQuantityScale(5)
            .setTime(3_000L)
            .setCreatedTime(2_000L)
            .build();
    return new AccountCommand(account, report);
  }

  /** The record as the job's source hands it over. */
  static RawRecord raw(AccountCommand command, long offset) {
    return new RawRecord(
        command.getAccount(),
        EventSerde.encode(command),
        "exchange.account-commands",
        0,
        offset,
        10_000L + offset);
  }
}
