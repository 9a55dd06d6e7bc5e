package dev.exchange.bench;

import dev.exchange.matching.core.FastOrderBook;
import dev.exchange.matching.core.InMemoryBookStorage;
import dev.exchange.matching.core.OrderBook;
import dev.exchange.matching.core.Output;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * The fast order book on in-memory storage (the job's book minus RocksDB) under a realistic mix:
 * about 55% passive limit orders placed around the touch, 30% cancels of resting orders, 15% orders
 * that cross (limit IOC and market), over a book of about a thousand resting orders. One operation
 * is one command, with every output record built.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OrderBookBenchmark {

  private static final int COMMANDS = 400_000;
  private static final long MID = 1_000_000;

  private List<OrderCommand> commands;
  private OrderBook book;
  private int next;
  private BlackholeOutput output;

  @Setup(Level.Trial)
  public void generate() {
    SplittableRandom random = new SplittableRandom(42);
    commands = new ArrayList<>(COMMANDS + 1);
    commands.add(
        command(
            "admin",
            new ListInstrument(
                "BTC",
                "USDT",
                2,
                4,
                new InstrumentFilters(1L, 1L, 1L, 1_000_000_000L, 0L, 100_000))));
    List<String> open = new ArrayList<>();
    for (int i = 0; i < COMMANDS; i++) {
      int kind = random.nextInt(100);
      String account = "a" + random.nextInt(200);
      if (kind < 55 || open.size() < 500) {
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        long offset = 1 + random.nextInt(200);
        long price = side == Side.BUY ? MID - offset : MID + offset;
        String id = "o" + i;
        open.add(id);
        commands.add(
            command(
                account,
                order(id, side, OrderType.LIMIT, TimeInForce.GTC, price, 1 + random.nextInt(100))));
      } else if (kind < 85) {
        String id = open.remove(random.nextInt(open.size()));
        commands.add(command(account, new CancelOrder(id, null)));
      } else {
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        boolean market = random.nextBoolean();
        long price = side == Side.BUY ? MID + 50 : MID - 50;
        commands.add(
            command(
                account,
                order(
                    "t" + i,
                    side,
                    market ? OrderType.MARKET : OrderType.LIMIT,
                    TimeInForce.IOC,
                    market ? null : price,
                    1 + random.nextInt(300))));
      }
    }
  }

  @Setup(Level.Iteration)
  public void reset(Blackhole blackhole) {
    output = new BlackholeOutput(blackhole);
    restart();
  }

  private void restart() {
    book = new FastOrderBook(new InMemoryBookStorage(), "BTCUSDT", 1000);
    book.apply(commands.get(0), output);
    next = 1;
  }

  @Benchmark
  public void applyCommand() {
    if (next == commands.size()) {
      restart();
    }
    book.apply(commands.get(next++), output);
  }

  private static NewOrder order(
      String id, Side side, OrderType type, TimeInForce tif, Long price, long qty) {
    return new NewOrder(id, id, side, type, tif, price, qty, null, 2, 4, SelfTradePrevention.NONE);
  }

  private static OrderCommand command(String account, Object payload) {
    return new OrderCommand("c", "BTCUSDT", account, 1_767_225_600_000L, payload);
  }

  /** Consumes every output so that nothing is optimised away. */
  private record BlackholeOutput(Blackhole bh) implements Output {
    @Override
    public void trade(Trade trade) {
      bh.consume(trade);
    }

    @Override
    public void orderEvent(OrderEvent event) {
      bh.consume(event);
    }

    @Override
    public void bookDelta(BookDelta delta) {
      bh.consume(delta);
    }

    @Override
    public void bookSnapshot(BookSnapshot snapshot) {
      bh.consume(snapshot);
    }

    @Override
    public void instrument(Instrument instrument) {
      bh.consume(instrument);
    }

    @Override
    public void commandRejected(OrderCommand command, RejectReason reason, String detail) {
      bh.consume(reason);
    }
  }
}
