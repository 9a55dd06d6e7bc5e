package dev.exchange.service.assets;

import dev.exchange.service.kafka.KafkaProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listed assets of a service that imports this configuration (edge-api checks listings,
 * transfers and orders against them): the cache, its follower ({@code exchange.assets.follow=false}
 * turns it off, for tests that fill the cache themselves) and the {@code assets} health indicator,
 * which keeps readiness down until the cache has caught up.
 */
@Configuration(proxyBeanMethods = false)
public class AssetsConfig {

  @Bean
  AssetCache assetCache() {
    return new AssetCache();
  }

  @Bean
  @ConditionalOnProperty(
      name = "exchange.assets.follow",
      havingValue = "true",
      matchIfMissing = true)
  AssetFollower assetFollower(AssetCache cache, KafkaProperties kafka) {
    return new AssetFollower(cache, kafka);
  }

  @Bean("assets")
  HealthIndicator assetsHealth(AssetCache cache) {
    return () ->
        cache.caughtUp()
            ? Health.up().withDetail("assets", cache.all().size()).build()
            : Health.outOfService().withDetail("reason", "asset cache catching up").build();
  }
}
