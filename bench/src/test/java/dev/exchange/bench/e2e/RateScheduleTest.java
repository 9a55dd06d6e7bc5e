package dev.exchange.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateScheduleTest {

  @Test
  void slotsAreEvenlySpacedFromTheStartWithoutDrift() {
    RateSchedule s = new RateSchedule(1_000, 3, 10);
    assertThat(s.orders()).isEqualTo(30);
    assertThat(s.scheduledNanos(0)).isEqualTo(1_000);
    assertThat(s.scheduledNanos(1)).isEqualTo(1_000 + 333_333_333);
    assertThat(s.scheduledNanos(2)).isEqualTo(1_000 + 666_666_666);
    // exact integer arithmetic: slot 3 is exactly one second later, not 3 x 333,333,333
    assertThat(s.scheduledNanos(3)).isEqualTo(1_000 + 1_000_000_000);
    assertThat(s.scheduledNanos(29)).isEqualTo(1_000 + 9_666_666_666L);
  }

  @Test
  void ordersGoInPairsWhoseDueTimeIsTheSecondOrder() {
    RateSchedule s = new RateSchedule(0, 2500, 60);
    assertThat(s.orders()).isEqualTo(150_000);
    assertThat(s.pairs()).isEqualTo(75_000);
    assertThat(RateSchedule.isBuy(0)).isFalse();
    assertThat(RateSchedule.isBuy(1)).isTrue();
    assertThat(RateSchedule.pairOf(0)).isEqualTo(0);
    assertThat(RateSchedule.pairOf(1)).isEqualTo(0);
    assertThat(RateSchedule.pairOf(7)).isEqualTo(3);
    assertThat(s.pairDueNanos(3)).isEqualTo(s.scheduledNanos(7)).isEqualTo(7 * 400_000L);
  }

  @Test
  void anOddOrderCountIsRoundedDownToWholePairs() {
    assertThat(new RateSchedule(0, 5, 1).orders()).isEqualTo(4);
    assertThatThrownBy(() -> new RateSchedule(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate x seconds must allow at least one pair of orders");
    assertThatThrownBy(() -> new RateSchedule(0, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate and seconds must be positive, got 0, 10");
  }

  @Test
  void theTwoSidesOfAPairAlwaysComeFromDifferentAccounts() {
    for (int accounts = 2; accounts <= 7; accounts++) {
      for (long pair = 0; pair < 50; pair++) {
        assertThat(RateSchedule.account(2 * pair, accounts))
            .isNotEqualTo(RateSchedule.account(2 * pair + 1, accounts));
      }
    }
    assertThat(RateSchedule.account(5, 4)).isEqualTo(1);
    assertThatThrownBy(() -> RateSchedule.account(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at least two accounts are needed, got 1");
  }

  @Test
  void awaitingASlotReturnsNoEarlierThanItsDueTimeAndAtOnceWhenLate() {
    long start = System.nanoTime() + 20_000_000;
    RateSchedule s = new RateSchedule(start, 100, 1);
    s.awaitSlot(1);
    assertThat(System.nanoTime()).isGreaterThanOrEqualTo(s.scheduledNanos(1));
    long before = System.nanoTime();
    s.awaitSlot(0);
    assertThat(System.nanoTime() - before).isLessThan(5_000_000);
  }
}
