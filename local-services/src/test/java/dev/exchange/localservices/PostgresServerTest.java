package dev.exchange.localservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServicesExtension.class)
class PostgresServerTest {

  @Test
  void createsWritesAndReadsATableOverJdbc(PostgresServer postgres) throws Exception {
    postgres.createDatabase("smoke");
    try (Connection c =
            DriverManager.getConnection(
                postgres.jdbcUrl("smoke"), postgres.user(), postgres.password());
        Statement s = c.createStatement()) {
      s.execute(
          "create table trades (symbol text, trade_id bigint, price numeric(38,8), primary key (symbol, trade_id))");
      s.execute("insert into trades values ('BTCUSDT', 1, 65000.12), ('BTCUSDT', 2, 65000.13)");
      s.execute(
          "insert into trades values ('BTCUSDT', 2, 1) on conflict (symbol, trade_id) do nothing");
      try (ResultSet rs = s.executeQuery("select trade_id, price from trades order by trade_id")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBigDecimal("price")).isEqualByComparingTo("65000.12");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBigDecimal("price")).isEqualByComparingTo("65000.13");
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = s.executeQuery("show server_version")) {
        rs.next();
        assertThat(rs.getString(1)).startsWith("17.");
      }
    }
  }
}
