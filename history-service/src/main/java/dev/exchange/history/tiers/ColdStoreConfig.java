package dev.exchange.history.tiers;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The cold tier from {@code exchange.lakehouse.*}, the Iceberg catalog properties (catalog-impl,
 * uri, jdbc.user, jdbc.password, warehouse, io-impl, s3.endpoint, s3.path-style-access,
 * s3.access-key-id, s3.secret-access-key, client.region). Without them there is no cold tier and
 * the hot tier answers every range.
 */
@Configuration(proxyBeanMethods = false)
class ColdStoreConfig {

  private static final Logger LOG = LoggerFactory.getLogger(ColdStoreConfig.class);

  @Bean
  ColdStore coldStore(Environment environment) {
    Map<String, String> properties =
        Binder.get(environment)
            .bind("exchange.lakehouse", Bindable.mapOf(String.class, String.class))
            .orElse(Map.of());
    if (!properties.containsKey("catalog-impl") && !properties.containsKey("type")) {
      LOG.info("no cold tier (exchange.lakehouse.catalog-impl not set): hot tier only");
      return ColdStore.NONE;
    }
    return new IcebergColdStore(properties, 2);
  }
}
