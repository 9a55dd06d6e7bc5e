package dev.exchange.history.tiers;

import dev.exchange.history.rows.Fill;
import dev.exchange.history.rows.Kline;
import dev.exchange.history.rows.TradeRow;
import dev.exchange.lakehouse.LakehouseCatalog;
import dev.exchange.lakehouse.LakehouseTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cold tier read with the Iceberg Java API (generic records). Every scan filters on {@code
 * symbol} and the time column, so Iceberg prunes to the partitions (day, symbol) of the range
 * before it opens a file, and Parquet row-group statistics skip the rest of a day.
 *
 * <p>Trade walks read day by day (ids follow time, so a day's trades all precede the next day's)
 * and stop once they have enough; the days to visit come from planning the scan, which touches
 * metadata only. Candle ranges are planned once and their files read in parallel. Table metadata is
 * refreshed at most every {@link #REFRESH_MILLIS}: the service only asks for days older than the
 * hot tier's start, which the lakehouse job no longer changes.
 */
public final class IcebergColdStore implements ColdStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IcebergColdStore.class);
  static final long REFRESH_MILLIS = 30_000;
  private static final long DAY = 86_400_000L;

  private static final String[] CANDLE_COLUMNS = {
    "open_time",
    "open",
    "high",
    "low",
    "close",
    "volume",
    "quote_volume",
    "trade_count",
    "taker_buy_volume",
    "taker_buy_quote_volume",
    "first_trade_id",
    "last_trade_id",
    "price_scale",
    "quantity_scale"
  };

  private static final String[] TRADE_COLUMNS = {
    "trade_id",
    "time",
    "price",
    "quantity",
    "quote_quantity",
    "taker_side",
    "taker_order_id",
    "price_scale",
    "quantity_scale"
  };

  private static final String[] FILL_COLUMNS = {
    "sequence",
    "trade_id",
    "last_price",
    "last_quantity",
    "last_quote",
    "time",
    "maker",
    "price_scale",
    "quantity_scale",
    "order_id",
    "execution_type"
  };

  private final Map<String, String> properties;
  private final ExecutorService readers;
  private Catalog catalog;
  private final Map<TableIdentifier, Loaded> tables =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Loaded(Table table, long loadedAt) {}

  /** Per symbol: the candles_1h snapshot id and the first open time found in it. */
  private final Map<String, long[]> hourlyStarts = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param properties the Iceberg catalog properties ({@code exchange.lakehouse.*})
   * @param readerThreads threads that read the files of a candle range in parallel
   */
  public IcebergColdStore(Map<String, String> properties, int readerThreads) {
    this.properties = withManifestCache(properties);
    this.readers =
        Executors.newFixedThreadPool(
            readerThreads,
            r -> {
              Thread t = new Thread(r, "cold-reader");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The catalog properties with Iceberg's in-memory manifest cache on unless set: manifests never
   * change once written, and every candle range plans its files from them.
   */
  static Map<String, String> withManifestCache(Map<String, String> properties) {
    Map<String, String> p = new java.util.LinkedHashMap<>(properties);
    p.putIfAbsent(CatalogProperties.IO_MANIFEST_CACHE_ENABLED, "true");
    return Map.copyOf(p);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  /** The catalog properties it connects with. */
  Map<String, String> properties() {
    return properties;
  }

  @Override
  public void warmUp() {
    long start = System.nanoTime();
    for (TableIdentifier id :
        List.of(
            LakehouseTables.CANDLES_1H,
            LakehouseTables.CANDLES_1M,
            LakehouseTables.TRADES,
            LakehouseTables.ORDER_EVENTS)) {
      table(id);
    }
    // One file of each candle table through the whole read path: S3 GET, Parquet, zstd, decimals.
    for (TableIdentifier id : List.of(LakehouseTables.CANDLES_1H, LakehouseTables.CANDLES_1M)) {
      Table table = table(id);
      if (table == null || table.currentSnapshot() == null) {
        continue;
      }
      Schema projection = table.schema().select(CANDLE_COLUMNS);
      try (CloseableIterable<FileScanTask> tasks =
          table.newScan().select(CANDLE_COLUMNS).planFiles()) {
        for (FileScanTask task : tasks) {
          readCandles(table, task, projection, Long.MIN_VALUE, Long.MAX_VALUE);
          break;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    LOG.info("cold tier warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public List<Kline> candles1m(String symbol, long from, long to) {
    return candles(LakehouseTables.CANDLES_1M, symbol, from, to);
  }

  @Override
  public List<Kline> candles1h(String symbol, long from, long to) {
    return candles(LakehouseTables.CANDLES_1H, symbol, from, to);
  }

  @Override
  public long hourlyStart(String symbol) {
    Table table = table(LakehouseTables.CANDLES_1H);
    if (table == null || table.currentSnapshot() == null) {
      return Long.MAX_VALUE;
    }
    long snapshot = table.currentSnapshot().snapshotId();
    long[] known = hourlyStarts.get(symbol);
    if (known != null && known[0] == snapshot) {
      return known[1];
    }
    long start = firstOpenTime(table, symbol);
    hourlyStarts.put(symbol, new long[] {snapshot, start});
    return start;
  }

  /**
   * The smallest {@code open_time} of a symbol, from the files' column lower bounds (metadata only;
   * Iceberg's writers keep them for timestamps); if a file lacks them, from reading {@code
   * open_time} of the symbol's rows.
   */
  private static long firstOpenTime(Table table, String symbol) {
    Expression filter = Expressions.equal("symbol", symbol);
    int field = table.schema().findField("open_time").fieldId();
    Type type = table.schema().findType("open_time");
    long first = Long.MAX_VALUE;
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().filter(filter).includeColumnStats().planFiles()) {
      for (FileScanTask task : tasks) {
        Map<Integer, ByteBuffer> lower = task.file().lowerBounds();
        ByteBuffer bound = lower == null ? null : lower.get(field);
        if (bound == null) {
          return read(table, filter, new String[] {"open_time"}, r -> millis(r, "open_time"))
              .stream()
              .min(Long::compare)
              .orElse(Long.MAX_VALUE);
        }
        Long micros = Conversions.fromByteBuffer(type, bound);
        first = Math.min(first, Math.floorDiv(micros, 1000L));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return first;
  }

  /** The rows of a candle table with open time in {@code [from, to)}, by open time. */
  private List<Kline> candles(TableIdentifier id, String symbol, long from, long to) {
    Table table = table(id);
    if (table == null || from >= to) {
      return List.of();
    }
    // One planning pass (metadata only: partition pruning on (day or month, symbol), then file
    // metrics), then every data file read on its own reader thread: a year of 1m candles is about
    // 365 files, of 1h candles about 12; on an S3 server the latency of opening them, not
    // decoding, dominates.
    Expression filter = range(symbol, "open_time", from, to);
    Schema projection = table.schema().select(CANDLE_COLUMNS);
    List<FileScanTask> tasks = new ArrayList<>();
    try (CloseableIterable<FileScanTask> planned =
        table.newScan().filter(filter).select(CANDLE_COLUMNS).planFiles()) {
      planned.forEach(tasks::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Kline> out = new ArrayList<>();
    if (tasks.stream()
        .anyMatch(t -> !t.deletes().isEmpty() || t.file().format() != FileFormat.PARQUET)) {
      // Not what the lakehouse job writes (append-only Parquet): let Iceberg's reader apply it.
      out.addAll(read(table, filter, CANDLE_COLUMNS, IcebergColdStore::kline));
      out.sort(Comparator.comparingLong(Kline::openTime));
      return out;
    }
    List<Future<List<Kline>>> parts = new ArrayList<>();
    for (FileScanTask task : tasks) {
      parts.add(readers.submit(() -> readCandles(table, task, projection, from, to)));
    }
    for (Future<List<Kline>> part : parts) {
      out.addAll(join(part));
    }
    out.sort(Comparator.comparingLong(Kline::openTime));
    return out;
  }

  /** The candles of one planned file with open time in {@code [from, to)}. */
  private static List<Kline> readCandles(
      Table table, FileScanTask task, Schema projection, long from, long to) throws IOException {
    List<Kline> out = new ArrayList<>();
    try (CloseableIterable<Record> rows =
        // With the length from the manifest: no HEAD request per file before the footer read.
        Parquet.read(table.io().newInputFile(task.file().location(), task.file().fileSizeInBytes()))
            .project(projection)
            .split(task.start(), task.length())
            .filter(task.residual())
            .createReaderFunc(file -> GenericParquetReaders.buildReader(projection, file))
            .build()) {
      for (Record r : rows) {
        Kline k = kline(r);
        if (k.openTime() >= from && k.openTime() < to) {
          out.add(k);
        }
      }
    }
    return out;
  }

  @Override
  public List<TradeRow> tradesAscending(String symbol, long from, long to, long fromId, int limit) {
    Table table = table(LakehouseTables.TRADES);
    if (table == null || from >= to) {
      return List.of();
    }
    Expression filter =
        Expressions.and(
            range(symbol, "time", from, to), Expressions.greaterThanOrEqual("trade_id", fromId));
    return tradesByDay(
        table, filter, days(table, filter), Comparator.comparingLong(TradeRow::tradeId), limit);
  }

  @Override
  public List<TradeRow> tradesDescending(String symbol, long to, long beforeId, int limit) {
    Table table = table(LakehouseTables.TRADES);
    if (table == null) {
      return List.of();
    }
    Expression filter =
        Expressions.and(
            Expressions.equal("symbol", symbol),
            Expressions.lessThan("time", micros(to)),
            Expressions.lessThan("trade_id", beforeId));
    return tradesByDay(
        table,
        filter,
        days(table, filter).descendingSet(),
        Comparator.comparingLong(TradeRow::tradeId).reversed(),
        limit);
  }

  /**
   * Up to {@code limit} trades matching {@code filter}, read one day partition at a time in the
   * order of {@code days} and sorted within each day by {@code order}, so that reading stops at the
   * day that fills the page.
   */
  private List<TradeRow> tradesByDay(
      Table table, Expression filter, Iterable<Long> days, Comparator<TradeRow> order, int limit) {
    List<TradeRow> out = new ArrayList<>();
    for (long day : days) {
      List<TradeRow> rows =
          read(
              table,
              Expressions.and(filter, window("time", day, day + DAY)),
              TRADE_COLUMNS,
              IcebergColdStore::trade);
      rows.sort(order);
      for (TradeRow t : rows) {
        if (out.size() == limit) {
          return out;
        }
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public List<Fill> fills(String symbol, String orderId, long from, long to) {
    Table table = table(LakehouseTables.ORDER_EVENTS);
    if (table == null || from >= to) {
      return List.of();
    }
    Expression filter =
        Expressions.and(
            range(symbol, "time", from, to),
            Expressions.equal("order_id", orderId),
            Expressions.equal("execution_type", "TRADE"));
    List<Fill> out = read(table, filter, FILL_COLUMNS, IcebergColdStore::fill);
    out.sort(Comparator.comparingLong(Fill::sequence));
    return out;
  }

  @Override
  public void close() {
    readers.shutdownNow();
    Catalog c;
    synchronized (this) {
      c = catalog;
      catalog = null;
    }
    if (c != null) {
      LakehouseCatalog.close(c);
    }
  }

  /** The table, refreshed at most every {@link #REFRESH_MILLIS}; null while it does not exist. */
  private Table table(TableIdentifier id) {
    long now = System.currentTimeMillis();
    Loaded loaded = tables.get(id);
    if (loaded != null && now - loaded.loadedAt() < REFRESH_MILLIS) {
      return loaded.table();
    }
    Catalog c = catalog();
    if (loaded != null) {
      loaded.table().refresh();
      tables.put(id, new Loaded(loaded.table(), now));
      return loaded.table();
    }
    if (!c.tableExists(id)) {
      LOG.warn("cold tier table {} does not exist yet; answering without it", id);
      return null;
    }
    Table table = c.loadTable(id);
    tables.put(id, new Loaded(table, now));
    return table;
  }

  private synchronized Catalog catalog() {
    if (catalog == null) {
      catalog = LakehouseCatalog.load(properties);
      LOG.info("cold tier catalog: {}", LakehouseCatalog.redacted(properties));
    }
    return catalog;
  }

  /** The UTC days (epoch ms of midnight) of the files a filtered scan would read, in order. */
  private static TreeSet<Long> days(Table table, Expression filter) {
    int dayField = -1;
    List<PartitionField> fields = table.spec().fields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).transform().toString().equals("day")) {
        dayField = i;
      }
    }
    TreeSet<Long> days = new TreeSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(filter).planFiles()) {
      for (FileScanTask task : tasks) {
        Integer day = task.file().partition().get(dayField, Integer.class);
        days.add(day * DAY);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return days;
  }

  private static <T> List<T> read(
      Table table, Expression filter, String[] columns, Function<Record, T> map) {
    List<T> out = new ArrayList<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).where(filter).select(columns).build()) {
      for (Record r : rows) {
        out.add(map.apply(r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Expression range(String symbol, String column, long from, long to) {
    return Expressions.and(Expressions.equal("symbol", symbol), window(column, from, to));
  }

  private static Expression window(String column, long from, long to) {
    return Expressions.and(
        Expressions.greaterThanOrEqual(column, micros(from)),
        Expressions.lessThan(column, micros(to)));
  }

  /** Timestamp literals are microseconds; clamped so that open ranges never overflow. */
  private static long micros(long millis) {
    long max = Long.MAX_VALUE / 1000;
    return Math.max(-max, Math.min(max, millis)) * 1000;
  }

  private static long millis(Record r, String column) {
    return ((OffsetDateTime) r.getField(column)).toInstant().toEpochMilli();
  }

  private static BigDecimal dec(Record r, String column) {
    return (BigDecimal) r.getField(column);
  }

  private static int integer(Record r, String column) {
    return ((Number) r.getField(column)).intValue();
  }

  private static long number(Record r, String column) {
    return ((Number) r.getField(column)).longValue();
  }

  private static Kline kline(Record r) {
    return new Kline(
        millis(r, "open_time"),
        dec(r, "open"),
        dec(r, "high"),
        dec(r, "low"),
        dec(r, "close"),
        dec(r, "volume"),
        dec(r, "quote_volume"),
        number(r, "trade_count"),
        dec(r, "taker_buy_volume"),
        dec(r, "taker_buy_quote_volume"),
        number(r, "first_trade_id"),
        number(r, "last_trade_id"),
        integer(r, "price_scale"),
        integer(r, "quantity_scale"));
  }

  private static TradeRow trade(Record r) {
    return new TradeRow(
        number(r, "trade_id"),
        millis(r, "time"),
        dec(r, "price"),
        dec(r, "quantity"),
        dec(r, "quote_quantity"),
        "BUY".equals(r.getField("taker_side")),
        (String) r.getField("taker_order_id"),
        integer(r, "price_scale"),
        integer(r, "quantity_scale"));
  }

  private static Fill fill(Record r) {
    return new Fill(
        number(r, "sequence"),
        number(r, "trade_id"),
        dec(r, "last_price"),
        dec(r, "last_quantity"),
        dec(r, "last_quote"),
        millis(r, "time"),
        (Boolean) r.getField("maker"),
        integer(r, "price_scale"),
        integer(r, "quantity_scale"));
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the cold tier", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
