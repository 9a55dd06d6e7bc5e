package dev.exchange.service.ratelimit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request budgets ({@code exchange.rate-limits.*}) a service imports. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitConfig {

  @Bean
  RateLimiters rateLimiters(RateLimitProperties properties) {
    return new RateLimiters(properties);
  }
}
