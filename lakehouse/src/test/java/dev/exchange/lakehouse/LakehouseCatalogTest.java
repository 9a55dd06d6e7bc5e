package dev.exchange.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.lakehouse.testing.LakehouseFixture;
import dev.exchange.lakehouse.testing.SampleRecords;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServicesExtension.class)
class LakehouseCatalogTest {

  private static final long DAY_1 =
      LocalDate.of(2026, 3, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  private static final long DAY_2 = DAY_1 + 86_400_000L;

  @Test
  void tablesAreCreatedOnceWithDaySymbolPartitionsAndFormatV2(PostgresServer pg, S3Server s3) {
    try (LakehouseFixture lake = LakehouseFixture.create(pg, s3)) {
      Table before = lake.table(LakehouseTables.TRADES);
      Catalog second = LakehouseCatalog.load(lake.properties());
      try {
        LakehouseCatalog.createTablesIfMissing(second);
        LakehouseCatalog.createTablesIfMissing(second);

        assertThat(second.listTables(LakehouseTables.NAMESPACE))
            .containsExactlyInAnyOrder(
                LakehouseTables.TRADES,
                LakehouseTables.CANDLES_1M,
                LakehouseTables.CANDLES_1H,
                LakehouseTables.ORDER_EVENTS,
                LakehouseTables.LEDGER);
        Table trades = second.loadTable(LakehouseTables.TRADES);
        assertThat(trades.currentSnapshot()).isNull();
        assertThat(trades.location()).isEqualTo(before.location());
        assertThat(TableUtil.formatVersion(trades)).isEqualTo(2);
        assertThat(trades.properties()).containsEntry("write.parquet.compression-codec", "zstd");
        assertThat(trades.schema().sameSchema(LakehouseTables.TRADES_SCHEMA)).isTrue();
        assertThat(trades.sortOrder().fields())
            .extracting(f -> trades.schema().findColumnName(f.sourceId()), f -> f.direction())
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("time", SortDirection.ASC),
                org.assertj.core.groups.Tuple.tuple("trade_id", SortDirection.ASC));
        assertThat(trades.sortOrder().fields().get(0).nullOrder()).isEqualTo(NullOrder.NULLS_FIRST);
        for (LakehouseTables.Definition d : LakehouseTables.ALL) {
          Table t = second.loadTable(d.id());
          assertThat(TableUtil.formatVersion(t)).isEqualTo(2);
          if (d.id().equals(LakehouseTables.CANDLES_1H)) {
            assertThat(t.spec().fields())
                .extracting(PartitionField::name, f -> f.transform().toString())
                .containsExactly(
                    org.assertj.core.groups.Tuple.tuple("open_time_month", "month"),
                    org.assertj.core.groups.Tuple.tuple("symbol", "identity"));
            continue;
          }
          if (d.id().equals(LakehouseTables.LEDGER)) {
            assertThat(t.spec().fields())
                .extracting(PartitionField::name, f -> f.transform().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("time_day", "day"));
            continue;
          }
          assertThat(t.spec().fields())
              .extracting(PartitionField::name, f -> f.transform().toString())
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple(
                      d.id().equals(LakehouseTables.CANDLES_1M) ? "open_time_day" : "time_day",
                      "day"),
                  org.assertj.core.groups.Tuple.tuple("symbol", "identity"));
        }
      } finally {
        LakehouseCatalog.close(second);
      }
    }
  }

  @Test
  void rowsOfEveryTableRoundTripExactly(PostgresServer pg, S3Server s3) {
    Trade trade = SampleRecords.trade("BTCUSDT", 42, DAY_1 + 1_234, 6_512_345, 12_345_678);
    trade.setPriceScale(8);
    trade.setQuantityScale(10);
    trade.setPrice(Long.MAX_VALUE);
    trade.setQuoteQuantity(Long.MIN_VALUE);
    Candle candle = SampleRecords.closedMinute("ETHUSDT", DAY_1 + 60_000, 310_055, 3, 9);
    Candle hour = SampleRecords.closedHour("ETHUSDT", DAY_1 + 3_600_000, 310_055, 3, 9);
    OrderEvent event = SampleRecords.fill("BTCUSDT", 5, DAY_1 + 999, "o-5", 100, 7);
    event.setRejectReason("PRICE_FILTER");
    BalanceEvent entry =
        new BalanceEvent(
            "alice",
            7L,
            DAY_1 + 5,
            LedgerEntryKind.FEE,
            "BTC",
            18,
            -1L,
            0L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            "BTCUSDT",
            "o-5",
            9L,
            null,
            null);

    try (LakehouseFixture lake = LakehouseFixture.create(pg, s3)) {
      lake.append(LakehouseTables.TRADES, List.of(LakehouseRows.trade(trade)));
      lake.append(LakehouseTables.CANDLES_1M, List.of(LakehouseRows.candle1m(candle)));
      lake.append(LakehouseTables.CANDLES_1H, List.of(LakehouseRows.candle1h(hour)));
      lake.append(LakehouseTables.ORDER_EVENTS, List.of(LakehouseRows.orderEvent(event)));
      lake.append(LakehouseTables.LEDGER, List.of(LakehouseRows.ledgerEntry(entry)));

      assertRoundTrip(lake, LakehouseTables.TRADES, LakehouseRows.trade(trade));
      assertRoundTrip(lake, LakehouseTables.CANDLES_1M, LakehouseRows.candle1m(candle));
      assertRoundTrip(lake, LakehouseTables.CANDLES_1H, LakehouseRows.candle1h(hour));
      assertRoundTrip(lake, LakehouseTables.ORDER_EVENTS, LakehouseRows.orderEvent(event));
      assertRoundTrip(lake, LakehouseTables.LEDGER, LakehouseRows.ledgerEntry(entry));
      Record ledger = lake.readAll(LakehouseTables.LEDGER).get(0);
      assertThat(((java.math.BigDecimal) ledger.getField("free_delta")).toPlainString())
          .isEqualTo("-0.000000000000000001");
      assertThat(ledger.getField("free").toString()).isEqualTo("9.223372036854775807");
      assertThat(ledger.getField("transfer_id")).isNull();
      Record read = lake.readAll(LakehouseTables.TRADES).get(0);
      assertThat(read.getField("price").toString()).isEqualTo("92233720368.547758070000000000");
      assertThat(read.getField("quote_quantity").toString()).isEqualTo("-9.223372036854775808");
    }
  }

  private static void assertRoundTrip(
      LakehouseFixture lake, org.apache.iceberg.catalog.TableIdentifier id, Record expected) {
    List<Record> rows = lake.readAll(id);
    assertThat(rows).hasSize(1);
    Record actual = rows.get(0);
    for (Types.NestedField f : expected.struct().fields()) {
      assertThat(actual.getField(f.name()))
          .as(id + "." + f.name())
          .isEqualTo(expected.getField(f.name()));
    }
  }

  @Test
  void dataFilesArePartitionedByDayAndSymbol(PostgresServer pg, S3Server s3) throws IOException {
    List<Record> rows = new ArrayList<>();
    long id = 1;
    for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
      for (long day : List.of(DAY_1, DAY_2)) {
        for (int i = 0; i < 3; i++) {
          rows.add(LakehouseRows.trade(SampleRecords.trade(symbol, id++, day + i * 1_000, 100, 1)));
        }
      }
    }
    try (LakehouseFixture lake = LakehouseFixture.create(pg, s3)) {
      lake.append(LakehouseTables.TRADES, rows);

      Map<String, Long> rowsPerPartition = new HashMap<>();
      Set<String> locations = new HashSet<>();
      Table table = lake.table(LakehouseTables.TRADES);
      try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
        for (FileScanTask task : tasks) {
          int day = task.file().partition().get(0, Integer.class);
          String symbol = task.file().partition().get(1, String.class);
          rowsPerPartition.merge(
              LocalDate.ofEpochDay(day) + "/" + symbol, task.file().recordCount(), Long::sum);
          locations.add(task.file().location());
        }
      }
      assertThat(rowsPerPartition)
          .containsOnly(
              Map.entry("2026-03-01/BTCUSDT", 3L),
              Map.entry("2026-03-02/BTCUSDT", 3L),
              Map.entry("2026-03-01/ETHUSDT", 3L),
              Map.entry("2026-03-02/ETHUSDT", 3L));
      assertThat(locations)
          .allSatisfy(l -> assertThat(l).startsWith(table.location() + "/data/time_day=2026-03-0"));
      assertThat(
              table
                  .newScan()
                  .filter(org.apache.iceberg.expressions.Expressions.equal("symbol", "ETHUSDT"))
                  .planFiles())
          .hasSize(2);
    }
  }

  @Test
  void missingPropertiesAreNamedAndSecretsAreNotShown() {
    assertThatThrownBy(
            () -> LakehouseCatalog.load(Map.of("jdbc.password", "hunter2", "uri", "jdbc:x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "lakehouse catalog properties lack catalog-impl, warehouse; given:"
                + " {jdbc.password=<redacted>, uri=jdbc:x}");
  }

  @Test
  void settingsAndSecretsComeFromTheEnvironmentUnlessGiven() {
    Map<String, String> p =
        LakehouseCatalog.withEnvironment(
            Map.of("jdbc.password", "given"),
            Map.of(
                    "EXCHANGE_LAKEHOUSE_CATALOG_IMPL", "org.apache.iceberg.aws.glue.GlueCatalog",
                    "EXCHANGE_LAKEHOUSE_WAREHOUSE", "s3://lake/warehouse",
                    "EXCHANGE_LAKEHOUSE_JDBC_PASSWORD", "from-env",
                    "EXCHANGE_LAKEHOUSE_S3_SECRET_ACCESS_KEY", "s3-secret")
                ::get);
    assertThat(p)
        .containsEntry("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog")
        .containsEntry("warehouse", "s3://lake/warehouse")
        .doesNotContainKey("io-impl")
        .containsEntry("jdbc.password", "given")
        .containsEntry("s3.secret-access-key", "s3-secret")
        .doesNotContainKey("s3.session-token");
  }

  @Test
  void anExistingTableOfAnotherShapeIsReportedAndLeftAlone(PostgresServer pg, S3Server s3) {
    try (LakehouseFixture lake = LakehouseFixture.create(pg, s3)) {
      lake.table(LakehouseTables.CANDLES_1M).updateSchema().deleteColumn("trade_count").commit();

      assertThatThrownBy(() -> LakehouseCatalog.createTablesIfMissing(lake.catalog()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "table exchange.candles_1m exists but does not match the cold tier: [missing column"
                  + " trade_count]");
      assertThat(lake.table(LakehouseTables.CANDLES_1M).schema().findField("trade_count")).isNull();
    }
  }
}
