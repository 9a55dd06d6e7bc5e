package dev.exchange.localservices;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A real PostgreSQL 17 server from zonky's embedded binaries (it wraps them in {@code unshare -U}
 * so they run as root too). Binaries unpack under {@code dir/bin}, data lives in {@code dir/data},
 * server output goes to {@code dir/postgres.log}.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String USER = "postgres";

  private final Path dir;
  private final int port;
  private volatile EmbeddedPostgres postgres;

  private PostgresServer(EmbeddedPostgres postgres, Path dir) {
    this.postgres = postgres;
    this.dir = dir;
    this.port = postgres.getPort();
  }

  /** Starts on a free port with a fresh data directory. */
  public static PostgresServer start(Path dir) {
    return start(dir, Resources.freePort(), true);
  }

  /** Starts on a fixed port; {@code clean=false} keeps the data of an earlier run. */
  public static PostgresServer start(Path dir, int port, boolean clean) {
    return new PostgresServer(launch(dir, port, clean), dir);
  }

  private static EmbeddedPostgres launch(Path dir, int port, boolean clean) {
    try {
      Files.createDirectories(dir.resolve("bin"));
      Path log = dir.resolve("postgres.log");
      return EmbeddedPostgres.builder()
          .setOverrideWorkingDirectory(dir.resolve("bin").toFile())
          .setDataDirectory(dir.resolve("data"))
          .setCleanDataDirectory(clean)
          .setPort(port)
          .setServerConfig("max_connections", "200")
          .setServerConfig("max_prepared_transactions", "50")
          .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "PostgreSQL did not start; see " + dir.resolve("postgres.log"), e);
    }
  }

  /**
   * Starts a crashed server again on the same port and data (PostgreSQL recovers from its WAL).
   * Fails while backends of the old postmaster still hold its shared memory; try again later.
   */
  public synchronized void restart() {
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      // The old postmaster is gone; only its lock on the data folder had to be released.
    }
    postgres = launch(dir, port, false);
  }

  /** Why the server is not running (its postmaster is gone), or empty while it runs. */
  public Optional<String> downReason() {
    Path pidFile = dir.resolve("data/postmaster.pid");
    return postmaster(dir.resolve("data")).isPresent()
        ? Optional.empty()
        : Optional.of("the postmaster of " + pidFile + " is gone");
  }

  /** The live postmaster serving {@code dataDir}, as its {@code postmaster.pid} names it. */
  public static Optional<ProcessHandle> postmaster(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  p.info()
                      .commandLine()
                      .filter(cmd -> cmd.contains(dataDir.toString()))
                      .isPresent());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pidFile, e);
    }
  }

  public int port() {
    return port;
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
  public synchronized void close() {
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
