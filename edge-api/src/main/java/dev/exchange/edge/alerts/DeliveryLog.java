package dev.exchange.edge.alerts;

import dev.exchange.service.alerts.WebhookSigning;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads alert-delivery's {@code alerts.deliveries} (docs/alerts.md, "Deliveries"), as
 * history-service reads edge-api's {@code apikeys.api_keys}: alert-delivery owns and migrates the
 * schema. Until alert-delivery has run once, the table does not exist and an alert has no
 * deliveries.
 */
@Repository
class DeliveryLog {

  /** PostgreSQL's SQLSTATE for a missing table and a missing schema. */
  private static final List<String> NOT_MIGRATED = List.of("42P01", "3F000");

  private final JdbcTemplate jdbc;

  DeliveryLog(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * The alert's attempts, newest firing first, then by channel and attempt; at most {@code limit}.
   */
  List<DeliveryView> of(String alertId, int limit) {
    try {
      return jdbc.query(
          "select firing, channel, attempt, outcome, status_code, error, time from "
              + WebhookSigning.SCHEMA
              + ".deliveries where alert_id = ? order by firing desc, channel, attempt limit ?",
          (rs, i) ->
              new DeliveryView(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getInt(3),
                  rs.getString(4),
                  (Integer) rs.getObject(5),
                  rs.getString(6),
                  rs.getTimestamp(7).getTime()),
          alertId,
          limit);
    } catch (DataAccessException e) {
      if (e.getMostSpecificCause() instanceof java.sql.SQLException sql
          && NOT_MIGRATED.contains(sql.getSQLState())) {
        return List.of();
      }
      throw e;
    }
  }
}
