package dev.exchange.edge.orders;

import dev.exchange.edge.system.HttpProperties;
import dev.exchange.service.apikeys.ApiKeyAuthenticator;
import dev.exchange.service.apikeys.Permission;
import dev.exchange.service.apikeys.SignedRequestFilter;
import dev.exchange.service.kafka.KafkaProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The signed Binance order endpoints: the engine's outcomes they wait for, and the signature check
 * in front of them (after the body size limit, before Spring Security, which lets {@code /api/v3}
 * through).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BinanceProperties.class)
class BinanceOrderConfig {

  @Bean
  OrderOutcomes orderOutcomeFollower(KafkaProperties kafka) {
    return new OrderOutcomes(kafka);
  }

  /** Readiness waits until {@link OrderOutcomes} follows its topics. */
  @Bean("orderOutcomes")
  HealthIndicator orderOutcomesHealth(OrderOutcomes outcomes) {
    return () ->
        outcomes.following()
            ? Health.up().build()
            : Health.outOfService().withDetail("reason", "order outcomes not followed yet").build();
  }

  @Bean
  FilterRegistrationBean<SignedRequestFilter> signedOrderFilter(
      ApiKeyAuthenticator authenticator, HttpProperties http) {
    FilterRegistrationBean<SignedRequestFilter> registration =
        new FilterRegistrationBean<>(
            new SignedRequestFilter(
                authenticator, BinanceOrderConfig::permission, (int) http.maxBodySize().toBytes()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    registration.addUrlPatterns("/api/v3/*");
    return registration;
  }

  /** Every edge endpoint under /api/v3 trades; anything else there is not ours to sign. */
  static Permission permission(HttpServletRequest request) {
    String path = request.getRequestURI();
    boolean ours =
        path.equals("/api/v3/order")
            || path.equals("/api/v3/order/test")
            || path.equals("/api/v3/openOrders");
    return ours ? Permission.TRADE : null;
  }
}
