package dev.exchange.history.tiers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cold tier. */
@Configuration(proxyBeanMethods = false)
class ColdStoreConfig {

  @Bean
  ColdStore coldStore() {
    return ColdStore.NONE;
  }
}
