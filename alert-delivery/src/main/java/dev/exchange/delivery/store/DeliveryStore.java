package dev.exchange.delivery.store;

import dev.exchange.model.avro.AlertFired;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code alerts.fired} and {@code alerts.deliveries} (service-support's {@code db/alerts}). Every
 * write is idempotent, so a replayed firing changes nothing already written.
 */
@Repository
public class DeliveryStore {

  private final JdbcTemplate jdbc;

  DeliveryStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Keeps the firing in the history, once per (alert id, firing). */
  public void fired(AlertFired f, String payload, long receivedAt) {
    jdbc.update(
        "insert into alerts.fired (alert_id, firing, account, symbol, kind, client_alert_id,"
            + " price, trade_id, order_id, fired_at, payload, received_at)"
            + " values (?,?,?,?,?,?,?,?,?,?,cast(? as jsonb),?) on conflict do nothing",
        ps -> {
          ps.setString(1, f.getAlertId());
          ps.setLong(2, f.getFiring());
          ps.setString(3, f.getAccount());
          ps.setString(4, f.getSymbol());
          ps.setString(5, f.getKind().name());
          ps.setString(6, f.getClientAlertId());
          ps.setBigDecimal(7, BigDecimal.valueOf(f.getPrice(), f.getPriceScale()));
          ps.setObject(8, f.getTradeId(), Types.BIGINT);
          ps.setString(9, f.getOrderId());
          ps.setTimestamp(10, Timestamp.from(Instant.ofEpochMilli(f.getTime())));
          ps.setString(11, payload);
          ps.setTimestamp(12, Timestamp.from(Instant.ofEpochMilli(receivedAt)));
        });
  }

  /** Whether the firing already has its final outcome (SENT or FAILED) on {@code channel}. */
  public boolean done(String alertId, long firing, Channel channel) {
    Boolean done =
        jdbc.queryForObject(
            "select exists (select 1 from alerts.deliveries where alert_id = ? and firing = ?"
                + " and channel = ? and outcome in ('SENT', 'FAILED'))",
            Boolean.class,
            alertId,
            firing,
            channel.name());
    return Boolean.TRUE.equals(done);
  }

  /** The number of the next attempt: 1, or one more than the last logged (a resumed delivery). */
  public int nextAttempt(String alertId, long firing, Channel channel) {
    Integer last =
        jdbc.queryForObject(
            "select max(attempt) from alerts.deliveries where alert_id = ? and firing = ?"
                + " and channel = ?",
            Integer.class,
            alertId,
            firing,
            channel.name());
    return last == null ? 1 : last + 1;
  }

  /** Logs one attempt; a second log of the same attempt is ignored. */
  public void log(
      AlertFired f,
      Channel channel,
      int attempt,
      Outcome outcome,
      Integer statusCode,
      String error,
      long time) {
    jdbc.update(
        "insert into alerts.deliveries (alert_id, firing, channel, attempt, account, outcome,"
            + " status_code, error, time) values (?,?,?,?,?,?,?,?,?) on conflict do nothing",
        ps -> {
          ps.setString(1, f.getAlertId());
          ps.setLong(2, f.getFiring());
          ps.setString(3, channel.name());
          ps.setInt(4, attempt);
          ps.setString(5, f.getAccount());
          ps.setString(6, outcome.name());
          ps.setObject(7, statusCode, Types.INTEGER);
          ps.setString(8, error);
          ps.setTimestamp(9, Timestamp.from(Instant.ofEpochMilli(time)));
        });
  }
}
