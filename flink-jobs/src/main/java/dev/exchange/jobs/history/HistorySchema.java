package dev.exchange.jobs.history;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The hot tier's schema: Flyway migrations in {@code db/history} (exchange-model's resources,
 * shared with history-service, which reads these tables and seeds them in its tests), then the day
 * partitions ahead. Run once before the job is submitted ({@link HistoryJob#main}); the job itself
 * never changes the schema, only partitions (docs/history.md).
 */
public final class HistorySchema {

  private HistorySchema() {}

  /** Applies pending migrations and creates the partitions ahead; safe to run concurrently. */
  public static MigrateResult migrate(HistoryDb db, Partitions partitions) throws SQLException {
    MigrateResult result =
        Flyway.configure(HistorySchema.class.getClassLoader())
            .dataSource(db.jdbcUrl(), db.user(), db.password())
            .locations("classpath:db/history")
            .load()
            .migrate();
    try (Connection c = db.connect()) {
      partitions.createAhead(c);
    }
    return result;
  }
}
