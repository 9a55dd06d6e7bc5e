package dev.exchange.edge.alerts;

import dev.exchange.service.kafka.KafkaProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The alert book and its follower ({@code exchange.alerts.follow=false} turns it off, for slice
 * tests) and the {@code alerts} health indicator, which keeps readiness down until the book has
 * caught up (before, the per-account limit and idempotent creation could not be checked).
 */
@Configuration(proxyBeanMethods = false)
class AlertsConfig {

  @Bean
  AlertBook alertBook() {
    return new AlertBook();
  }

  @Bean
  @ConditionalOnProperty(
      name = "exchange.alerts.follow",
      havingValue = "true",
      matchIfMissing = true)
  AlertFollower alertFollower(AlertBook book, KafkaProperties kafka) {
    return new AlertFollower(book, kafka);
  }

  @Bean("alerts")
  HealthIndicator alertsHealth(AlertBook book) {
    return () ->
        book.caughtUp()
            ? Health.up().build()
            : Health.outOfService().withDetail("reason", "alert book catching up").build();
  }
}
