package dev.exchange.relay.book;

import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.PriceLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The relay's L2 book of one symbol, rebuilt from {@code exchange.book}: a {@link BookSnapshot}
 * starts it, {@link BookDelta}s continue it in update-id order.
 *
 * <p>Ordering rules (the relay reads {@code read_uncommitted}, so records of aborted transactions
 * are seen and then seen again, byte-identical, after the matcher's recovery):
 *
 * <ul>
 *   <li>a delta with {@code u <= lastUpdateId} was already applied and delivered: it is dropped. A
 *       fingerprint of the last {@value #RING} applied deltas tells a true duplicate from a
 *       <em>rewind</em> (same id, different content: the matcher was restored from older state);
 *   <li>a delta with {@code U > lastUpdateId + 1} is a gap: the book stops (keeps its last good
 *       state) until the next snapshot, which then yields a synthetic diff covering the gap;
 *   <li>a snapshot newer than the book (or any snapshot while waiting) replaces it.
 * </ul>
 *
 * <p>Written by the feed thread, read by REST threads: every method is synchronized; readers copy.
 */
public final class RelayBook {

  /** How many recent deltas are remembered to tell a duplicate from a rewind. */
  static final int RING = 4096;

  /** Where the book stands. */
  public enum State {
    /** No snapshot seen yet. */
    EMPTY,
    /** Consistent with the stream up to {@link #lastUpdateId()}. */
    SYNCED,
    /** A gap or rewind was seen: waiting for the next snapshot; the last good state is kept. */
    AWAITING_SNAPSHOT
  }

  /** What applying a record did. */
  public enum Outcome {
    APPLIED,
    DUPLICATE,
    GAP,
    REWIND,
    IGNORED_AWAITING_SNAPSHOT,
    /** First snapshot: the book exists now. */
    STARTED,
    /** A snapshot after a gap moved the book forward: {@link Resync#diff()} covers the gap. */
    RESYNCED,
    /** A snapshot after a rewind: ids went backwards, no diff can express it. */
    RESET
  }

  /** The result of a snapshot; {@code diff} is non-null for {@link Outcome#RESYNCED}. */
  public record Resync(Outcome outcome, Diff diff) {}

  /** Level changes from {@code firstUpdateId} to {@code lastUpdateId}, best first per side. */
  public record Diff(long firstUpdateId, long lastUpdateId, long[][] bids, long[][] asks) {}

  /** A consistent top-of-book copy: prices and quantities per level, best first. */
  public record Depth(
      String symbol,
      long lastUpdateId,
      long[][] bids,
      long[][] asks,
      int priceScale,
      int quantityScale) {}

  private final String symbol;
  private final NavigableMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
  private final NavigableMap<Long, Long> asks = new TreeMap<>();
  private final long[] ringIds = new long[RING];
  private final int[] ringHashes = new int[RING];
  private long lastUpdateId = -1;
  private int priceScale;
  private int quantityScale;
  private State state = State.EMPTY;

  public RelayBook(String symbol) {
    this.symbol = symbol;
    java.util.Arrays.fill(ringIds, -1);
  }

  public String symbol() {
    return symbol;
  }

  public synchronized State state() {
    return state;
  }

  public synchronized long lastUpdateId() {
    return lastUpdateId;
  }

  /**
   * Applies a delta.
   *
   * @param contentHash a hash of the record's bytes, to tell a replayed duplicate from a rewind
   */
  public synchronized Outcome apply(BookDelta delta, int contentHash) {
    long first = delta.getFirstUpdateId();
    long last = delta.getLastUpdateId();
    if (state == State.EMPTY) {
      return Outcome.IGNORED_AWAITING_SNAPSHOT;
    }
    if (last <= lastUpdateId) {
      int slot = (int) (last & (RING - 1));
      if (state == State.SYNCED && ringIds[slot] == last && ringHashes[slot] != contentHash) {
        state = State.AWAITING_SNAPSHOT;
        return Outcome.REWIND;
      }
      return Outcome.DUPLICATE;
    }
    if (state == State.AWAITING_SNAPSHOT) {
      return Outcome.IGNORED_AWAITING_SNAPSHOT;
    }
    if (first > lastUpdateId + 1) {
      state = State.AWAITING_SNAPSHOT;
      return Outcome.GAP;
    }
    // first <= lastUpdateId + 1 <= last: levels are absolute, so overlapping ids re-apply safely.
    priceScale = delta.getPriceScale();
    quantityScale = delta.getQuantityScale();
    put(bids, delta.getBids());
    put(asks, delta.getAsks());
    lastUpdateId = last;
    int slot = (int) (last & (RING - 1));
    ringIds[slot] = last;
    ringHashes[slot] = contentHash;
    return Outcome.APPLIED;
  }

  /** Applies a full snapshot (from {@code exchange.book} in sequence, or the compacted topic). */
  public synchronized Resync apply(BookSnapshot snapshot) {
    long id = snapshot.getLastUpdateId();
    State before = state;
    if (before == State.SYNCED && id <= lastUpdateId) {
      return new Resync(Outcome.DUPLICATE, null);
    }
    Map<Long, Long> oldBids = before == State.EMPTY ? Map.of() : new TreeMap<>(bids);
    Map<Long, Long> oldAsks = before == State.EMPTY ? Map.of() : new TreeMap<>(asks);
    long oldId = lastUpdateId;
    bids.clear();
    asks.clear();
    put(bids, snapshot.getBids());
    put(asks, snapshot.getAsks());
    priceScale = snapshot.getPriceScale();
    quantityScale = snapshot.getQuantityScale();
    lastUpdateId = id;
    state = State.SYNCED;
    java.util.Arrays.fill(ringIds, -1);
    if (before == State.EMPTY) {
      return new Resync(Outcome.STARTED, null);
    }
    if (id <= oldId) {
      return new Resync(Outcome.RESET, null);
    }
    Diff diff =
        new Diff(
            oldId + 1,
            id,
            changes(oldBids, bids, Comparator.reverseOrder()),
            changes(oldAsks, asks, Comparator.naturalOrder()));
    return new Resync(Outcome.RESYNCED, diff);
  }

  /** The best {@code limit} levels per side with the update id they are consistent with. */
  public synchronized Depth depth(int limit) {
    return new Depth(
        symbol, lastUpdateId, top(bids, limit), top(asks, limit), priceScale, quantityScale);
  }

  /** Best bid and ask as {@code [price, quantity]}, or null for an empty side. */
  public synchronized long[][] top() {
    Map.Entry<Long, Long> bid = bids.firstEntry();
    Map.Entry<Long, Long> ask = asks.firstEntry();
    return new long[][] {
      bid == null ? null : new long[] {bid.getKey(), bid.getValue()},
      ask == null ? null : new long[] {ask.getKey(), ask.getValue()}
    };
  }

  public synchronized int priceScale() {
    return priceScale;
  }

  public synchronized int quantityScale() {
    return quantityScale;
  }

  private static void put(NavigableMap<Long, Long> side, List<PriceLevel> levels) {
    for (PriceLevel level : levels) {
      if (level.getQuantity() == 0) {
        side.remove(level.getPrice());
      } else {
        side.put(level.getPrice(), level.getQuantity());
      }
    }
  }

  private static long[][] top(NavigableMap<Long, Long> side, int limit) {
    int n = Math.min(limit, side.size());
    long[][] out = new long[n][];
    int i = 0;
    for (Map.Entry<Long, Long> e : side.entrySet()) {
      if (i == n) {
        break;
      }
      out[i++] = new long[] {e.getKey(), e.getValue()};
    }
    return out;
  }

  private static long[][] changes(
      Map<Long, Long> before, Map<Long, Long> after, Comparator<Long> order) {
    List<Long> prices = new ArrayList<>();
    for (Long p : before.keySet()) {
      if (!after.containsKey(p)) {
        prices.add(p);
      }
    }
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      if (!e.getValue().equals(before.get(e.getKey()))) {
        prices.add(e.getKey());
      }
    }
    Collections.sort(prices, order);
    long[][] out = new long[prices.size()][];
    for (int i = 0; i < out.length; i++) {
      long p = prices.get(i);
      out[i] = new long[] {p, after.getOrDefault(p, 0L)};
    }
    return out;
  }
}
