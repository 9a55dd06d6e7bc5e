package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.matching.core.BookStorage;
import dev.exchange.matching.core.FastOrderBook;
import dev.exchange.model.EventSerde;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.OrderCommand;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the matching job does with one record of {@code exchange.orders}, without Flink: decode,
 * check the key, apply to the symbol's book, encode the results. Records that cannot be decoded, or
 * whose command names another symbol than their key, become dead letters.
 */
public final class CommandProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

  private final TopicNames topics;
  private final int snapshotInterval;
  private final MatchingOutput output;

  public CommandProcessor(TopicNames topics, int snapshotInterval) {
    this.topics = topics;
    this.snapshotInterval = snapshotInterval;
    this.output = new MatchingOutput(topics);
  }

  /** Processes one record against the storage of its symbol. */
  public void process(RawRecord envelope, BookStorage storage, Consumer<OutRecord> out) {
    output.begin(envelope);
    OrderCommand command;
    try {
      command = EventSerde.decode(envelope.value, OrderCommand.class);
    } catch (InvalidEventException e) {
      output.deadLetter(RejectReason.MALFORMED_COMMAND.name(), e.getMessage());
      emit(output.records(), out);
      return;
    }
    if (!command.getSymbol().equals(envelope.symbol)) {
      output.deadLetter(
          RejectReason.MALFORMED_COMMAND.name(),
          "command for " + command.getSymbol() + " under key '" + envelope.symbol + "'");
      emit(output.records(), out);
      return;
    }
    try {
      new FastOrderBook(storage, envelope.symbol, snapshotInterval).apply(command, output);
    } catch (RuntimeException e) {
      // A bug, not bad input. Failing would crash-loop on this record forever; dead-lettering keeps
      // the market open at the price of whatever the command changed before it failed.
      LOG.error(
          "command {} at {}:{} failed",
          command.getCommandId(),
          envelope.partition,
          envelope.offset,
          e);
      output.begin(envelope);
      output.deadLetter("INTERNAL_ERROR", e.getClass().getName() + ": " + e.getMessage());
    }
    emit(output.records(), out);
  }

  private static void emit(List<OutRecord> records, Consumer<OutRecord> out) {
    for (OutRecord r : records) {
      out.accept(r);
    }
  }

  public TopicNames topics() {
    return topics;
  }
}
