package dev.exchange.matching.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.matching.core.CommandSequences.Op;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.Side;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The job keeps only primary data durable (scalar state and open orders) and derives the rest with
 * {@link FastOrderBook#restore} when it loads a book. A book restored that way (from copies, as
 * RocksDB gives them) at any point of a random command sequence must go on exactly like the book
 * that was never restored.
 */
class RestoreFromPrimaryDataTest {

  @Provide
  Arbitrary<List<Op>> sequences() {
    return CommandSequences.sequences(200);
  }

  @Property(tries = 100)
  void aBookRestoredFromPrimaryDataContinuesIdentically(
      @ForAll("sequences") List<Op> ops, @ForAll @IntRange(min = 0, max = 200) int cut) {
    List<OrderCommand> commands = CommandSequences.commands(ops);
    int split = Math.min(cut, commands.size());
    InMemoryBookStorage original = new InMemoryBookStorage();
    OrderBook book = new FastOrderBook(original, Commands.SYMBOL, 7);
    for (OrderCommand c : commands.subList(0, split)) {
      book.apply(c, new CollectingOutput());
    }

    InMemoryBookStorage restored = new InMemoryBookStorage();
    List<OrderState> open = new ArrayList<>();
    for (Side side : Side.values()) {
      original.restingInPriority(side).forEachRemaining(o -> open.add(o.copy()));
    }
    Iterator<OrderState> orders = open.iterator();
    EngineState state = original.loadState();
    FastOrderBook.restore(restored, state == null ? null : state.copy(), orders);
    OrderBook again = new FastOrderBook(restored, Commands.SYMBOL, 7);

    for (Side side : Side.values()) {
      assertThat(again.levels(side)).isEqualTo(book.levels(side));
      assertThat(again.restingOrders(side)).isEqualTo(book.restingOrders(side));
    }
    for (OrderCommand c : commands.subList(split, commands.size())) {
      CollectingOutput expected = new CollectingOutput();
      CollectingOutput actual = new CollectingOutput();
      book.apply(c, expected);
      again.apply(c, actual);
      assertThat(actual.all()).as("after %s", c).isEqualTo(expected.all());
    }
  }
}
