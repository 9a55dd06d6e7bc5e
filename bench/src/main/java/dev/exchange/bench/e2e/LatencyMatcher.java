package dev.exchange.bench.e2e;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Joins what the public and the private streams say about a trade, in whatever order they arrive:
 *
 * <ul>
 *   <li>the public {@code <symbol>@trade} frame gives the trade id and when each subscriber
 *       received it;
 *   <li>the private {@code executionReport} fills ({@code x=TRADE}) of the bench's own orders give
 *       the trade id and the {@code clientOrderId}, which encodes the order's schedule slot.
 * </ul>
 *
 * A trade's latency is receipt minus the latest scheduled send time among the bench orders it
 * filled (the trade cannot happen before its taker was due). Trades of other traders (a market
 * simulator) have no bench fill and are counted, not measured. Thread-safe; everything is joined in
 * {@link #finish}, so arrival order does not matter.
 */
public final class LatencyMatcher {

  private final RateSchedule schedule;
  private final String run;
  private final Map<Long, long[]> receipts = new HashMap<>();
  private final Map<Long, Long> dueByTrade = new HashMap<>();
  private final Set<Long> pairsFilled = new HashSet<>();
  private long foreignFills;

  /**
   * @param run the prefix of this run's client order ids ({@link #clientOrderId})
   */
  public LatencyMatcher(RateSchedule schedule, String run) {
    this.schedule = schedule;
    this.run = run;
  }

  /** The client order id of slot {@code k} of run {@code run}: {@code <run>-<k>}. */
  public static String clientOrderId(String run, long k) {
    return run + "-" + k;
  }

  /** The slot encoded in a client order id of this run, or -1 for anyone else's order. */
  public long slotOf(String clientOrderId) {
    if (clientOrderId == null
        || clientOrderId.length() <= run.length() + 1
        || !clientOrderId.startsWith(run)
        || clientOrderId.charAt(run.length()) != '-') {
      return -1;
    }
    long k = 0;
    for (int i = run.length() + 1; i < clientOrderId.length(); i++) {
      char c = clientOrderId.charAt(i);
      if (c < '0' || c > '9' || k > Long.MAX_VALUE / 10) {
        return -1;
      }
      k = k * 10 + (c - '0');
    }
    return k < schedule.orders() ? k : -1;
  }

  /** A subscriber received public trade {@code tradeId} at {@code nanos}. */
  public synchronized void tradeReceived(long tradeId, long nanos) {
    long[] r = receipts.get(tradeId);
    if (r == null) {
      receipts.put(tradeId, new long[] {nanos});
    } else {
      long[] more = java.util.Arrays.copyOf(r, r.length + 1);
      more[r.length] = nanos;
      receipts.put(tradeId, more);
    }
  }

  /** A private fill: order {@code clientOrderId} took part in trade {@code tradeId}. */
  public synchronized void filled(String clientOrderId, long tradeId) {
    long k = slotOf(clientOrderId);
    if (k < 0) {
      foreignFills++;
      return;
    }
    pairsFilled.add(RateSchedule.pairOf(k));
    dueByTrade.merge(tradeId, schedule.scheduledNanos(k), Math::max);
  }

  /** What the join found. */
  public record Outcome(
      long tradesMeasured,
      long samples,
      long tradesWithoutFill,
      long fillsWithoutTrade,
      long pairsWithoutTrade,
      long foreignFills) {}

  /**
   * Records every joined receipt into {@code micros} (latency in microseconds, negative clock
   * differences clamped to 0, beyond the histogram's range to its maximum) and counts what could
   * not be joined.
   */
  public synchronized Outcome finish(Histogram micros) {
    long measured = 0;
    long samples = 0;
    long withoutFill = 0;
    for (Map.Entry<Long, long[]> e : receipts.entrySet()) {
      Long due = dueByTrade.get(e.getKey());
      if (due == null) {
        withoutFill++;
        continue;
      }
      measured++;
      for (long at : e.getValue()) {
        long latency = Math.max(0, (at - due) / 1000);
        micros.recordValue(Math.min(latency, micros.getHighestTrackableValue()));
        samples++;
      }
    }
    long fillsWithoutTrade = 0;
    for (Long tradeId : dueByTrade.keySet()) {
      if (!receipts.containsKey(tradeId)) {
        fillsWithoutTrade++;
      }
    }
    return new Outcome(
        measured,
        samples,
        withoutFill,
        fillsWithoutTrade,
        schedule.pairs() - pairsFilled.size(),
        foreignFills);
  }
}
