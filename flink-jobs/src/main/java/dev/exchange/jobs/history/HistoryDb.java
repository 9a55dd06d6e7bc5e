package dev.exchange.jobs.history;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where the hot tier lives: a PostgreSQL JDBC URL and credentials. Serializable because it travels
 * with the sink in the job graph.
 */
public record HistoryDb(String jdbcUrl, String user, String password) implements Serializable {

  /**
   * Opens a connection with the driver instance directly: {@code DriverManager} does not see
   * drivers loaded by Flink's user-code class loader. Batched inserts are rewritten to multi-row
   * statements (the writer removes duplicate keys within a batch first, see {@link HistoryWriter}).
   */
  public Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("reWriteBatchedInserts", "true");
    props.setProperty("ApplicationName", "exchange-history");
    props.setProperty("connectTimeout", "10");
    Connection c = new org.postgresql.Driver().connect(jdbcUrl, props);
    if (c == null) {
      throw new SQLException("not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    return c;
  }

  @Override
  public String toString() {
    return "HistoryDb[" + jdbcUrl + " as " + user + "]";
  }
}
