package dev.exchange.jobs.history;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Day partitions (UTC) of the partitioned hot-tier tables: created ahead of time and on demand for
 * any day a record needs, dropped once older than the hot retention and only when the cold tier
 * holds all of their rows ({@link ColdTierCheck}); an expired partition the cold tier lacks rows of
 * is kept and checked again at the next maintenance. The current day (by the injected clock) and
 * later days are never dropped, whatever the retention.
 *
 * <p>Every DDL statement runs in its own transaction under one advisory lock, so that writers of
 * several subtasks creating the same partition, and retention, do not race.
 */
public final class Partitions implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Logger LOG = LoggerFactory.getLogger(Partitions.class);

  /** The tables partitioned by day on their {@code time} column. */
  public static final List<String> TABLES = List.of("trades", "order_events");

  /** How many days after today get a partition ahead of time. */
  public static final int DAYS_AHEAD = 3;

  public static final int DEFAULT_RETENTION_DAYS = 30;

  private static final long LOCK_KEY = 0x68697374L; // "hist"
  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

  private final Clock clock;
  private final int retentionDays;
  private final ColdTierCheck coldTier;

  /**
   * @param retentionDays full days kept before today; partitions of earlier days are dropped
   * @param coldTier asked before each drop; {@link ColdTierCheck#NONE} where there is no cold tier
   */
  public Partitions(Clock clock, int retentionDays, ColdTierCheck coldTier) {
    if (retentionDays < 0) {
      throw new IllegalArgumentException("retention must not be negative: " + retentionDays);
    }
    this.clock = clock;
    this.retentionDays = retentionDays;
    this.coldTier = coldTier;
  }

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  public int retentionDays() {
    return retentionDays;
  }

  /** The UTC day of an epoch-millisecond time. */
  public static LocalDate day(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  /** The partition table's name, e.g. {@code trades_p20261121}. */
  public static String name(String table, LocalDate day) {
    return table + "_p" + SUFFIX.format(day);
  }

  /** Whether a partition of {@code day} is past the retention; never today or later. */
  public static boolean expired(LocalDate day, LocalDate today, int retentionDays) {
    return day.isBefore(today) && day.isBefore(today.minusDays(retentionDays));
  }

  /** Creates the partitions of today and {@link #DAYS_AHEAD} days after it, for every table. */
  public void createAhead(Connection c) throws SQLException {
    LocalDate today = today();
    for (String table : TABLES) {
      for (int i = 0; i <= DAYS_AHEAD; i++) {
        ensure(c, table, today.plusDays(i));
      }
    }
  }

  /**
   * Creates the partition of {@code day} if it is missing. A day past the retention gets one too (a
   * replay of old records loses nothing); the next {@link #dropExpired} removes it again.
   */
  public void ensure(Connection c, String table, LocalDate day) throws SQLException {
    checkTable(table);
    String sql =
        "create table if not exists "
            + name(table, day)
            + " partition of "
            + table
            + " for values from ('"
            + day
            + " 00:00:00+00') to ('"
            + day.plusDays(1)
            + " 00:00:00+00')";
    inLockedTransaction(c, sql);
  }

  /** The days that have a partition of {@code table}, in order. */
  public List<LocalDate> existing(Connection c, String table) throws SQLException {
    checkTable(table);
    TreeMap<LocalDate, String> days = partitionsOf(c, table);
    return new ArrayList<>(days.keySet());
  }

  /**
   * Drops the partitions past the retention whose rows the cold tier holds; returns the names of
   * those dropped. The check and the drop run in one transaction under the lock, so no writer adds
   * a row (a replay into an old day) between them.
   */
  public List<String> dropExpired(Connection c) throws SQLException {
    LocalDate today = today();
    List<String> dropped = new ArrayList<>();
    for (String table : TABLES) {
      for (var e : partitionsOf(c, table).entrySet()) {
        if (expired(e.getKey(), today, retentionDays)
            && dropIfArchived(c, table, e.getKey(), e.getValue())) {
          dropped.add(e.getValue());
        }
      }
    }
    return dropped;
  }

  private boolean dropIfArchived(Connection c, String table, LocalDate day, String partition)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
      // Writers lock the partition's rows, not the advisory lock: take the table so that no
      // insert lands between the count and the drop.
      s.execute("lock table " + partition + " in access exclusive mode");
      long missing = coldTier.missing(c, table, day, partition);
      if (missing > 0) {
        c.rollback();
        LOG.warn(
            "history: keeping {} past the {}-day retention: {} of its rows are not in the cold tier"
                + " yet",
            partition,
            retentionDays,
            missing);
        return false;
      }
      s.execute("drop table " + partition);
      c.commit();
      return true;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** {@link #createAhead} then {@link #dropExpired}. */
  public List<String> maintain(Connection c) throws SQLException {
    createAhead(c);
    return dropExpired(c);
  }

  private static TreeMap<LocalDate, String> partitionsOf(Connection c, String table)
      throws SQLException {
    TreeMap<LocalDate, String> out = new TreeMap<>();
    String prefix = table + "_p";
    try (PreparedStatement s =
        c.prepareStatement(
            "select child.relname from pg_inherits i"
                + " join pg_class parent on parent.oid = i.inhparent"
                + " join pg_class child on child.oid = i.inhrelid"
                + " join pg_namespace n on n.oid = parent.relnamespace"
                + " where parent.relname = ? and n.nspname = current_schema()")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          String suffix = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
          if (suffix.matches("\\d{8}")) { // partitions not named by us are left alone
            out.put(LocalDate.parse(suffix, SUFFIX), name);
          }
        }
      }
    }
    return out;
  }

  private static void inLockedTransaction(Connection c, String sql) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
      s.execute(sql);
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static void checkTable(String table) {
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException("not a partitioned history table: " + table);
    }
  }
}
