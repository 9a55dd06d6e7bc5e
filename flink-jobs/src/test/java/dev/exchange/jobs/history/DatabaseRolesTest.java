package dev.exchange.jobs.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.lakehouse.testing.SampleRecords;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database roles of {@code terraform/modules/aurora/sql/roles.sql} against a real PostgreSQL
 * with the hot tier migrated by the master user, as in AWS: the script runs twice (idempotent);
 * history-service's role reads every table, including partitions the job creates afterwards, and
 * writes nothing; the history job's role creates partitions and writes rows.
 */
@ExtendWith(LocalServicesExtension.class)
class DatabaseRolesTest {

  private static final Path ROLES = repoFile("terraform/modules/aurora/sql/roles.sql");
  private static final String PASSWORD = "roles-test";

  @Test
  void historyServiceReadsOnlyAndTheJobOwnsThePartitions(PostgresServer postgres) throws Exception {
    String database = "history_roles_" + Long.toString(System.nanoTime(), 36);
    postgres.createDatabase(database);
    String url = postgres.jdbcUrl(database);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    HistorySchema.migrate(
        new HistoryDb(url, postgres.user(), postgres.password()),
        new Partitions(Clock.systemUTC(), 30, ColdTierCheck.NONE));

    String script = Files.readString(ROLES);
    try (Connection master =
            DriverManager.getConnection(url, postgres.user(), postgres.password());
        Statement s = master.createStatement()) {
      // edge-api's schema as a deployment before the roles left it: made by the master user.
      s.execute("create schema apikeys");
      s.execute("create table apikeys.api_keys (key_id text primary key, account text not null)");
      s.execute(script);
      s.execute(script);
      s.execute("alter role exchange_history_job password '" + PASSWORD + "'");
      s.execute("alter role exchange_history_service password '" + PASSWORD + "'");
      s.execute("alter role exchange_edge_api password '" + PASSWORD + "'");
      s.execute("alter role exchange_ws_relay password '" + PASSWORD + "'");
      s.execute("alter role exchange_alert_delivery password '" + PASSWORD + "'");
    }

    // alert-delivery migrates and writes its schema; edge-api reads its deliveries, nothing else.
    try (Connection delivery =
            DriverManager.getConnection(url, "exchange_alert_delivery", PASSWORD);
        Statement s = delivery.createStatement()) {
      s.execute("create table alerts.deliveries (alert_id text, outcome text)");
      assertThat(s.executeUpdate("insert into alerts.deliveries values ('a1', 'SENT')"))
          .isEqualTo(1);
      assertThatThrownBy(() -> s.executeQuery("select count(*) from apikeys.api_keys"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
    }

    try (Connection edge = DriverManager.getConnection(url, "exchange_edge_api", PASSWORD);
        Statement s = edge.createStatement()) {
      assertThat(s.executeUpdate("insert into apikeys.api_keys values ('k1', 'alice')"))
          .isEqualTo(1);
      s.execute("create table apikeys.later (id int)");
      try (ResultSet rs = s.executeQuery("select outcome from alerts.deliveries")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("SENT");
      }
      assertThatThrownBy(() -> s.executeUpdate("delete from alerts.deliveries"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.executeQuery("select count(*) from trades"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
    }

    LocalDate later = today.plusDays(Partitions.DAYS_AHEAD + 2);
    HistoryDb job = new HistoryDb(url, "exchange_history_job", PASSWORD);
    try (Connection c = job.connect()) {
      new Partitions(Clock.systemUTC(), 30, ColdTierCheck.NONE).ensure(c, "trades", later);
      try (PreparedStatement insert = c.prepareStatement(HistoryRecords.INSERT_TRADE)) {
        HistoryRecords.bind(
            insert,
            SampleRecords.trade(
                "BTCUSDT",
                1,
                later.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli(),
                100,
                5));
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      assertThat(owner(c, Partitions.name("trades", later))).isEqualTo("exchange_owner");
    }

    try (Connection reader =
            DriverManager.getConnection(url, "exchange_history_service", PASSWORD);
        Statement s = reader.createStatement()) {
      try (ResultSet rs = s.executeQuery("select count(*) from trades")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
      }
      try (ResultSet rs = s.executeQuery("select count(*) from balances")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
      try (ResultSet rs = s.executeQuery("select account from apikeys.api_keys")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("alice");
      }
      try (ResultSet rs = s.executeQuery("select count(*) from apikeys.later")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
      assertThatThrownBy(() -> s.executeUpdate("delete from apikeys.api_keys"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.executeUpdate("delete from trades"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.execute("create table sneaky (id int)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
    }

    try (Connection relay = DriverManager.getConnection(url, "exchange_ws_relay", PASSWORD);
        Statement s = relay.createStatement()) {
      try (ResultSet rs = s.executeQuery("select count(*) from apikeys.later")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
      assertThatThrownBy(() -> s.executeUpdate("delete from apikeys.api_keys"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.executeQuery("select count(*) from trades"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
    }
  }

  private static String owner(Connection c, String table) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select tableowner from pg_tables where tablename = ?")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("table %s exists", table).isTrue();
        return rs.getString(1);
      }
    }
  }

  private static Path repoFile(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
