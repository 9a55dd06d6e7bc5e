package dev.exchange.service.apikeys;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code apikeys.listen_keys} table (migration {@code db/apikeys} V2): Binance's user data
 * stream keys. A listen key belongs to one API key (and so to its account), lives for {@link
 * #VALIDITY} after it was opened or last kept alive, and ends when closed, when it lapses or when
 * its API key is revoked. edge-api writes it; ws-relay reads it.
 */
public final class ListenKeyStore {

  /** Binance's: a listen key lapses an hour after it was opened or last kept alive. */
  public static final Duration VALIDITY = Duration.ofMinutes(60);

  /** Binance's listen keys are 60 letters and digits. */
  public static final int LENGTH = 60;

  private static final String TABLE = ApiKeyStore.SCHEMA + ".listen_keys";

  /** Whose stream a live listen key opens, and until when (epoch milliseconds). */
  public record Owner(String account, String apiKey, long expiresAt) {}

  private final JdbcTemplate jdbc;

  public ListenKeyStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * The key's live listen key, extended to {@code now + VALIDITY}, or a new one when it has none
   * (or only a lapsed one): a second open returns the same key, as on Binance. One statement, so
   * two concurrent opens agree on the key.
   */
  public String open(ApiKey key, long now) {
    Timestamp at = Timestamp.from(Instant.ofEpochMilli(now));
    Timestamp until = Timestamp.from(Instant.ofEpochMilli(now).plus(VALIDITY));
    return jdbc.queryForObject(
        "insert into "
            + TABLE
            + " as l (listen_key, api_key, account, expires_at, created_at) values (?, ?, ?, ?, ?)"
            + " on conflict (api_key) do update set"
            + " listen_key = case when l.expires_at > excluded.created_at then l.listen_key"
            + " else excluded.listen_key end,"
            + " created_at = case when l.expires_at > excluded.created_at then l.created_at"
            + " else excluded.created_at end,"
            + " expires_at = excluded.expires_at"
            + " returning listen_key",
        String.class,
        RandomText.of(LENGTH),
        key.apiKey(),
        key.account(),
        until,
        at);
  }

  /** Extends the API key's live listen key; false when it has no such live key. */
  public boolean keepAlive(String apiKey, String listenKey, long now) {
    return jdbc.update(
            "update "
                + TABLE
                + " set expires_at = ? where listen_key = ? and api_key = ? and expires_at > ?",
            Timestamp.from(Instant.ofEpochMilli(now).plus(VALIDITY)),
            listenKey,
            apiKey,
            Timestamp.from(Instant.ofEpochMilli(now)))
        == 1;
  }

  /** Ends the API key's listen key; false when it has no such live key. */
  public boolean close(String apiKey, String listenKey, long now) {
    return jdbc.update(
            "delete from " + TABLE + " where listen_key = ? and api_key = ? and expires_at > ?",
            listenKey,
            apiKey,
            Timestamp.from(Instant.ofEpochMilli(now)))
        == 1;
  }

  /**
   * The owner of a live listen key whose API key is not revoked, or null: unknown, closed, lapsed
   * and revoked all read the same.
   */
  public Owner find(String listenKey, long now) {
    List<Owner> rows =
        jdbc.query(
            "select l.account, l.api_key, l.expires_at from "
                + TABLE
                + " l join "
                + ApiKeyStore.SCHEMA
                + ".api_keys k on k.api_key = l.api_key"
                + " where l.listen_key = ? and l.expires_at > ? and k.revoked_at is null",
            (rs, n) ->
                new Owner(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant().toEpochMilli()),
            listenKey,
            Timestamp.from(Instant.ofEpochMilli(now)));
    return rows.isEmpty() ? null : rows.get(0);
  }
}
