package dev.exchange.bench.e2e;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate, open-loop schedule: order {@code k} is due at {@code start + k * 1e9 / rate}
 * nanoseconds, whatever happened to the orders before it. Latency is measured from this
 * <em>scheduled</em> time, not from when the order was actually sent, so a stalled sender or a slow
 * system counts against the result instead of silently lowering the rate (coordinated omission).
 *
 * <p>Orders go in crossing pairs: slot {@code 2i} and {@code 2i+1} are the sell and the buy of pair
 * {@code i}, at the same price and quantity, from two different accounts. A pair can only trade
 * once both are sent, so its latency is measured from the scheduled time of its second slot.
 */
public final class RateSchedule {

  private final long startNanos;
  private final int rate;
  private final long total;

  /**
   * @param rate orders per second (both sides of a pair count)
   * @param seconds how long to send; the total is rounded down to whole pairs
   */
  public RateSchedule(long startNanos, int rate, int seconds) {
    if (rate <= 0 || seconds <= 0) {
      throw new IllegalArgumentException(
          "rate and seconds must be positive, got " + rate + ", " + seconds);
    }
    this.startNanos = startNanos;
    this.rate = rate;
    long orders = (long) rate * seconds;
    this.total = orders - orders % 2;
    if (total == 0) {
      throw new IllegalArgumentException("rate x seconds must allow at least one pair of orders");
    }
  }

  /** How many orders the schedule sends (an even number). */
  public long orders() {
    return total;
  }

  public long pairs() {
    return total / 2;
  }

  public int rate() {
    return rate;
  }

  /** When order {@code k} is due. Exact integer arithmetic: no drift over long runs. */
  public long scheduledNanos(long k) {
    return startNanos + k * TimeUnit.SECONDS.toNanos(1) / rate;
  }

  /** When pair {@code i} can first trade: the due time of its second order. */
  public long pairDueNanos(long pair) {
    return scheduledNanos(2 * pair + 1);
  }

  public static long pairOf(long k) {
    return k / 2;
  }

  /** Slot {@code 2i} sells, slot {@code 2i+1} buys. */
  public static boolean isBuy(long k) {
    return k % 2 == 1;
  }

  /**
   * The account index of order {@code k} among {@code accounts}: consecutive slots always use
   * different accounts, so the two sides of a pair never self-trade.
   *
   * @throws IllegalArgumentException with fewer than two accounts
   */
  public static int account(long k, int accounts) {
    if (accounts < 2) {
      throw new IllegalArgumentException("at least two accounts are needed, got " + accounts);
    }
    return (int) (k % accounts);
  }

  /** Parks the calling thread until order {@code k} is due (returns at once if it is late). */
  public void awaitSlot(long k) {
    long due = scheduledNanos(k);
    long wait;
    while ((wait = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(Math.min(wait, 500_000));
    }
  }
}
