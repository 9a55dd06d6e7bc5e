package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.matching.core.FastOrderBook;
import dev.exchange.matching.core.OrderBook;
import java.util.HashMap;
import java.util.Map;

/**
 * The books of the symbols one matching subtask serves: one {@link FastOrderBook} per symbol over
 * its {@link CachedBookStorage}, kept across commands. A symbol's book is loaded from keyed state
 * on its first command after a start, a restore or a rescale, and again after a command that threw
 * ({@link #discard}). A delisted symbol's book is dropped from memory once its DELIST is committed:
 * nothing rests on it and its state is only the scalar state, reloaded if it is listed again.
 *
 * <p>Every call is for the current key: Flink has set the symbol as the key of {@code durable}.
 */
final class CachedBooks implements SymbolBooks {

  private record Cached(CachedBookStorage storage, FastOrderBook book) {}

  private final FlinkBookState durable;
  private final int snapshotInterval;
  private final Map<String, Cached> books = new HashMap<>();

  CachedBooks(FlinkBookState durable, int snapshotInterval) {
    this.durable = durable;
    this.snapshotInterval = snapshotInterval;
  }

  @Override
  public OrderBook book(String symbol) {
    return books.computeIfAbsent(symbol, this::load).book;
  }

  private Cached load(String symbol) {
    CachedBookStorage storage = new CachedBookStorage(durable, durable.load());
    return new Cached(storage, new FastOrderBook(storage, symbol, snapshotInterval));
  }

  @Override
  public void commit(String symbol) {
    Cached cached = books.get(symbol);
    cached.storage.commit();
    if (cached.storage.delisted()) {
      books.remove(symbol);
    }
  }

  @Override
  public long lastAccountSequence(String symbol, String account) {
    return durable.lastAccountSequence(account);
  }

  @Override
  public void accountSequenceApplied(String symbol, String account, long accountSequence) {
    durable.putAccountSequence(account, accountSequence);
  }

  @Override
  public SymbolSequence symbolSequence(String symbol, String account) {
    return durable.symbolSequence(account);
  }

  @Override
  public void putSymbolSequence(String symbol, String account, SymbolSequence sequence) {
    durable.putSymbolSequence(account, sequence);
  }

  @Override
  public void park(String symbol, String account, long symbolSequence, RawRecord envelope) {
    durable.park(account, symbolSequence, envelope);
  }

  @Override
  public RawRecord unpark(String symbol, String account, long symbolSequence) {
    return durable.unpark(account, symbolSequence);
  }

  @Override
  public void discard(String symbol) {
    books.remove(symbol);
  }
}
