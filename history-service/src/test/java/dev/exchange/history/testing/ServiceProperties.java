package dev.exchange.history.testing;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.service.testing.ApiKeysFixture;
import dev.exchange.service.testing.TestTokens;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What every history-service context of the tests is started with, read when it starts. */
public final class ServiceProperties {

  private ServiceProperties() {}

  /**
   * The database (the history job's tables and edge-api's api keys), the API key encryption key,
   * the broker (instruments), the test issuer's key and a free management port.
   */
  public static void register(
      DynamicPropertyRegistry registry,
      Supplier<PostgresServer> postgres,
      Supplier<String> database,
      Supplier<KafkaBroker> kafka) {
    registry.add("spring.datasource.url", () -> postgres.get().jdbcUrl(database.get()));
    registry.add("spring.datasource.username", () -> postgres.get().user());
    registry.add("spring.datasource.password", () -> postgres.get().password());
    registry.add("exchange.kafka.bootstrap-servers", () -> kafka.get().bootstrapServers());
    registry.add("exchange.api-keys.encryption-key", () -> ApiKeysFixture.ENCRYPTION_KEY);
    TestTokens.serviceSettings().forEach((k, v) -> registry.add(k, () -> v));
    registry.add("management.server.port", () -> "0");
  }
}
