package dev.exchange.history.klines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.history.testing.Reference;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bucket boundaries of every interval: UTC, epoch-aligned, Monday weeks, calendar months. */
class KlineIntervalTest {

  private static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void weeksStartOnMondayAndMonthsOnTheFirstCalendarDay() {
    // Saturday 2026-11-21 belongs to the week of Monday 2026-11-16.
    assertThat(KlineInterval.W1.bucketStart(t("2026-11-21T13:45:00Z")))
        .isEqualTo(t("2026-11-16T00:00:00Z"));
    // A Monday at midnight starts its own week; a Sunday at 23:59:59.999 ends the previous one.
    assertThat(KlineInterval.W1.bucketStart(t("2026-11-16T00:00:00Z")))
        .isEqualTo(t("2026-11-16T00:00:00Z"));
    assertThat(KlineInterval.W1.bucketStart(t("2026-11-15T23:59:59.999Z")))
        .isEqualTo(t("2026-11-09T00:00:00Z"));
    assertThat(KlineInterval.W1.closeTime(t("2026-11-16T00:00:00Z")))
        .isEqualTo(t("2026-11-22T23:59:59.999Z"));
    // Leap February: 29 days; the bucket closes at the last millisecond of the month.
    assertThat(KlineInterval.MONTH1.bucketStart(t("2024-02-29T18:00:00Z")))
        .isEqualTo(t("2024-02-01T00:00:00Z"));
    assertThat(KlineInterval.MONTH1.closeTime(t("2024-02-01T00:00:00Z")))
        .isEqualTo(t("2024-02-29T23:59:59.999Z"));
    assertThat(KlineInterval.MONTH1.plus(t("2024-12-01T00:00:00Z"), 2))
        .isEqualTo(t("2025-02-01T00:00:00Z"));
    assertThat(KlineInterval.MONTH1.plus(t("2025-02-01T00:00:00Z"), -3))
        .isEqualTo(t("2024-11-01T00:00:00Z"));
  }

  @Test
  void fixedIntervalsAreAlignedToTheEpoch() {
    assertThat(KlineInterval.D3.bucketStart(t("1970-01-04T00:00:00Z")))
        .isEqualTo(t("1970-01-04T00:00:00Z"));
    assertThat(KlineInterval.D3.bucketStart(t("1970-01-03T23:59:59.999Z"))).isEqualTo(0);
    assertThat(KlineInterval.H8.bucketStart(t("2026-11-21T07:59:59.999Z")))
        .isEqualTo(t("2026-11-21T00:00:00Z"));
    assertThat(KlineInterval.H8.bucketStart(t("2026-11-21T08:00:00Z")))
        .isEqualTo(t("2026-11-21T08:00:00Z"));
    assertThat(KlineInterval.M3.closeTime(t("2026-11-21T00:03:00Z")))
        .isEqualTo(t("2026-11-21T00:05:59.999Z"));
  }

  @Test
  void startAtOrAfterRoundsUpOnlyOffBoundaries() {
    assertThat(KlineInterval.H1.bucketStartAtOrAfter(t("2026-11-21T10:00:00Z")))
        .isEqualTo(t("2026-11-21T10:00:00Z"));
    assertThat(KlineInterval.H1.bucketStartAtOrAfter(t("2026-11-21T10:00:00.001Z")))
        .isEqualTo(t("2026-11-21T11:00:00Z"));
  }

  @ParameterizedTest
  @EnumSource(KlineInterval.class)
  void everyBucketMatchesTheCalendarReference(KlineInterval interval) {
    Random random = new Random(interval.ordinal());
    long from = t("2023-12-25T00:00:00Z");
    for (int i = 0; i < 20_000; i++) {
      long time = from + random.nextLong(3L * 366 * 86_400_000L);
      long start = interval.bucketStart(time);
      assertThat(start)
          .as("%s bucket of %d", interval.code(), time)
          .isEqualTo(Reference.bucket(interval.code(), time));
      assertThat(interval.plus(start, 1)).isEqualTo(Reference.next(interval.code(), start));
      assertThat(start).isLessThanOrEqualTo(time);
      assertThat(interval.closeTime(start)).isGreaterThanOrEqualTo(time);
    }
  }

  @ParameterizedTest
  @EnumSource(KlineInterval.class)
  void theHotSourceNestsExactlyInTheInterval(KlineInterval interval) {
    if (interval.fromTrades()) {
      return;
    }
    KlineInterval source = KlineInterval.of(interval.hotSource());
    Random random = new Random(interval.ordinal());
    for (int i = 0; i < 5_000; i++) {
      long time = random.nextLong(4_000_000_000_000L);
      long sourceStart = source.bucketStart(time);
      // The source bucket lies inside one bucket of the interval.
      assertThat(interval.bucketStart(sourceStart))
          .isEqualTo(interval.bucketStart(source.closeTime(sourceStart)));
    }
  }
}
