package dev.exchange.service.web;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The wall clock a service reads (edge-api stamps accept times with it, history-service places the
 * hot/cold boundary and "now"); a service imports this configuration, and tests replace the bean.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
