package dev.exchange.jobs.history;

import dev.exchange.lakehouse.CommittedKeys;
import dev.exchange.lakehouse.LakehouseCatalog;
import dev.exchange.lakehouse.LakehouseTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Compares a hot-tier day partition with the Iceberg table the lakehouse job writes the same rows
 * to: every (symbol, key) of the partition must be in the table's committed rows of that day
 * ({@link CommittedKeys}). The catalog is opened per check and closed after it: checks run once per
 * expired partition per maintenance interval, so holding a Glue or JDBC catalog open between them
 * is not worth it.
 */
public final class IcebergColdTierCheck implements ColdTierCheck {

  private static final long serialVersionUID = 1L;

  /** The hot-tier tables and their cold-tier twins. */
  static final Map<String, TableIdentifier> TWINS =
      Map.of("trades", LakehouseTables.TRADES, "order_events", LakehouseTables.ORDER_EVENTS);

  private final HashMap<String, String> catalogProperties;

  /**
   * @param catalogProperties the Iceberg catalog's ({@link LakehouseCatalog#load})
   */
  public IcebergColdTierCheck(Map<String, String> catalogProperties) {
    this.catalogProperties = new HashMap<>(catalogProperties);
  }

  @Override
  public long missing(Connection c, String table, LocalDate day, String partition)
      throws SQLException {
    TableIdentifier twin = TWINS.get(table);
    if (twin == null) {
      throw new IllegalArgumentException("no cold-tier table for the hot-tier table " + table);
    }
    String keyColumn = CommittedKeys.KEY_COLUMNS.get(twin);
    Catalog catalog = LakehouseCatalog.load(catalogProperties);
    CommittedKeys committed;
    try {
      committed = CommittedKeys.ofDay(catalog, twin, day);
    } finally {
      LakehouseCatalog.close(catalog);
    }
    long missing = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select symbol, " + keyColumn + " from " + partition)) {
      while (rs.next()) {
        if (!committed.contains(rs.getString(1), rs.getLong(2))) {
          missing++;
        }
      }
    }
    return missing;
  }
}
