package dev.exchange.jobs.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Day partitions ahead, on demand and past retention, against a real PostgreSQL. */
@ExtendWith(LocalServicesExtension.class)
class PartitionsTest {

  private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

  private static Clock at(LocalDate day, int hour) {
    return Clock.fixed(day.atTime(hour, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  }

  @Test
  void expiryKeepsTheRetentionAndNeverTodayOrLater() {
    assertThat(Partitions.expired(DAY.minusDays(4), DAY, 3)).isTrue();
    assertThat(Partitions.expired(DAY.minusDays(3), DAY, 3)).isFalse();
    assertThat(Partitions.expired(DAY.minusDays(1), DAY, 0)).isTrue();
    assertThat(Partitions.expired(DAY, DAY, 0)).isFalse();
    assertThat(Partitions.expired(DAY.plusDays(1), DAY, 0)).isFalse();
    assertThatThrownBy(() -> new Partitions(Clock.systemUTC(), -1, ColdTierCheck.NONE))
        .hasMessage("retention must not be negative: -1");
  }

  @Test
  void createsAheadAndOnDemandAndDropsOnlyExpiredPartitions(PostgresServer postgres)
      throws Exception {
    String database = "history_partitions_" + Long.toString(System.currentTimeMillis(), 36);
    postgres.createDatabase(database);
    HistoryDb db = new HistoryDb(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    HistorySchema.migrate(db, new Partitions(at(DAY, 23), 3, ColdTierCheck.NONE));

    try (Connection c = db.connect()) {
      Partitions first = new Partitions(at(DAY, 23), 3, ColdTierCheck.NONE);
      for (String table : Partitions.TABLES) {
        assertThat(first.existing(c, table))
            .containsExactly(DAY, DAY.plusDays(1), DAY.plusDays(2), DAY.plusDays(3));
      }
      // A replayed record from long ago gets its partition on demand; a row lands in it.
      first.ensure(c, "trades", DAY.minusDays(20));
      first.ensure(c, "trades", DAY.minusDays(20)); // idempotent
      try (var s = c.createStatement()) {
        s.execute(
            "insert into trades values ('BTCUSDT', 1, '"
                + DAY.minusDays(20)
                + " 12:00:00+00', 1, 1, 1, 0, 0, 'BUY', 'm', 't', 'a', 'b')");
      }

      // Ten days later, one minute after midnight, with a 3-day retention: the boundary days.
      LocalDate later = DAY.plusDays(10);
      for (String table : Partitions.TABLES) {
        first.ensure(c, table, later.minusDays(3));
        first.ensure(c, table, later.minusDays(4));
      }
      Partitions tenDaysOn =
          new Partitions(
              Clock.fixed(
                  later.atStartOfDay().plusMinutes(1).toInstant(ZoneOffset.UTC), ZoneOffset.UTC),
              3,
              ColdTierCheck.NONE);
      List<String> dropped = tenDaysOn.maintain(c);
      assertThat(dropped)
          .contains(
              "trades_p20260218", "trades_p20260310", "order_events_p20260313", "trades_p20260316")
          .doesNotContain("trades_p20260317", "order_events_p20260317", "trades_p20260320");
      for (String table : Partitions.TABLES) {
        assertThat(tenDaysOn.existing(c, table))
            .as(table)
            .containsExactly(
                later.plusDays(-3), later, later.plusDays(1), later.plusDays(2), later.plusDays(3))
            .doesNotContain(later.plusDays(-4));
      }
      try (var s = c.createStatement();
          var rs = s.executeQuery("select count(*) from trades")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }

      // Retention 0 drops every day before today, never today's partition.
      Partitions none = new Partitions(at(later, 0), 0, ColdTierCheck.NONE);
      none.maintain(c);
      assertThat(none.existing(c, "trades"))
          .containsExactly(later, later.plusDays(1), later.plusDays(2), later.plusDays(3));
      // A clock that goes back does not drop anything newer than its today.
      assertThat(new Partitions(at(DAY, 1), 0, ColdTierCheck.NONE).dropExpired(c)).isEmpty();
    }
  }
}
