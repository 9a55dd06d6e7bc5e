package dev.exchange.service.instruments;

import dev.exchange.service.kafka.KafkaProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live instrument list of a service that imports this configuration (edge-api validates orders
 * with it, history-service answers {@code exchangeInfo} and knows which symbols exist): the cache,
 * its follower ({@code exchange.instruments.follow=false} turns it off, for tests that fill the
 * cache themselves) and the {@code instruments} health indicator, which keeps readiness down until
 * the cache has caught up.
 */
@Configuration(proxyBeanMethods = false)
public class InstrumentsConfig {

  @Bean
  InstrumentCache instrumentCache() {
    return new InstrumentCache();
  }

  @Bean
  @ConditionalOnProperty(
      name = "exchange.instruments.follow",
      havingValue = "true",
      matchIfMissing = true)
  InstrumentFollower instrumentFollower(InstrumentCache cache, KafkaProperties kafka) {
    return new InstrumentFollower(cache, kafka);
  }

  @Bean("instruments")
  HealthIndicator instrumentsHealth(InstrumentCache cache) {
    return () ->
        cache.caughtUp()
            ? Health.up().withDetail("instruments", cache.all().size()).build()
            : Health.outOfService().withDetail("reason", "instrument cache catching up").build();
  }
}
