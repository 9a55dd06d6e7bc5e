package dev.exchange.lakehouse;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg catalog of the cold tier, built from plain properties so that the same settings work
 * for the Flink job ({@code --lakehouse.<property>=value}), history-service and analysts' engines.
 *
 * <p>Locally: a JDBC catalog in PostgreSQL with data on the S3-compatible server ({@link
 * #localProperties}). In AWS: the Glue catalog, so that Athena sees the tables:
 *
 * <pre>
 * catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog
 * warehouse=s3://&lt;bucket&gt;/warehouse
 * io-impl=org.apache.iceberg.aws.s3.S3FileIO
 * client.region=&lt;region&gt;
 * </pre>
 *
 * (credentials from the default AWS provider chain: the task role). Secrets may come from
 * environment variables instead of arguments, see {@link #withEnvironment}.
 */
public final class LakehouseCatalog {

  /** The catalog's name; for the JDBC catalog also the {@code catalog_name} of its rows. */
  public static final String NAME = "exchange";

  /** Properties that are secrets, and the environment variables they can come from. */
  public static final Map<String, String> SECRET_ENVIRONMENT =
      Map.of(
          "jdbc.password", "EXCHANGE_LAKEHOUSE_JDBC_PASSWORD",
          "s3.access-key-id", "EXCHANGE_LAKEHOUSE_S3_ACCESS_KEY_ID",
          "s3.secret-access-key", "EXCHANGE_LAKEHOUSE_S3_SECRET_ACCESS_KEY",
          "s3.session-token", "EXCHANGE_LAKEHOUSE_S3_SESSION_TOKEN");

  /** The properties {@link #load} cannot do without. */
  public static final List<String> REQUIRED =
      List.of(CatalogProperties.CATALOG_IMPL, CatalogProperties.WAREHOUSE_LOCATION);

  /**
   * Every property a deployment may give as an environment variable, and the variable: the
   * catalog's class, file IO and warehouse (what the AWS deployment sets: Glue, S3FileIO and the
   * warehouse bucket), then the {@link #SECRET_ENVIRONMENT secrets}. The lakehouse job and
   * history-service read the same names (docs/architecture.md, "Configuration").
   */
  public static final Map<String, String> ENVIRONMENT = environment();

  private static Map<String, String> environment() {
    Map<String, String> e = new LinkedHashMap<>();
    e.put(CatalogProperties.CATALOG_IMPL, "EXCHANGE_LAKEHOUSE_CATALOG_IMPL");
    e.put(CatalogProperties.WAREHOUSE_LOCATION, "EXCHANGE_LAKEHOUSE_WAREHOUSE");
    e.put(CatalogProperties.FILE_IO_IMPL, "EXCHANGE_LAKEHOUSE_IO_IMPL");
    e.putAll(new TreeMap<>(SECRET_ENVIRONMENT));
    return Collections.unmodifiableMap(e);
  }

  private LakehouseCatalog() {}

  /**
   * Builds and initializes the catalog.
   *
   * @throws IllegalArgumentException if {@code catalog-impl} (or {@code type}) or {@code warehouse}
   *     is missing; nothing is connected then
   */
  public static Catalog load(Map<String, String> properties) {
    List<String> missing = new ArrayList<>();
    if (!properties.containsKey(CatalogProperties.CATALOG_IMPL)
        && !properties.containsKey(CatalogUtil.ICEBERG_CATALOG_TYPE)) {
      missing.add(CatalogProperties.CATALOG_IMPL);
    }
    if (isBlank(properties.get(CatalogProperties.WAREHOUSE_LOCATION))) {
      missing.add(CatalogProperties.WAREHOUSE_LOCATION);
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "lakehouse catalog properties lack "
              + String.join(", ", missing)
              + "; given: "
              + redacted(properties));
    }
    return CatalogUtil.buildIcebergCatalog(NAME, properties, null);
  }

  /** Closes a catalog if it holds resources (the JDBC and Glue catalogs do). */
  public static void close(Catalog catalog) {
    if (catalog instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Creates the namespace and the three tables where missing; existing tables are left as they are,
   * so this is safe to run at every start and concurrently (a table created meanwhile by another
   * process counts as existing).
   *
   * @throws IllegalStateException if an existing table lacks a column of ours or has it with
   *     another type (it was made by something else; nothing is changed then)
   */
  public static void createTablesIfMissing(Catalog catalog) {
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(LakehouseTables.NAMESPACE)) {
      try {
        namespaces.createNamespace(LakehouseTables.NAMESPACE);
      } catch (AlreadyExistsException createdMeanwhile) {
        // Another process created it between the check and here: that is what we wanted.
      }
    }
    for (LakehouseTables.Definition d : LakehouseTables.ALL) {
      if (catalog.tableExists(d.id())) {
        checkColumns(d, catalog.loadTable(d.id()));
        continue;
      }
      try {
        catalog
            .buildTable(d.id(), d.schema())
            .withPartitionSpec(d.spec())
            .withSortOrder(d.sortOrder())
            .withProperties(LakehouseTables.PROPERTIES)
            .create();
      } catch (AlreadyExistsException createdMeanwhile) {
        checkColumns(d, catalog.loadTable(d.id()));
      }
    }
  }

  private static void checkColumns(LakehouseTables.Definition d, Table table) {
    Schema actual = table.schema();
    List<String> problems = new ArrayList<>();
    for (Types.NestedField expected : d.schema().columns()) {
      Types.NestedField found = actual.findField(expected.name());
      if (found == null) {
        problems.add("missing column " + expected.name());
      } else if (!found.type().equals(expected.type())) {
        problems.add(expected.name() + " is " + found.type() + ", expected " + expected.type());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "table " + d.id() + " exists but does not match the cold tier: " + problems);
    }
  }

  /**
   * The properties of the local setup: JDBC catalog in PostgreSQL, data on an S3-compatible server
   * with path-style access (docs/local-services.md, "Iceberg catalog").
   */
  public static Map<String, String> localProperties(
      String jdbcUrl,
      String jdbcUser,
      String jdbcPassword,
      String bucket,
      String s3Endpoint,
      String s3AccessKey,
      String s3SecretKey) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(CatalogProperties.CATALOG_IMPL, "org.apache.iceberg.jdbc.JdbcCatalog");
    p.put(CatalogProperties.URI, jdbcUrl);
    p.put("jdbc.user", jdbcUser);
    p.put("jdbc.password", jdbcPassword);
    p.put("jdbc.schema-version", "V1");
    p.put(CatalogProperties.WAREHOUSE_LOCATION, "s3://" + bucket + "/");
    p.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
    p.put("s3.endpoint", s3Endpoint);
    p.put("s3.path-style-access", "true");
    p.put("s3.access-key-id", s3AccessKey);
    p.put("s3.secret-access-key", s3SecretKey);
    p.put("client.region", "us-east-1");
    return p;
  }

  /**
   * The properties with those that are not given filled in from the environment ({@link
   * #ENVIRONMENT}, {@code environment} looking a variable up); a property that is given wins.
   */
  public static Map<String, String> withEnvironment(
      Map<String, String> properties, Function<String, String> environment) {
    Map<String, String> p = new LinkedHashMap<>(properties);
    ENVIRONMENT.forEach(
        (property, variable) -> {
          String value = environment.apply(variable);
          if (!p.containsKey(property) && value != null && !value.isEmpty()) {
            p.put(property, value);
          }
        });
    return p;
  }

  /** The properties with secret values replaced, for logs and error messages. */
  public static Map<String, String> redacted(Map<String, String> properties) {
    Map<String, String> r = new TreeMap<>();
    properties.forEach(
        (k, v) ->
            r.put(
                k, SECRET_ENVIRONMENT.containsKey(k.toLowerCase(Locale.ROOT)) ? "<redacted>" : v));
    return r;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
