package dev.exchange.history.instruments;

import dev.exchange.history.system.KafkaProperties;
import dev.exchange.service.instruments.InstrumentCache;
import dev.exchange.service.instruments.InstrumentFollower;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live instrument list from the compacted {@code exchange.instruments} topic, with the cache
 * and follower shared with edge-api (service-support). It answers {@code exchangeInfo} and says
 * which symbols exist; readiness waits until it has caught up.
 */
@Configuration(proxyBeanMethods = false)
class InstrumentsConfig {

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
    return new InstrumentFollower(cache, kafka.bootstrapServers(), kafka.clientId());
  }

  @Bean("instruments")
  HealthIndicator instrumentsHealth(InstrumentCache cache) {
    return () ->
        cache.caughtUp()
            ? Health.up().withDetail("instruments", cache.all().size()).build()
            : Health.outOfService().withDetail("reason", "instrument cache catching up").build();
  }
}
