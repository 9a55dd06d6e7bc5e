package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.matching.core.OrderBook;

/**
 * The books a {@link CommandProcessor} applies commands to, one per symbol, and what happens to a
 * command's changes: kept ({@link #commit}) or, when the book threw half-way, thrown away with the
 * book ({@link #discard}), so that the book never differs from what its published events say.
 */
public interface SymbolBooks {

  /** The symbol's book, loaded if needed. */
  OrderBook book(String symbol);

  /** The command just applied to the symbol's book succeeded: keep its changes. */
  void commit(String symbol);

  /**
   * The highest {@code accountSequence} applied on the symbol for the account, 0 if none: the
   * accounts job forwards at least once, so a command at or below it is a repeat.
   */
  long lastAccountSequence(String symbol, String account);

  /**
   * Records the {@code accountSequence} of a command just applied and {@link #commit committed};
   * never called for a command that was discarded.
   */
  void accountSequenceApplied(String symbol, String account, long accountSequence);

  /**
   * How far the account's numbered commands on the symbol have got; a fresh (0, 0) one if none.
   * Changes to it are kept by {@link #putSymbolSequence}.
   */
  SymbolSequence symbolSequence(String symbol, String account);

  void putSymbolSequence(String symbol, String account, SymbolSequence sequence);

  /**
   * Keeps a command that arrived before the account's commands below its {@code symbolSequence} on
   * the symbol, until they have been consumed ({@link #unpark}).
   */
  void park(String symbol, String account, long symbolSequence, RawRecord envelope);

  /** Removes and returns the account's parked command with this {@code symbolSequence}, or null. */
  RawRecord unpark(String symbol, String account, long symbolSequence);

  /**
   * The command just applied to the symbol's book threw: forget the book with the command's
   * changes; the next command finds the book as it was before.
   */
  void discard(String symbol);
}
