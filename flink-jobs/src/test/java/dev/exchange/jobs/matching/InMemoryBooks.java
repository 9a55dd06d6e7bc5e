package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.matching.core.FastOrderBook;
import dev.exchange.matching.core.InMemoryBookStorage;
import dev.exchange.matching.core.OrderBook;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link FastOrderBook} per symbol over {@link InMemoryBookStorage}, for clean runs without
 * Flink: there is no durable copy to go back to, so a command the book throws on fails the run.
 */
final class InMemoryBooks implements SymbolBooks {

  private final int snapshotInterval;
  private final Map<String, OrderBook> books = new HashMap<>();
  private final Map<String, Long> accountSequences = new HashMap<>();
  private final Map<String, SymbolSequence> symbolSequences = new HashMap<>();
  private final Map<String, RawRecord> parked = new HashMap<>();

  InMemoryBooks(int snapshotInterval) {
    this.snapshotInterval = snapshotInterval;
  }

  @Override
  public OrderBook book(String symbol) {
    return books.computeIfAbsent(
        symbol, s -> new FastOrderBook(new InMemoryBookStorage(), s, snapshotInterval));
  }

  @Override
  public void commit(String symbol) {}

  @Override
  public long lastAccountSequence(String symbol, String account) {
    return accountSequences.getOrDefault(symbol + "/" + account, 0L);
  }

  @Override
  public void accountSequenceApplied(String symbol, String account, long accountSequence) {
    accountSequences.put(symbol + "/" + account, accountSequence);
  }

  @Override
  public SymbolSequence symbolSequence(String symbol, String account) {
    return symbolSequences.getOrDefault(symbol + "/" + account, new SymbolSequence());
  }

  @Override
  public void putSymbolSequence(String symbol, String account, SymbolSequence sequence) {
    symbolSequences.put(symbol + "/" + account, sequence);
  }

  @Override
  public void park(String symbol, String account, long symbolSequence, RawRecord envelope) {
    parked.put(symbol + "/" + account + "#" + symbolSequence, envelope);
  }

  @Override
  public RawRecord unpark(String symbol, String account, long symbolSequence) {
    return parked.remove(symbol + "/" + account + "#" + symbolSequence);
  }

  @Override
  public void discard(String symbol) {
    throw new IllegalStateException("the book of " + symbol + " threw in a clean run");
  }
}
