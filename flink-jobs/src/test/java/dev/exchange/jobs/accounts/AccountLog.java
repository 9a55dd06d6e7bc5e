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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
    long quote = order.getPrice() * order.getQuantity();
    return new AccountCommand(
        account,
        report(account, sequence, order, ExecutionType.TRADE, OrderStatus.FILLED)
            .setExecutedQuantity(order.getQuantity())
            .setCumulativeQuote(quote)
            .setLastQuantity(order.getQuantity())
            .setLastPrice(order.getPrice())
            .setLastQuote(quote)
            .setTradeId(tradeId)
            .build());
  }

  /** The matcher's report of {@code order} canceled with nothing filled. */
  static AccountCommand canceled(String account, long sequence, NewOrder order) {
    return new AccountCommand(
        account,
        report(account, sequence, order, ExecutionType.CANCELED, OrderStatus.CANCELED).build());
  }

  private static OrderEvent.Builder report(
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
        .setExecutedQuantity(0)
        .setCumulativeQuote(0)
        .setLastQuantity(0)
        .setLastPrice(0)
        .setLastQuote(0)
        .setMaker(false)
        .setPriceScale(2)
        .setQuantityScale(5)
        .setTime(3_000L)
        .setCreatedTime(2_000L);
  }

  /**
   * A reproducible account-commands log: {@code accounts} accounts funded with USDT and BTC, then
   * {@code commands} random limit orders (some beyond what the account can pay), fills and cancels
   * of the open ones as the matcher would report them (one increasing event sequence), withdrawals
   * and repeated deposits.
   */
  static List<AccountCommand> generate(long seed, int accounts, int commands) {
    Random random = new Random(seed);
    List<AccountCommand> log = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      log.add(deposit("acc" + a, "fund-usdt", "USDT", 200_000_00000000L));
      log.add(deposit("acc" + a, "fund-btc", "BTC", 3_00000000L));
    }
    List<String[]> open = new ArrayList<>();
    java.util.Map<String, NewOrder> orders = new java.util.HashMap<>();
    long sequence = 0;
    long tradeId = 0;
    for (int i = 0; i < commands; i++) {
      String account = "acc" + random.nextInt(accounts);
      int action = random.nextInt(20);
      if (action < 5 && !open.isEmpty()) {
        String[] o = open.remove(random.nextInt(open.size()));
        log.add(filled(o[0], ++sequence, ++tradeId, orders.get(o[1])));
      } else if (action < 8 && !open.isEmpty()) {
        String[] o = open.remove(random.nextInt(open.size()));
        log.add(canceled(o[0], ++sequence, orders.get(o[1])));
      } else if (action < 9) {
        log.add(
            new AccountCommand(
                account,
                new Transfer(
                    "w" + i,
                    TransferKind.WITHDRAWAL,
                    "USDT",
                    8,
                    1L + random.nextInt(1_000_000_000),
                    1_000L)));
      } else if (action < 10) {
        log.add(deposit(account, "fund-usdt", "USDT", 200_000_00000000L));
      } else {
        NewOrder order =
            limit(
                "o" + i,
                random.nextBoolean() ? Side.BUY : Side.SELL,
                6_000_000 + 100L * random.nextInt(10_000),
                1 + random.nextInt(200_000));
        orders.put(order.getOrderId(), order);
        open.add(new String[] {account, order.getOrderId()});
        log.add(newOrder(account, order));
      }
    }
    return log;
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
