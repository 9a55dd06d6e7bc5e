package dev.exchange.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyMatcherTest {

  private static final long MS = 1_000_000;
  // 10 orders/s: slot k is due at k * 100 ms
  private final RateSchedule schedule = new RateSchedule(0, 10, 1);
  private final LatencyMatcher matcher = new LatencyMatcher(schedule, "brun1");

  @Test
  void clientOrderIdsEncodeTheSlotAndOnlyThisRunsIdsAreRecognised() {
    assertThat(LatencyMatcher.clientOrderId("brun1", 7)).isEqualTo("brun1-7");
    assertThat(matcher.slotOf("brun1-7")).isEqualTo(7);
    assertThat(matcher.slotOf("brun1-0")).isEqualTo(0);
    assertThat(matcher.slotOf("brun2-7")).isEqualTo(-1);
    assertThat(matcher.slotOf("brun1-")).isEqualTo(-1);
    assertThat(matcher.slotOf("brun1-x")).isEqualTo(-1);
    assertThat(matcher.slotOf("brun17")).isEqualTo(-1);
    assertThat(matcher.slotOf("brun1-10")).as("beyond the schedule").isEqualTo(-1);
    assertThat(matcher.slotOf(null)).isEqualTo(-1);
  }

  @Test
  void latencyIsMeasuredFromTheLaterScheduledOrderOfTheTradeWhateverTheArrivalOrder() {
    // pair 1 = slots 2 (sell, due 200 ms) and 3 (buy, due 300 ms) -> trade 41
    matcher.tradeReceived(41, 312 * MS); // public frame first, subscriber A
    matcher.filled("brun1-2", 41);
    matcher.tradeReceived(41, 315 * MS); // subscriber B
    matcher.filled("brun1-3", 41);
    // pair 0 = slots 0 and 1 -> trade 40, fills first
    matcher.filled("brun1-1", 40);
    matcher.filled("brun1-0", 40);
    matcher.tradeReceived(40, 107 * MS);

    Histogram h = new Histogram(60_000_000L, 3);
    LatencyMatcher.Outcome o = matcher.finish(h);

    assertThat(o.tradesMeasured()).isEqualTo(2);
    assertThat(o.samples()).isEqualTo(3);
    assertThat(h.getTotalCount()).isEqualTo(3);
    assertThat(h.getMinValue()).isEqualTo(7_000); // 107 - 100 ms, in micros
    assertThat(h.getMaxValue()).isBetween(14_990L, 15_010L); // 315 - 300 ms
    assertThat(o.tradesWithoutFill()).isZero();
    assertThat(o.fillsWithoutTrade()).isZero();
    assertThat(o.pairsWithoutTrade()).isEqualTo(3); // pairs 2, 3, 4 of the 5 never traded
  }

  @Test
  void tradesOfOtherTradersAndFillsNeverSeenPubliclyAreCountedNotMeasured() {
    matcher.tradeReceived(99, 50 * MS); // a simulator's trade: no bench fill
    matcher.filled("sim-order-1", 99);
    matcher.filled("brun1-5", 100); // a bench fill whose public frame never came
    Histogram h = new Histogram(60_000_000L, 3);

    LatencyMatcher.Outcome o = matcher.finish(h);

    assertThat(h.getTotalCount()).isZero();
    assertThat(o.tradesMeasured()).isZero();
    assertThat(o.tradesWithoutFill()).isEqualTo(1);
    assertThat(o.fillsWithoutTrade()).isEqualTo(1);
    assertThat(o.foreignFills()).isEqualTo(1);
    assertThat(o.pairsWithoutTrade()).isEqualTo(4);
  }

  @Test
  void aReceiptBeforeTheDueTimeCountsAsZeroNotNegative() {
    // only the sell of pair 2 (slot 4, due 400 ms) traded, against someone else's resting order
    matcher.filled("brun1-4", 7);
    matcher.tradeReceived(7, 390 * MS);
    Histogram h = new Histogram(60_000_000L, 3);

    matcher.finish(h);

    assertThat(h.getTotalCount()).isEqualTo(1);
    assertThat(h.getMaxValue()).isZero();
  }
}
