package dev.exchange.lakehouse;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg tables of the cold tier, in namespace {@code exchange}: their schemas, partition
 * specs, sort orders and properties (docs/history.md, "Cold tier").
 *
 * <p>Columns mirror the PostgreSQL hot tier ({@code V1__history.sql}) so a reader can merge both
 * without mapping: money is {@code decimal(38,18)} (exact, from the fixed-point longs and their
 * scales), times are {@code timestamptz} (microseconds, UTC), {@code price_scale} and {@code
 * quantity_scale} are kept (as {@code int}: Iceberg has no smallint). Every table is partitioned by
 * {@code day(time)} and {@code symbol}, the way analysts and history-service filter, except {@code
 * ledger} (by {@code day(time)} only) and {@code candles_1h}, partitioned by {@code
 * month(open_time)} and {@code symbol} (a day holds only 24 of its rows: a year is about a dozen
 * files per symbol instead of 365); all are sorted by time within a file so that time-range reads
 * skip row groups.
 */
public final class LakehouseTables {

  public static final Namespace NAMESPACE = Namespace.of("exchange");

  public static final TableIdentifier TRADES = TableIdentifier.of(NAMESPACE, "trades");

  /** Closed 1-minute candles only; coarser intervals are aggregated from them by readers. */
  public static final TableIdentifier CANDLES_1M = TableIdentifier.of(NAMESPACE, "candles_1m");

  /**
   * Closed 1-hour candles, the same columns as {@link #CANDLES_1M}; each row equals the fold of the
   * 1m candles of its hour (both are the market-data job's closed candles of the same trades).
   */
  public static final TableIdentifier CANDLES_1H = TableIdentifier.of(NAMESPACE, "candles_1h");

  public static final TableIdentifier ORDER_EVENTS = TableIdentifier.of(NAMESPACE, "order_events");

  /**
   * The accounts' ledger entries ({@code exchange.balances}), one row per (account, sequence) as
   * the job stores it; the input is at-least-once, so analysts dedupe by (account, sequence).
   */
  public static final TableIdentifier LEDGER = TableIdentifier.of(NAMESPACE, "ledger");

  /** Precision and scale of every money column, as {@code numeric(38,18)} in PostgreSQL. */
  public static final int DECIMAL_PRECISION = 38;

  public static final int DECIMAL_SCALE = 18;

  private static final Type MONEY = Types.DecimalType.of(DECIMAL_PRECISION, DECIMAL_SCALE);
  private static final Type TIME = Types.TimestampType.withZone();

  public static final Schema TRADES_SCHEMA =
      new Schema(
          required(1, "symbol", Types.StringType.get()),
          required(2, "trade_id", Types.LongType.get(), "gapless per symbol"),
          required(3, "time", TIME, "match time"),
          required(4, "price", MONEY),
          required(5, "quantity", MONEY, "base quantity"),
          required(6, "quote_quantity", MONEY, "price * quantity"),
          required(7, "price_scale", Types.IntegerType.get()),
          required(8, "quantity_scale", Types.IntegerType.get()),
          required(9, "taker_side", Types.StringType.get(), "BUY or SELL"),
          required(10, "maker_order_id", Types.StringType.get()),
          required(11, "taker_order_id", Types.StringType.get()),
          required(12, "maker_account", Types.StringType.get()),
          required(13, "taker_account", Types.StringType.get()));

  public static final Schema CANDLES_1M_SCHEMA =
      candleSchema("start of the UTC minute", "open_time + 1 min - 1 ms, as Binance");

  /** The columns of {@code candles_1h}: those of {@code candles_1m}, for an hour. */
  public static final Schema CANDLES_1H_SCHEMA =
      candleSchema("start of the UTC hour", "open_time + 1 h - 1 ms, as Binance");

  /** The columns of a candle table; only the documentation of the two times differs. */
  private static Schema candleSchema(String openTimeDoc, String closeTimeDoc) {
    return new Schema(
        required(1, "symbol", Types.StringType.get()),
        required(2, "open_time", TIME, openTimeDoc),
        required(3, "close_time", TIME, closeTimeDoc),
        required(4, "open", MONEY),
        required(5, "high", MONEY),
        required(6, "low", MONEY),
        required(7, "close", MONEY),
        required(8, "volume", MONEY, "base volume"),
        required(9, "quote_volume", MONEY),
        required(10, "trade_count", Types.LongType.get()),
        required(11, "taker_buy_volume", MONEY),
        required(12, "taker_buy_quote_volume", MONEY),
        required(13, "first_trade_id", Types.LongType.get()),
        required(14, "last_trade_id", Types.LongType.get()),
        required(15, "price_scale", Types.IntegerType.get()),
        required(16, "quantity_scale", Types.IntegerType.get()));
  }

  public static final Schema ORDER_EVENTS_SCHEMA =
      new Schema(
          required(1, "symbol", Types.StringType.get()),
          required(2, "sequence", Types.LongType.get(), "gapless per symbol"),
          required(3, "time", TIME),
          required(4, "account", Types.StringType.get()),
          required(5, "order_id", Types.StringType.get()),
          required(6, "client_order_id", Types.StringType.get()),
          required(7, "side", Types.StringType.get()),
          required(8, "order_type", Types.StringType.get()),
          required(9, "time_in_force", Types.StringType.get()),
          required(10, "execution_type", Types.StringType.get()),
          required(11, "status", Types.StringType.get()),
          optional(12, "reject_reason", Types.StringType.get(), "RejectReason code name"),
          optional(13, "price", MONEY),
          optional(14, "quantity", MONEY),
          optional(15, "quote_quantity", MONEY),
          required(16, "executed_quantity", MONEY),
          required(17, "cumulative_quote", MONEY),
          required(18, "last_quantity", MONEY),
          required(19, "last_price", MONEY),
          required(20, "last_quote", MONEY),
          optional(21, "trade_id", Types.LongType.get()),
          required(22, "maker", Types.BooleanType.get()),
          required(23, "price_scale", Types.IntegerType.get()),
          required(24, "quantity_scale", Types.IntegerType.get()),
          required(25, "created_at", TIME));

  public static final Schema LEDGER_SCHEMA =
      new Schema(
          required(1, "account", Types.StringType.get()),
          required(2, "sequence", Types.LongType.get(), "gapless per account from 1"),
          required(3, "time", TIME, "time of the cause"),
          required(4, "kind", Types.StringType.get(), "LedgerEntryKind name"),
          required(5, "asset", Types.StringType.get()),
          required(6, "asset_scale", Types.IntegerType.get()),
          required(7, "free_delta", MONEY),
          required(8, "locked_delta", MONEY),
          required(9, "free", MONEY, "free after the entry"),
          required(10, "locked", MONEY, "locked after the entry"),
          optional(11, "symbol", Types.StringType.get()),
          optional(12, "order_id", Types.StringType.get()),
          optional(13, "trade_id", Types.LongType.get()),
          optional(14, "transfer_id", Types.StringType.get()),
          optional(15, "reject_reason", Types.StringType.get(), "set on a refused transfer"));

  /**
   * Table properties every table gets: format v2, zstd Parquet, and bounded metadata (a Flink sink
   * commits every checkpoint, so without these the metadata files would pile up).
   */
  public static final Map<String, String> PROPERTIES =
      Map.of(
          TableProperties.FORMAT_VERSION, "2",
          TableProperties.DEFAULT_FILE_FORMAT, "parquet",
          TableProperties.PARQUET_COMPRESSION, "zstd",
          TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
          TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "50");

  private LakehouseTables() {}

  /** One table of the cold tier with everything needed to create it. */
  public record Definition(
      TableIdentifier id, Schema schema, PartitionSpec spec, SortOrder sortOrder) {}

  public static final Definition TRADES_TABLE =
      definition(TRADES, TRADES_SCHEMA, "time", "trade_id");

  public static final Definition CANDLES_1M_TABLE =
      definition(CANDLES_1M, CANDLES_1M_SCHEMA, "open_time", null);

  public static final Definition CANDLES_1H_TABLE =
      new Definition(
          CANDLES_1H,
          CANDLES_1H_SCHEMA,
          PartitionSpec.builderFor(CANDLES_1H_SCHEMA).month("open_time").identity("symbol").build(),
          SortOrder.builderFor(CANDLES_1H_SCHEMA).asc("open_time").build());

  public static final Definition ORDER_EVENTS_TABLE =
      definition(ORDER_EVENTS, ORDER_EVENTS_SCHEMA, "time", "sequence");

  /**
   * Partitioned by {@code day(time)} only: an account identity partition would make a file per
   * account and day; sorted by (account, sequence) so that one account's reads skip row groups.
   */
  public static final Definition LEDGER_TABLE =
      new Definition(
          LEDGER,
          LEDGER_SCHEMA,
          PartitionSpec.builderFor(LEDGER_SCHEMA).day("time").build(),
          SortOrder.builderFor(LEDGER_SCHEMA).asc("account").asc("sequence").build());

  /** The tables, in a stable order. */
  public static final List<Definition> ALL =
      List.of(TRADES_TABLE, CANDLES_1M_TABLE, CANDLES_1H_TABLE, ORDER_EVENTS_TABLE, LEDGER_TABLE);

  /** The definition of a table of the cold tier. */
  public static Definition definition(TableIdentifier id) {
    for (Definition d : ALL) {
      if (d.id().equals(id)) {
        return d;
      }
    }
    throw new IllegalArgumentException("not a lakehouse table: " + id);
  }

  private static Definition definition(
      TableIdentifier id, Schema schema, String timeColumn, String tieBreaker) {
    PartitionSpec spec =
        PartitionSpec.builderFor(schema).day(timeColumn).identity("symbol").build();
    SortOrder.Builder order = SortOrder.builderFor(schema).asc(timeColumn);
    if (tieBreaker != null) {
      order.asc(tieBreaker);
    }
    return new Definition(id, schema, spec, order.build());
  }
}
