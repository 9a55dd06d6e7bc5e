package dev.exchange.bench;

import dev.exchange.accounts.core.AccountEngine;
import dev.exchange.accounts.core.AccountOutput;
import dev.exchange.accounts.core.Accounts;
import dev.exchange.accounts.core.InMemoryAccountStorage;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The accounts engine on in-memory storage (the job's engine minus RocksDB and Kafka) over 1,000
 * funded accounts: each order is a command that holds and forwards it, then its execution reports
 * (a partial fill, then a fill at a better price: TRADE, FEE and RELEASE entries). One operation is
 * one account command with every output record built; at the end of the sequence the accounts start
 * over from empty storage (the deposits come first in the sequence).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccountsBenchmark {

  private static final int ACCOUNTS = 1_000;
  private static final int ORDERS = 150_000;

  private final AccountEngine engine = new AccountEngine();
  private List<AccountCommand> commands;
  private Map<String, InMemoryAccountStorage> storages;
  private int next;
  private AccountOutput output;

  @Setup(Level.Trial)
  public void generate() {
    commands = generate(42);
  }

  @Setup(Level.Iteration)
  public void reset(Blackhole blackhole) {
    output =
        new AccountOutput() {
          @Override
          public void order(OrderCommand command) {
            blackhole.consume(command);
          }

          @Override
          public void balance(BalanceEvent entry) {
            blackhole.consume(entry);
          }
        };
    startOver();
  }

  private void startOver() {
    storages = new HashMap<>();
    next = 0;
  }

  @Benchmark
  public void applyCommand() {
    if (next == commands.size()) {
      startOver();
    }
    AccountCommand command = commands.get(next++);
    engine.apply(
        command,
        storages.computeIfAbsent(command.getAccount(), a -> new InMemoryAccountStorage()),
        output);
  }

  /** Deposits for every account, then per order: the request and two execution reports. */
  static List<AccountCommand> generate(long seed) {
    Random random = new Random(seed);
    List<AccountCommand> log = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      String account = "acct-" + a;
      log.add(Accounts.deposit(account, "usdt", "USDT", 1_000_000_000_00000000L));
      log.add(Accounts.deposit(account, "btc", "BTC", 1_000_000_00000000L));
    }
    long sequence = 0;
    for (int i = 0; i < ORDERS; i++) {
      String account = "acct-" + random.nextInt(ACCOUNTS);
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      long price = 6_300_000 + 1_000L * random.nextInt(200);
      NewOrder order = Accounts.limit("o" + i, side, price, 2 * (1 + random.nextInt(5_000)));
      log.add(Accounts.request(account, order));
      long fillPrice = side == Side.BUY ? price - 1_000 : price;
      log.add(fill(account, ++sequence, order, OrderStatus.PARTIALLY_FILLED, fillPrice));
      log.add(fill(account, ++sequence, order, OrderStatus.FILLED, fillPrice));
    }
    return log;
  }

  /** Half of the order's quantity at {@code price}, with a 10 bps fee on what is received. */
  private static AccountCommand fill(
      String account, long sequence, NewOrder order, OrderStatus status, long price) {
    long quantity = order.getQuantity() / 2;
    long received = order.getSide() == Side.BUY ? quantity * 1_000 : price * quantity * 10;
    return Accounts.settle(
        Accounts.fill(
            account,
            sequence,
            order,
            status,
            sequence,
            price,
            quantity,
            (received * 10 + 9_999) / 10_000));
  }
}
