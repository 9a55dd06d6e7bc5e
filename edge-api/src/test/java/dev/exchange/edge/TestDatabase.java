package dev.exchange.edge;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.service.testing.TestTokens;
import java.util.Base64;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh database on the test PostgreSQL for one service context (edge-api migrates its {@code
 * apikeys} schema there at start), and the settings every test context shares.
 */
public record TestDatabase(String url, String user, String password) {

  /** 32 fixed bytes, base64: the tests' {@code exchange.api-keys.encryption-key}. */
  public static final String ENCRYPTION_KEY =
      Base64.getEncoder().encodeToString("edge-api test encryption key 32b".getBytes());

  /** 32 fixed bytes, base64: the tests' {@code exchange.alerts.webhook-key}. */
  public static final String WEBHOOK_KEY =
      Base64.getEncoder().encodeToString("edge-api test webhook key 32 byt".getBytes());

  public static TestDatabase create(PostgresServer pg, String prefix) {
    String name = prefix + "_" + Long.toHexString(System.nanoTime());
    pg.createDatabase(name);
    return new TestDatabase(pg.jdbcUrl(name), pg.user(), pg.password());
  }

  /**
   * What every edge-api context of the tests is started with, read when it starts: the DataSource,
   * encryption key and webhook key, the broker, the test issuer's key and a free management port.
   */
  public static void register(
      DynamicPropertyRegistry registry, Supplier<TestDatabase> db, Supplier<KafkaBroker> kafka) {
    registry.add("spring.datasource.url", () -> db.get().url());
    registry.add("spring.datasource.username", () -> db.get().user());
    registry.add("spring.datasource.password", () -> db.get().password());
    registry.add("exchange.api-keys.encryption-key", () -> ENCRYPTION_KEY);
    registry.add("exchange.alerts.webhook-key", () -> WEBHOOK_KEY);
    registry.add("exchange.kafka.bootstrap-servers", () -> kafka.get().bootstrapServers());
    TestTokens.serviceSettings().forEach((k, v) -> registry.add(k, () -> v));
    registry.add("management.server.port", () -> "0");
  }
}
