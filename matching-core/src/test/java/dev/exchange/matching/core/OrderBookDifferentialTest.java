package dev.exchange.matching.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.matching.core.CommandSequences.Op;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Side;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The fast book against the reference on random command sequences: identical outputs, record for
 * record, and identical book contents after every command; a fair share of the sequences must
 * reject a price out of the band, so that the two implementations of that rule are compared. And
 * the reference alone against the invariants of {@link BookDriver}.
 */
class OrderBookDifferentialTest {

  /** Small, so that sequences cross many snapshot boundaries. */
  static final int SNAPSHOT_INTERVAL = 7;

  @Provide
  Arbitrary<List<Op>> sequences() {
    return CommandSequences.sequences(300);
  }

  @Property(tries = 200)
  void fastBookEmitsWhatTheReferenceEmits(@ForAll("sequences") List<Op> ops) {
    OrderBook reference = new ReferenceOrderBook(Commands.SYMBOL, SNAPSHOT_INTERVAL);
    OrderBook fast =
        new FastOrderBook(new InMemoryBookStorage(), Commands.SYMBOL, SNAPSHOT_INTERVAL);
    List<OrderCommand> commands = CommandSequences.commands(ops);
    boolean outOfBand = false;
    for (int i = 0; i < commands.size(); i++) {
      OrderCommand command = commands.get(i);
      CollectingOutput expected = new CollectingOutput();
      CollectingOutput actual = new CollectingOutput();
      reference.apply(command, expected);
      fast.apply(command, actual);
      String context = "command " + i + ": " + command;
      assertThat(actual.all()).as("outputs of " + context).isEqualTo(expected.all());
      outOfBand |=
          expected.ofType(OrderEvent.class).stream()
              .anyMatch(e -> RejectReason.PRICE_OUT_OF_BAND.name().equals(e.getRejectReason()));
      for (Side side : Side.values()) {
        assertThat(fast.levels(side))
            .as(side + " levels after " + context)
            .isEqualTo(reference.levels(side));
        assertThat(fast.restingOrders(side))
            .as(side + " orders after " + context)
            .isEqualTo(reference.restingOrders(side));
      }
      assertThat(fast.instrument())
          .as("instrument after " + context)
          .isEqualTo(reference.instrument());
    }
    Statistics.label("a price out of band").collect(outOfBand);
    Statistics.label("a price out of band")
        .coverage(checker -> checker.check(true).percentage(p -> p > 15));
  }

  @Property(tries = 200)
  void referenceKeepsTheInvariants(@ForAll("sequences") List<Op> ops) {
    BookDriver driver =
        new BookDriver(
            new ReferenceOrderBook(Commands.SYMBOL, SNAPSHOT_INTERVAL), SNAPSHOT_INTERVAL);
    for (OrderCommand command : CommandSequences.commands(ops)) {
      driver.apply(command);
    }
  }
}
