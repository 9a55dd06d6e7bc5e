package dev.exchange.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The keys (symbol, id) that the committed snapshot of a cold-tier table holds for one UTC day of
 * {@code time}: what the history job compares a hot-tier day partition with before dropping it
 * (docs/history.md, "Retention"). Only committed data is visible to a scan, so a key here survives
 * the loss of the hot tier.
 *
 * <p>Memory: one {@code long} per row of the day, sorted per symbol.
 */
public final class CommittedKeys {

  /** The key column beside {@code symbol} of the tables partitioned by day in both tiers. */
  public static final Map<TableIdentifier, String> KEY_COLUMNS =
      Map.of(LakehouseTables.TRADES, "trade_id", LakehouseTables.ORDER_EVENTS, "sequence");

  private final Map<String, long[]> bySymbol;
  private final long count;

  private CommittedKeys(Map<String, long[]> bySymbol, long count) {
    this.bySymbol = bySymbol;
    this.count = count;
  }

  /**
   * Reads the keys of {@code day} from the table's current snapshot; a table not created yet (the
   * lakehouse job has not started) holds none.
   *
   * @throws IllegalArgumentException if the table is not one of {@link #KEY_COLUMNS}
   */
  public static CommittedKeys ofDay(Catalog catalog, TableIdentifier id, LocalDate day) {
    String keyColumn = KEY_COLUMNS.get(id);
    if (keyColumn == null) {
      throw new IllegalArgumentException(
          "not a cold-tier table keyed by (symbol, id): "
              + id
              + "; expected one of "
              + KEY_COLUMNS.keySet());
    }
    if (!catalog.tableExists(id)) {
      return new CommittedKeys(Map.of(), 0);
    }
    Table table = catalog.loadTable(id);
    long from = micros(day);
    long to = micros(day.plusDays(1));
    Map<String, LongList> keys = new HashMap<>();
    long count = 0;
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table)
            .select("symbol", keyColumn, "time")
            .where(
                Expressions.and(
                    Expressions.greaterThanOrEqual("time", from), Expressions.lessThan("time", to)))
            .build()) {
      for (Record r : rows) {
        keys.computeIfAbsent((String) r.getField("symbol"), s -> new LongList())
            .add((Long) r.getField(keyColumn));
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the keys of " + id + " on " + day, e);
    }
    Map<String, long[]> sorted = new HashMap<>();
    keys.forEach((symbol, list) -> sorted.put(symbol, list.sorted()));
    return new CommittedKeys(sorted, count);
  }

  /** Whether the day holds the row {@code (symbol, key)}. */
  public boolean contains(String symbol, long key) {
    long[] ids = bySymbol.get(symbol);
    return ids != null && Arrays.binarySearch(ids, key) >= 0;
  }

  /** The rows of the day (a key committed twice counts twice). */
  public long count() {
    return count;
  }

  private static long micros(LocalDate day) {
    return TimeUnit.SECONDS.toMicros(day.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
  }

  /** A growable array of primitive longs: a day of keys without a boxed object per row. */
  private static final class LongList {
    private long[] values = new long[64];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    long[] sorted() {
      long[] out = Arrays.copyOf(values, size);
      Arrays.sort(out);
      return out;
    }
  }
}
