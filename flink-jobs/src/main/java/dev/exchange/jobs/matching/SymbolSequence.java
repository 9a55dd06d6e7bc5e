package dev.exchange.jobs.matching;

/**
 * How far one account's numbered commands on one symbol have got ({@code symbolSequence},
 * docs/accounts.md "Ordering"): the last one consumed, and the highest one parked while an earlier
 * one is missing. A plain POJO for Flink's POJO serializer.
 */
public final class SymbolSequence {

  /** The last {@code symbolSequence} consumed (applied, or dead-lettered), 0 if none. */
  public long consumed;

  /**
   * The highest {@code symbolSequence} ever parked; parked commands wait only above {@link
   * #consumed}.
   */
  public long parkedUpTo;

  public SymbolSequence() {}

  public SymbolSequence(long consumed, long parkedUpTo) {
    this.consumed = consumed;
    this.parkedUpTo = parkedUpTo;
  }

  /** Whether a command above {@code symbolSequence} may be waiting parked. */
  boolean parkedAbove(long symbolSequence) {
    return parkedUpTo > symbolSequence;
  }
}
