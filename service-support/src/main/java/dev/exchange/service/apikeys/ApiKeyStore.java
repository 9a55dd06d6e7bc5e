package dev.exchange.service.apikeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The {@code apikeys.api_keys} table (migration {@code db/apikeys}): edge-api creates, lists and
 * revokes keys; every service that answers signed requests finds them here, one primary-key read
 * per request, so a revocation holds from the next request on.
 */
public final class ApiKeyStore {

  /** The schema the table lives in, apart from the history job's public schema. */
  public static final String SCHEMA = "apikeys";

  private static final String COLUMNS =
      "api_key, account, label, scheme, secret, public_key, permissions, ip_allow_list,"
          + " created_at, revoked_at";

  private static final RowMapper<ApiKey> ROW = ApiKeyStore::row;

  private final JdbcTemplate jdbc;

  public ApiKeyStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** The key, revoked or not, or null when there is none. */
  public ApiKey find(String apiKey) {
    List<ApiKey> rows =
        jdbc.query(
            "select " + COLUMNS + " from " + SCHEMA + ".api_keys where api_key = ?", ROW, apiKey);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The account's keys, revoked ones included, oldest first. */
  public List<ApiKey> list(String account) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from "
            + SCHEMA
            + ".api_keys where account = ? order by created_at, api_key",
        ROW,
        account);
  }

  public void insert(ApiKey key) {
    jdbc.update(
        "insert into "
            + SCHEMA
            + ".api_keys ("
            + COLUMNS
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        key.apiKey(),
        key.account(),
        key.label(),
        key.scheme().name(),
        key.secret(),
        key.publicKey(),
        key.permissions().stream().sorted().map(Enum::name).collect(Collectors.joining(",")),
        String.join(",", key.ipAllowList()),
        Timestamp.from(Instant.ofEpochMilli(key.createdAt())),
        key.revokedAt() == null ? null : Timestamp.from(Instant.ofEpochMilli(key.revokedAt())));
  }

  /**
   * Revokes the account's key; false when the account has no such key or it was revoked already.
   */
  public boolean revoke(String account, String apiKey, long now) {
    return jdbc.update(
            "update "
                + SCHEMA
                + ".api_keys set revoked_at = ? where api_key = ? and account = ?"
                + " and revoked_at is null",
            Timestamp.from(Instant.ofEpochMilli(now)),
            apiKey,
            account)
        == 1;
  }

  private static ApiKey row(ResultSet rs, int n) throws SQLException {
    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    for (String p : rs.getString("permissions").split(",")) {
      if (!p.isEmpty()) {
        permissions.add(Permission.valueOf(p));
      }
    }
    String ips = rs.getString("ip_allow_list");
    Timestamp revoked = rs.getTimestamp("revoked_at");
    return new ApiKey(
        rs.getString("api_key"),
        rs.getString("account"),
        rs.getString("label"),
        KeyScheme.valueOf(rs.getString("scheme")),
        rs.getString("secret"),
        rs.getString("public_key"),
        permissions,
        ips.isEmpty() ? List.of() : Arrays.asList(ips.split(",")),
        rs.getTimestamp("created_at").getTime(),
        revoked == null ? null : revoked.getTime());
  }
}
