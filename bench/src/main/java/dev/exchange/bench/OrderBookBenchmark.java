package dev.exchange.bench;

import dev.exchange.matching.core.FastOrderBook;
import dev.exchange.matching.core.InMemoryBookStorage;
import dev.exchange.matching.core.OrderBook;
import dev.exchange.matching.core.Output;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.util.List;
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
 * The fast order book on in-memory storage (the job's book minus RocksDB) under {@link
 * BookCommandMix}: a steady book of about a thousand resting orders, 50% passive limit orders
 * around the mid, 30% cancels of open orders by their owners, 20% crossing limit and market orders.
 * One operation is exactly one command of the sequence, applied to one book that lives across
 * commands as in the job, with every output record built. At the end of the sequence the book
 * starts over with a new storage (its first command is the LIST). The trial's setup prints a
 * checksum of the sequence's outputs: equal checksums mean identical outputs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OrderBookBenchmark {

  private static final int COMMANDS = 500_000;
  private static final int SNAPSHOT_INTERVAL = 1000;

  private List<OrderCommand> commands;
  private OrderBook book;
  private int next;
  private BlackholeOutput output;

  @Setup(Level.Trial)
  public void generate() {
    commands = BookCommandMix.generate(42, COMMANDS, newBook());
    System.out.printf(
        "%n%d commands, output checksum %016x%n",
        commands.size(), BookCommandMix.checksum(commands, OrderBookBenchmark::newBook));
  }

  private static OrderBook newBook() {
    return new FastOrderBook(new InMemoryBookStorage(), BookCommandMix.SYMBOL, SNAPSHOT_INTERVAL);
  }

  @Setup(Level.Iteration)
  public void reset(Blackhole blackhole) {
    output = new BlackholeOutput(blackhole);
    book = newBook();
    next = 0;
  }

  @Benchmark
  public void applyCommand() {
    if (next == commands.size()) {
      book = newBook();
      next = 0;
    }
    book.apply(commands.get(next++), output);
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
