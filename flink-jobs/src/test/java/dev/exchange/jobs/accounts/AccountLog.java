package dev.exchange.jobs.accounts;

import dev.exchange.accounts.core.Accounts;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Transfer;
import dev.exchange.model.avro.TransferKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Account-command logs for the accounts job's tests, built with the accounts-core fixture ({@link
 * Accounts}: BTCUSDT, BTC and USDT at scale 8), and records as the job's source hands them over.
 */
final class AccountLog {

  private AccountLog() {}

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
      log.add(Accounts.deposit("acc" + a, "fund-usdt", "USDT", 200_000_00000000L));
      log.add(Accounts.deposit("acc" + a, "fund-btc", "BTC", 3_00000000L));
    }
    List<String[]> open = new ArrayList<>();
    Map<String, NewOrder> orders = new HashMap<>();
    long sequence = 0;
    long tradeId = 0;
    for (int i = 0; i < commands; i++) {
      String account = "acc" + random.nextInt(accounts);
      int action = random.nextInt(20);
      if (action < 5 && !open.isEmpty()) {
        String[] o = open.remove(random.nextInt(open.size()));
        log.add(Accounts.filled(o[0], ++sequence, ++tradeId, orders.get(o[1])));
      } else if (action < 8 && !open.isEmpty()) {
        String[] o = open.remove(random.nextInt(open.size()));
        log.add(Accounts.canceled(o[0], ++sequence, orders.get(o[1])));
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
        log.add(Accounts.deposit(account, "fund-usdt", "USDT", 200_000_00000000L));
      } else {
        NewOrder order =
            Accounts.limit(
                "o" + i,
                random.nextBoolean() ? Side.BUY : Side.SELL,
                6_000_000 + 100L * random.nextInt(10_000),
                1 + random.nextInt(200_000));
        orders.put(order.getOrderId(), order);
        open.add(new String[] {account, order.getOrderId()});
        log.add(Accounts.request(account, order));
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
