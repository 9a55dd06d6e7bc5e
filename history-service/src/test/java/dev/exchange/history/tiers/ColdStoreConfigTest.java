package dev.exchange.history.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.history.system.HistoryProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Whether there is a cold tier is decided by {@code exchange.lakehouse.*} alone. */
class ColdStoreConfigTest {

  private static final HistoryProperties THIRTY_DAYS =
      new HistoryProperties(Duration.ofDays(30), 10_000, 1_000, 100, Duration.ofMinutes(10));
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T13:45:00Z"), ZoneOffset.UTC);

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }

  @Test
  void withoutCatalogPropertiesTheHotTierAnswersEveryRange() {
    ColdStore cold = new ColdStoreConfig().coldStore(environment(Map.of()));
    assertThat(cold.enabled()).isFalse();
    assertThat(new Tiers(CLOCK, THIRTY_DAYS, cold).hotStart()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void catalogPropertiesMakeAColdTierAndTheHotTierStartsAtMidnightOfTheOldestKeptDay() {
    ColdStore cold =
        new ColdStoreConfig()
            .coldStore(
                environment(
                    Map.of(
                        "exchange.lakehouse.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog",
                        "exchange.lakehouse.uri", "jdbc:postgresql://127.0.0.1:1/none",
                        "exchange.lakehouse.s3.path-style-access", "true",
                        "exchange.lakehouse.warehouse", "s3://lake/")));
    try {
      assertThat(cold).isInstanceOf(IcebergColdStore.class);
      assertThat(cold.enabled()).isTrue();
      // Dotted catalog keys arrive unchanged.
      assertThat(((IcebergColdStore) cold).properties())
          .containsEntry("s3.path-style-access", "true")
          .containsEntry("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
          // Manifests are immutable: cached in memory unless the properties say otherwise.
          .containsEntry("io.manifest.cache-enabled", "true")
          .hasSize(5);
      // The catalog is connected on first use, so an unreachable lake does not stop the start.
      assertThat(new Tiers(CLOCK, THIRTY_DAYS, cold).hotStart())
          .isEqualTo(Instant.parse("2026-10-22T00:00:00Z").toEpochMilli());
    } finally {
      ((IcebergColdStore) cold).close();
    }
  }
}
