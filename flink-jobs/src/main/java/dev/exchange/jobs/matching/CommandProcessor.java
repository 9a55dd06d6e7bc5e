package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.matching.core.OrderBook;
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
 * whose command names another symbol than their key, become dead letters; so does a command the
 * book throws on, whose changes are discarded ({@link SymbolBooks#discard}). A command whose {@code
 * accountSequence} is positive and not above the last one applied for its (symbol, account) is a
 * repeat of the accounts job's at-least-once output and is dropped without any output; the sequence
 * of an applied command is recorded with its other changes, never for a discarded one.
 */
public final class CommandProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

  private final TopicNames topics;
  private final MatchingOutput output;

  public CommandProcessor(TopicNames topics) {
    this.topics = topics;
    this.output = new MatchingOutput(topics);
  }

  /** Processes one record against the book of its symbol. */
  public void process(RawRecord envelope, SymbolBooks books, Consumer<OutRecord> out) {
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
    long accountSequence = command.getAccountSequence();
    if (accountSequence > 0
        && accountSequence <= books.lastAccountSequence(envelope.symbol, command.getAccount())) {
      // A repeat from the accounts job's at-least-once output, already applied: no effect.
      return;
    }
    OrderBook book = books.book(envelope.symbol);
    try {
      book.apply(command, output);
    } catch (RuntimeException e) {
      // A bug, not bad input. Failing would crash-loop on this record forever; dead-lettering keeps
      // the market open. The command's changes are thrown away with the book, which is reloaded
      // from state by the next command, so state and published events stay consistent.
      books.discard(envelope.symbol);
      LOG.error(
          "command {} at {}:{} failed",
          command.getCommandId(),
          envelope.partition,
          envelope.offset,
          e);
      output.begin(envelope);
      output.deadLetter("INTERNAL_ERROR", e.getClass().getName() + ": " + e.getMessage());
      emit(output.records(), out);
      return;
    }
    books.commit(envelope.symbol);
    if (accountSequence > 0) {
      books.accountSequenceApplied(envelope.symbol, command.getAccount(), accountSequence);
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
