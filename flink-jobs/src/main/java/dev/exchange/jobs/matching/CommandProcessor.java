package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.DeadLetters;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.matching.core.OrderBook;
import dev.exchange.model.EventSerde;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.OrderCommand;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the matching job does with one record of {@code exchange.orders}, without Flink: decode,
 * check the key, apply to the symbol's book, encode the results. Records that cannot be decoded, or
 * whose command names another symbol than their key, become dead letters; so does a command the
 * book throws on, whose changes are discarded ({@link SymbolBooks#discard}).
 *
 * <p>Commands forwarded by the accounts job (at least once) carry a {@code symbolSequence}, gapless
 * per (account, symbol): one not above the last consumed is a repeat and is dropped without output;
 * one above the next expected came early (a failed batch of the accounts job's output is written
 * again after later ones) and is parked in state until the commands before it have been consumed,
 * then applied in order (docs/accounts.md, "Ordering"). Commands without one (forwarded before they
 * were numbered per symbol) are dropped when their {@code accountSequence} is not above the last
 * applied, as before; the {@code accountSequence} of an applied command is recorded with its other
 * changes, never for a discarded one.
 */
public final class CommandProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

  private final TopicNames topics;
  private final MatchingOutput output;
  private final Runnable internalError;

  public CommandProcessor(TopicNames topics) {
    this(topics, () -> {}, reasonCode -> {});
  }

  /**
   * @param internalError called for every command the book threw on (the job counts them in its
   *     {@code internalErrors} metric)
   * @param deadLetterCounter told the reason code of every dead letter made (the job's {@code
   *     deadLetters} metric), counted when emitted
   */
  public CommandProcessor(
      TopicNames topics, Runnable internalError, Consumer<String> deadLetterCounter) {
    this.topics = topics;
    this.output = new MatchingOutput(topics, deadLetterCounter);
    this.internalError = internalError;
  }

  /**
   * Processes one record against the book of its symbol, then any of the same account's parked
   * commands it was the last one missing for.
   */
  public void process(RawRecord envelope, SymbolBooks books, Consumer<OutRecord> out) {
    RawRecord next = envelope;
    while (next != null) {
      next = processOne(next, books, out);
    }
  }

  /** Processes one record; returns the parked command that may now follow it, or null. */
  private RawRecord processOne(RawRecord envelope, SymbolBooks books, Consumer<OutRecord> out) {
    output.begin(envelope);
    OrderCommand command;
    try {
      command = EventSerde.decode(envelope.value, OrderCommand.class);
    } catch (InvalidEventException e) {
      output.deadLetter(RejectReason.MALFORMED_COMMAND.name(), e.getMessage());
      output.emit(out);
      return null;
    }
    if (!command.getSymbol().equals(envelope.symbol)) {
      output.deadLetter(
          RejectReason.MALFORMED_COMMAND.name(),
          "command for " + command.getSymbol() + " under key '" + envelope.symbol + "'");
      output.emit(out);
      return null;
    }
    String account = command.getAccount();
    long accountSequence = command.getAccountSequence();
    long symbolSequence = command.getSymbolSequence();
    SymbolSequence sequence = null;
    if (symbolSequence > 0) {
      sequence = books.symbolSequence(envelope.symbol, account);
      if (symbolSequence <= sequence.consumed) {
        // A repeat from the accounts job's at-least-once output, already consumed: no effect.
        return null;
      }
      if (symbolSequence > sequence.consumed + 1) {
        // Came before the account's earlier commands on this symbol (a batch of the accounts
        // job's output failed and is being written again): wait for them.
        books.park(envelope.symbol, account, symbolSequence, envelope);
        sequence.parkedUpTo = Math.max(sequence.parkedUpTo, symbolSequence);
        books.putSymbolSequence(envelope.symbol, account, sequence);
        LOG.warn(
            "{} #{} of {} at {}:{} parked until #{} comes",
            envelope.symbol,
            symbolSequence,
            account,
            envelope.partition,
            envelope.offset,
            sequence.consumed + 1);
        return null;
      }
    }
    if (accountSequence > 0
        && accountSequence <= books.lastAccountSequence(envelope.symbol, account)) {
      // A repeat by accountSequence: of a command forwarded before commands were numbered per
      // symbol, or re-forwarded numbered after an upgrade restored the accounts job from before
      // it had been applied unnumbered. Applied in symbolSequence order, an account's commands on
      // a symbol also apply in accountSequence order, so this never drops a late first one.
      return consumed(envelope.symbol, account, symbolSequence, sequence, books);
    }
    OrderBook book = books.book(envelope.symbol);
    try {
      book.apply(command, output);
    } catch (RuntimeException e) {
      // A bug, not bad input. Failing would crash-loop on this record forever; dead-lettering keeps
      // the market open. The command's changes are thrown away with the book, which is reloaded
      // from state by the next command, so state and published events stay consistent.
      books.discard(envelope.symbol);
      internalError.run();
      LOG.error(
          "command {} at {}:{} failed",
          command.getCommandId(),
          envelope.partition,
          envelope.offset,
          e);
      output.begin(envelope);
      output.deadLetter(DeadLetters.INTERNAL_ERROR, e.getClass().getName() + ": " + e.getMessage());
      output.emit(out);
      // Consumed all the same, or the account's later commands would wait for it forever.
      return consumed(envelope.symbol, account, symbolSequence, sequence, books);
    }
    books.commit(envelope.symbol);
    if (accountSequence > 0) {
      books.accountSequenceApplied(envelope.symbol, account, accountSequence);
    }
    output.emit(out);
    return consumed(envelope.symbol, account, symbolSequence, sequence, books);
  }

  /**
   * Records a numbered command as consumed; returns the account's parked command that follows it,
   * if one may wait (reading parked state only then: almost every command has none).
   */
  private static RawRecord consumed(
      String symbol,
      String account,
      long symbolSequence,
      SymbolSequence sequence,
      SymbolBooks books) {
    if (sequence == null) {
      return null;
    }
    sequence.consumed = symbolSequence;
    books.putSymbolSequence(symbol, account, sequence);
    return sequence.parkedAbove(symbolSequence)
        ? books.unpark(symbol, account, symbolSequence + 1)
        : null;
  }

  public TopicNames topics() {
    return topics;
  }
}
