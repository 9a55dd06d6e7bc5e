package dev.exchange.localservices;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real PostgreSQL 17 server from zonky's embedded binaries (it wraps them in {@code unshare -U}
 * so they run as root too). Binaries unpack under {@code dir/bin}, data lives in {@code dir/data},
 * server output goes to {@code dir/postgres.log}.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dir;

  private PostgresServer(EmbeddedPostgres postgres, Path dir) {
    this.postgres = postgres;
    this.dir = dir;
  }

  /** Starts on a free port with a fresh data directory. */
  public static PostgresServer start(Path dir) {
    return start(dir, Resources.freePort(), true);
  }

  /** Starts on a fixed port; {@code clean=false} keeps the data of an earlier run. */
  public static PostgresServer start(Path dir, int port, boolean clean) {
    try {
      Files.createDirectories(dir.resolve("bin"));
      Path log = dir.resolve("postgres.log");
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(dir.resolve("bin").toFile())
              .setDataDirectory(dir.resolve("data"))
              .setCleanDataDirectory(clean)
              .setPort(port)
              .setServerConfig("max_connections", "200")
              .setServerConfig("max_prepared_transactions", "50")
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new PostgresServer(pg, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "PostgreSQL did not start; see " + dir.resolve("postgres.log"), e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  public String user() {
    return USER;
  }

  /** The embedded server trusts local connections; the password is not checked. */
  public String password() {
    return USER;
  }

  public DataSource dataSource(String database) {
    return postgres.getDatabase(USER, database);
  }

  /** Creates a database if it does not exist yet. */
  public void createDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("database name must be lower-case identifier: " + name);
    }
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'");
      if (!rs.next()) {
        s.execute("create database " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
  }

  public Path directory() {
    return dir;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "PostgresServer[" + jdbcUrl("postgres") + ", " + dir + "]";
  }
}
