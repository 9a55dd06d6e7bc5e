package dev.exchange.edge.orders;

import dev.exchange.edge.errors.ProblemWriter;
import dev.exchange.edge.kafka.CommandPublisher;
import dev.exchange.edge.kafka.PublisherProperties;
import dev.exchange.edge.security.TraderAuthentication;
import dev.exchange.edge.system.HttpProperties;
import dev.exchange.service.ratelimit.RateLimiters;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers the order entry fast path ({@link OrderEntryFilter}) ahead of every other filter.
 * {@code exchange.orders.fast-path=false} turns it off, leaving {@code POST /api/v1/orders} to the
 * regular stack (Spring Security, Spring MVC, a request thread waiting for the acknowledgement).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "exchange.orders.fast-path",
    havingValue = "true",
    matchIfMissing = true)
class OrderEntryConfig {

  @Bean
  FilterRegistrationBean<OrderEntryFilter> orderEntryFilter(
      OrderService orders,
      CommandPublisher publisher,
      TraderAuthentication authentication,
      RateLimiters limiters,
      ProblemWriter problems,
      JsonMapper json,
      HttpProperties http,
      PublisherProperties kafka) {
    FilterRegistrationBean<OrderEntryFilter> registration =
        new FilterRegistrationBean<>(
            new OrderEntryFilter(
                orders,
                publisher,
                authentication,
                limiters,
                problems,
                json,
                http.maxBodySize().toBytes(),
                kafka.sendTimeout()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns(OrderEntryFilter.PATH);
    registration.setAsyncSupported(true);
    return registration;
  }
}
