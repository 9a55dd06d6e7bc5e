package dev.exchange.jobs.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.lakehouse.CommittedKeys;
import dev.exchange.lakehouse.LakehouseRows;
import dev.exchange.lakehouse.LakehouseTables;
import dev.exchange.lakehouse.testing.LakehouseFixture;
import dev.exchange.lakehouse.testing.SampleRecords;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention drops a hot-tier partition only once the Iceberg cold tier holds every row of it: real
 * PostgreSQL, a real Iceberg catalog (JDBC) with its data on the S3 server.
 */
@ExtendWith(LocalServicesExtension.class)
class ColdTierRetentionTest {

  private static final LocalDate ARCHIVED = LocalDate.of(2026, 3, 10);
  private static final LocalDate BEHIND = ARCHIVED.plusDays(1);
  private static final LocalDate TODAY = ARCHIVED.plusDays(10);

  private static long noon(LocalDate day) {
    return day.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  @Test
  void keepsAnExpiredPartitionUntilIcebergHoldsAllOfItsRows(PostgresServer postgres, S3Server s3)
      throws Exception {
    String database = "history_cold_" + Long.toString(System.nanoTime(), 36);
    postgres.createDatabase(database);
    HistoryDb db = new HistoryDb(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    try (LakehouseFixture lake = LakehouseFixture.create(postgres, s3);
        Connection c = db.connect()) {
      Partitions partitions =
          new Partitions(
              Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC),
              3,
              new IcebergColdTierCheck(lake.properties()));
      HistorySchema.migrate(db, partitions);

      Trade archivedTrade = SampleRecords.trade("BTCUSDT", 1, noon(ARCHIVED), 100, 5);
      Trade behindTrade = SampleRecords.trade("BTCUSDT", 2, noon(BEHIND), 101, 5);
      // Same id on another symbol: a key is (symbol, id), not the id alone.
      Trade behindOtherSymbol = SampleRecords.trade("ETHUSDT", 1, noon(BEHIND), 50, 5);
      OrderEvent archivedEvent = SampleRecords.fill("BTCUSDT", 1, noon(ARCHIVED), "o-1", 100, 5);
      OrderEvent behindEvent = SampleRecords.fill("BTCUSDT", 2, noon(BEHIND), "o-2", 101, 5);
      for (LocalDate day : List.of(ARCHIVED, BEHIND)) {
        for (String table : Partitions.TABLES) {
          partitions.ensure(c, table, day);
        }
      }
      insertTrades(c, archivedTrade, behindTrade, behindOtherSymbol);
      insertEvents(c, archivedEvent, behindEvent);

      // The lakehouse committed the first day, and of the second only one trade of two.
      lake.append(
          LakehouseTables.TRADES,
          List.of(LakehouseRows.trade(archivedTrade), LakehouseRows.trade(behindTrade)));
      lake.append(LakehouseTables.ORDER_EVENTS, List.of(LakehouseRows.orderEvent(archivedEvent)));
      assertThat(CommittedKeys.ofDay(lake.catalog(), LakehouseTables.TRADES, BEHIND).count())
          .isEqualTo(1);
      assertThat(
              new IcebergColdTierCheck(lake.properties())
                  .missing(c, "trades", BEHIND, Partitions.name("trades", BEHIND)))
          .isEqualTo(1);

      assertThat(partitions.maintain(c))
          .containsExactlyInAnyOrder(
              Partitions.name("trades", ARCHIVED), Partitions.name("order_events", ARCHIVED));
      for (String table : Partitions.TABLES) {
        assertThat(partitions.existing(c, table))
            .as(table)
            .contains(BEHIND)
            .doesNotContain(ARCHIVED);
      }
      assertThat(count(c, "trades")).isEqualTo(2);
      assertThat(count(c, "order_events")).isEqualTo(1);

      // Once the rest is committed, the next maintenance drops the day.
      lake.append(LakehouseTables.TRADES, List.of(LakehouseRows.trade(behindOtherSymbol)));
      assertThat(partitions.maintain(c)).containsExactly(Partitions.name("trades", BEHIND));
      lake.append(LakehouseTables.ORDER_EVENTS, List.of(LakehouseRows.orderEvent(behindEvent)));
      assertThat(partitions.maintain(c)).containsExactly(Partitions.name("order_events", BEHIND));
      for (String table : Partitions.TABLES) {
        assertThat(partitions.existing(c, table)).as(table).doesNotContain(ARCHIVED, BEHIND);
      }
      assertThat(count(c, "trades") + count(c, "order_events")).isZero();
    }
  }

  @Test
  void aTableNotCreatedYetHoldsNothingAndATableWithoutKeysIsRefused(
      PostgresServer postgres, S3Server s3) {
    try (LakehouseFixture lake = LakehouseFixture.create(postgres, s3)) {
      lake.catalog().dropTable(LakehouseTables.TRADES);
      CommittedKeys none = CommittedKeys.ofDay(lake.catalog(), LakehouseTables.TRADES, ARCHIVED);
      assertThat(none.count()).isZero();
      assertThat(none.contains("BTCUSDT", 1)).isFalse();
      assertThatThrownBy(
              () -> CommittedKeys.ofDay(lake.catalog(), LakehouseTables.LEDGER, ARCHIVED))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("not a cold-tier table keyed by (symbol, id): exchange.ledger");
    }
  }

  private static void insertTrades(Connection c, Trade... trades) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HistoryRecords.INSERT_TRADE)) {
      for (Trade t : trades) {
        HistoryRecords.bind(s, t);
        s.executeUpdate();
      }
    }
  }

  private static void insertEvents(Connection c, OrderEvent... events) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HistoryRecords.INSERT_ORDER_EVENT)) {
      for (OrderEvent e : events) {
        HistoryRecords.bindEvent(s, e);
        s.executeUpdate();
      }
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (var s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
