package dev.exchange.lakehouse.testing;

import dev.exchange.lakehouse.LakehouseCatalog;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * The cold tier in a test: a JDBC catalog in its own database of the shared PostgreSQL server, data
 * in its own bucket of the shared S3 server, the three tables created. Tests of other modules (for
 * example history-service) seed it with {@link #append} and point their code at {@link
 * #properties()}.
 *
 * <pre>{@code
 * @ExtendWith(LocalServicesExtension.class)
 * class ColdReadsTest {
 *   @Test void reads(PostgresServer pg, S3Server s3) {
 *     try (LakehouseFixture lake = LakehouseFixture.create(pg, s3)) {
 *       lake.append(LakehouseTables.TRADES, List.of(LakehouseRows.trade(trade)));
 *       ... new ColdStore(lake.properties()) ...
 *     }
 *   }
 * }
 * }</pre>
 *
 * A module using it needs {@code lakehouse} (test-jar, test scope) and {@code local-services} (test
 * scope).
 */
public final class LakehouseFixture implements AutoCloseable {

  private final Map<String, String> properties;
  private final Catalog catalog;

  private LakehouseFixture(Map<String, String> properties, Catalog catalog) {
    this.properties = properties;
    this.catalog = catalog;
  }

  /** A fresh, isolated cold tier (new database and bucket) with the three tables. */
  public static LakehouseFixture create(PostgresServer postgres, S3Server s3) {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return create(postgres, s3, "lake_" + id, "lake-" + id);
  }

  /** A cold tier in the given database and bucket (created if missing) with the three tables. */
  public static LakehouseFixture create(
      PostgresServer postgres, S3Server s3, String database, String bucket) {
    postgres.createDatabase(database);
    s3.createBucket(bucket);
    Map<String, String> properties =
        LakehouseCatalog.localProperties(
            postgres.jdbcUrl(database),
            postgres.user(),
            postgres.password(),
            bucket,
            s3.endpoint(),
            s3.accessKey(),
            s3.secretKey());
    Catalog catalog = LakehouseCatalog.load(properties);
    LakehouseCatalog.createTablesIfMissing(catalog);
    return new LakehouseFixture(properties, catalog);
  }

  /** The catalog properties of this cold tier (a copy). */
  public Map<String, String> properties() {
    return new LinkedHashMap<>(properties);
  }

  public Catalog catalog() {
    return catalog;
  }

  public Table table(TableIdentifier id) {
    return catalog.loadTable(id);
  }

  /**
   * Appends rows (from {@code LakehouseRows}) to a table in one commit: one Parquet data file per
   * partition (day, symbol), written with Iceberg's generic writer.
   */
  public void append(TableIdentifier id, List<Record> rows) {
    Table table = catalog.loadTable(id);
    Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    for (Record row : rows) {
      PartitionKey key = new PartitionKey(table.spec(), table.schema());
      key.partition(wrapper.wrap(row));
      byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 1, System.nanoTime())
            .format(FileFormat.PARQUET)
            .build();
    AppendFiles append = table.newAppend();
    byPartition.forEach(
        (key, partitionRows) -> {
          EncryptedOutputFile file = files.newOutputFile(table.spec(), key);
          DataWriter<Record> writer;
          try {
            writer =
                Parquet.writeData(file.encryptingOutputFile())
                    .forTable(table)
                    .createWriterFunc(GenericParquetWriter::create)
                    .withSpec(table.spec())
                    .withPartition(key)
                    .build();
            try (writer) {
              partitionRows.forEach(writer::write);
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          DataFile dataFile = writer.toDataFile();
          append.appendFile(dataFile);
        });
    append.commit();
  }

  /** Every row of a table, read back with Iceberg's generic reader. */
  public List<Record> readAll(TableIdentifier id) {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(catalog.loadTable(id)).build()) {
      it.forEach(r -> rows.add(r.copy()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  @Override
  public void close() {
    LakehouseCatalog.close(catalog);
  }
}
