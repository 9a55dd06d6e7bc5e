package dev.exchange.jobs.history;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Asked before a hot-tier day partition past the retention is dropped: how many of its rows the
 * cold tier does not hold yet. A partition is dropped only when none is missing, so a lakehouse job
 * that is behind or down keeps the hot tier growing instead of losing history (docs/history.md,
 * "Retention").
 */
public interface ColdTierCheck extends Serializable {

  /**
   * No cold tier to check: the retention alone decides. For a deployment without the lakehouse (the
   * history job given no {@code --lakehouse.*} catalog), where the hot tier is all there is.
   */
  ColdTierCheck NONE = (c, table, day, partition) -> 0;

  /**
   * The rows of {@code partition} (the day partition of {@code table} for {@code day}, read through
   * {@code c}) that the cold tier lacks; 0 means it may be dropped.
   */
  long missing(Connection c, String table, LocalDate day, String partition) throws SQLException;
}
