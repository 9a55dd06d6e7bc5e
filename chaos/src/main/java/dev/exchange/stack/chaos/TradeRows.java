package dev.exchange.stack.chaos;

import dev.exchange.lakehouse.LakehouseCatalog;
import dev.exchange.lakehouse.LakehouseTables;
import dev.exchange.model.avro.Trade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * One symbol's trades as each reader of the exchange holds them, in one comparable form: trade id →
 * {@code price@quantity} with plain decimals. The committed topic is the truth the others must
 * equal: the PostgreSQL hot tier, the Iceberg cold tier, a WebSocket subscriber's tape.
 */
final class TradeRows {

  private TradeRows() {}

  static Map<Long, String> of(Collection<Trade> trades) {
    Map<Long, String> rows = new TreeMap<>();
    for (Trade t : trades) {
      rows.put(
          t.getTradeId(),
          row(
              BigDecimal.valueOf(t.getPrice(), t.getPriceScale()),
              BigDecimal.valueOf(t.getQuantity(), t.getQuantityScale())));
    }
    return rows;
  }

  /** The rows of the symbol in the hot tier's {@code trades} table. */
  static Map<Long, String> postgres(String jdbcUrl, String user, String password, String symbol) {
    Map<Long, String> rows = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        PreparedStatement s =
            c.prepareStatement("select trade_id, price, quantity from trades where symbol = ?")) {
      s.setQueryTimeout(30);
      s.setString(1, symbol);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.put(r.getLong(1), row(r.getBigDecimal(2), r.getBigDecimal(3)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the hot tier: " + e.getMessage(), e);
    }
    return rows;
  }

  /** The rows of the symbol in the cold tier's {@code exchange.trades} Iceberg table. */
  static Map<Long, String> iceberg(Map<String, String> catalogProperties, String symbol) {
    Catalog catalog = LakehouseCatalog.load(catalogProperties);
    Map<Long, String> rows = new TreeMap<>();
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(catalog.loadTable(LakehouseTables.TRADES))
            .where(Expressions.equal("symbol", symbol))
            .build()) {
      for (Record r : records) {
        rows.put(
            (Long) r.getField("trade_id"),
            row((BigDecimal) r.getField("price"), (BigDecimal) r.getField("quantity")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      LakehouseCatalog.close(catalog);
    }
    return rows;
  }

  static String row(BigDecimal price, BigDecimal quantity) {
    return price.stripTrailingZeros().toPlainString()
        + "@"
        + quantity.stripTrailingZeros().toPlainString();
  }

  /** A WebSocket tape's {@code price@quantity} as sent, in the same form as {@link #row}. */
  static String normalized(String sent) {
    int at = sent.indexOf('@');
    try {
      return row(new BigDecimal(sent.substring(0, at)), new BigDecimal(sent.substring(at + 1)));
    } catch (RuntimeException e) {
      return sent;
    }
  }

  /**
   * How {@code held} differs from the committed {@code truth}: missing rows, rows the topic does
   * not have, rows with other content. {@code complete}: every committed row must be there (a
   * tier); otherwise only what is there must be committed (a tape that was disconnected a while).
   */
  static List<String> differences(
      String reader, Map<Long, String> truth, Map<Long, String> held, boolean complete) {
    List<String> found = new ArrayList<>();
    int missing = 0;
    for (Map.Entry<Long, String> e : truth.entrySet()) {
      if (!held.containsKey(e.getKey())) {
        missing++;
      } else if (!Objects.equals(e.getValue(), held.get(e.getKey()))) {
        found.add(
            reader
                + " has trade "
                + e.getKey()
                + " as "
                + held.get(e.getKey())
                + ", committed as "
                + e.getValue());
      }
    }
    if (complete && missing > 0) {
      found.add(reader + " lacks " + missing + " of " + truth.size() + " committed trades");
    }
    long extra = held.keySet().stream().filter(id -> !truth.containsKey(id)).count();
    if (extra > 0) {
      found.add(reader + " has " + extra + " trades that were never committed");
    }
    return found;
  }
}
