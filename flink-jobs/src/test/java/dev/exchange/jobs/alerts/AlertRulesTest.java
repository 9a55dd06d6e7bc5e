package dev.exchange.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.model.avro.AlertKind;
import dev.exchange.model.avro.OrderStatus;
import org.junit.jupiter.api.Test;

/** {@link AlertRules} without Flink: bands, arming and the change in basis points. */
class AlertRulesTest {

  @Test
  void theBandIsTheHysteresisShareOfTheLevelWithoutOverflow() {
    AlertState above = state(AlertKind.PRICE_ABOVE, Long.MAX_VALUE / 2, 100);
    above.armed = false;
    long band = Long.MAX_VALUE / 2 / 100; // 1 %
    assertThat(AlertRules.onPrice(above, above.level - band)).isFalse();
    assertThat(above.armed).as("at level - band: not beyond it").isFalse();
    assertThat(AlertRules.onPrice(above, above.level - band - 1)).isFalse();
    assertThat(above.armed).isTrue();
    assertThat(AlertRules.onPrice(above, above.level)).isTrue();
  }

  @Test
  void withoutHysteresisABelowAlertReArmsJustAboveTheLevel() {
    AlertState below = state(AlertKind.PRICE_BELOW, 10_000, 0);
    below.armed = true;
    assertThat(AlertRules.onPrice(below, 10_000)).isTrue();
    assertThat(AlertRules.onPrice(below, 10_000)).isFalse();
    assertThat(AlertRules.onPrice(below, 10_001)).isFalse();
    assertThat(below.armed).isTrue();
    assertThat(AlertRules.onPrice(below, 9_999)).isTrue();
  }

  @Test
  void aPriceAlertIsArmedOnlyFromTheOtherSideOfItsLevel() {
    AlertState above = state(AlertKind.PRICE_ABOVE, 10_000, 0);
    assertThat(AlertRules.armedAt(above, null)).isTrue();
    assertThat(AlertRules.armedAt(above, 9_999L)).isTrue();
    assertThat(AlertRules.armedAt(above, 10_000L)).isFalse();
    AlertState below = state(AlertKind.PRICE_BELOW, 10_000, 0);
    assertThat(AlertRules.armedAt(below, 10_001L)).isTrue();
    assertThat(AlertRules.armedAt(below, 10_000L)).isFalse();
  }

  @Test
  void aPercentChangeFiresEitherWayAndReArmsUnderTheThresholdLessItsBand() {
    AlertState change = state(AlertKind.PERCENT_CHANGE, 0, 1_000); // band: 10 % of 500 bp
    change.level = null;
    change.thresholdBps = 500L;
    change.armed = true;
    assertThat(AlertRules.onChange(change, -500)).isTrue();
    assertThat(AlertRules.onChange(change, 451)).isFalse();
    assertThat(change.armed).as("451 bp is within the band").isFalse();
    assertThat(AlertRules.onChange(change, 449)).isFalse();
    assertThat(change.armed).isTrue();
    assertThat(AlertRules.onChange(change, 600)).isTrue();
  }

  @Test
  void theChangeIsTruncatedTowardZeroAndExactForHugePrices() {
    assertThat(AlertRules.changeBps(10_566, 10_000)).isEqualTo(566);
    assertThat(AlertRules.changeBps(10_000, 10_600)).isEqualTo(-566);
    assertThat(AlertRules.changeBps(Long.MAX_VALUE / 2, Long.MAX_VALUE / 4)).isEqualTo(10_000);
  }

  @Test
  void aFillAlertWantsItsAccountAndAFilledOrderUnlessPartialFillsAreAsked() {
    AlertState whole = state(AlertKind.ORDER_FILLED, 0, 0);
    AlertState partial = state(AlertKind.ORDER_FILLED, 0, 0);
    partial.partialFills = true;
    var part = AlertLog.fill(1, "alice", OrderStatus.PARTIALLY_FILLED, 5);
    var done = AlertLog.fill(2, "alice", OrderStatus.FILLED, 10);
    var other = AlertLog.fill(3, "bob", OrderStatus.FILLED, 10);
    assertThat(AlertRules.onFill(whole, part)).isFalse();
    assertThat(AlertRules.onFill(whole, done)).isTrue();
    assertThat(AlertRules.onFill(whole, other)).isFalse();
    assertThat(AlertRules.onFill(partial, part)).isTrue();
  }

  private static AlertState state(AlertKind kind, long level, long hysteresisBps) {
    AlertState s = new AlertState();
    s.alertId = "a";
    s.account = "alice";
    s.kind = kind;
    s.level = level;
    s.hysteresisBps = hysteresisBps;
    return s;
  }
}
