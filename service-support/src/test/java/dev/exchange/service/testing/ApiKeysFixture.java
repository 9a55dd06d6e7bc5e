package dev.exchange.service.testing;

import dev.exchange.service.apikeys.ApiKey;
import dev.exchange.service.apikeys.ApiKeyStore;
import dev.exchange.service.apikeys.KeyScheme;
import dev.exchange.service.apikeys.Permission;
import dev.exchange.service.apikeys.SecretCipher;
import dev.exchange.service.apikeys.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * API keys as edge-api stores them ({@code apikeys.api_keys}, service-support's {@code db/apikeys}
 * migration), for the signed reads: HMAC keys sealed with the tests' encryption key, and requests
 * signed with their secret.
 */
public final class ApiKeysFixture {

  /** 32 fixed bytes, base64: the tests' {@code exchange.api-keys.encryption-key}. */
  public static final String ENCRYPTION_KEY =
      Base64.getEncoder().encodeToString("history test encryption key 32by".getBytes());

  private static final SecretCipher CIPHER = SecretCipher.fromBase64(ENCRYPTION_KEY);

  private final ApiKeyStore store;

  private ApiKeysFixture(ApiKeyStore store) {
    this.store = store;
  }

  /** Migrates the apikeys schema into the database. */
  public static ApiKeysFixture migrate(
      String jdbcUrl, String user, String password, DataSource ds) {
    Flyway.configure(ApiKeysFixture.class.getClassLoader())
        .dataSource(jdbcUrl, user, password)
        .schemas(ApiKeyStore.SCHEMA)
        .locations("classpath:db/apikeys")
        .load()
        .migrate();
    return new ApiKeysFixture(new ApiKeyStore(ds));
  }

  /** A key of {@code account} whose id is {@code c} 64 times and whose secret is {@code secret}. */
  public String hmacKey(char c, String account, String secret, Permission... permissions) {
    String apiKey = String.valueOf(c).repeat(64);
    store.insert(
        new ApiKey(
            apiKey,
            account,
            "test",
            KeyScheme.HMAC_SHA256,
            CIPHER.encrypt(apiKey, secret.getBytes(StandardCharsets.UTF_8)),
            null,
            Set.of(permissions),
            List.of(),
            System.currentTimeMillis(),
            null));
    return apiKey;
  }

  /** {@code params} with a fresh timestamp and its HMAC signature, as a query string. */
  public static String signed(String secret, String params) {
    String payload =
        (params.isEmpty() ? "" : params + "&") + "timestamp=" + System.currentTimeMillis();
    return payload
        + "&signature="
        + Signatures.hmacHex(secret.getBytes(StandardCharsets.UTF_8), payload);
  }
}
