package dev.exchange.history.tiers;

import dev.exchange.lakehouse.LakehouseCatalog;
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
    // The deployment gives the catalog as EXCHANGE_LAKEHOUSE_* variables, the same the lakehouse
    // job reads (LakehouseCatalog.ENVIRONMENT); a property given here wins.
    properties = LakehouseCatalog.withEnvironment(properties, environment::getProperty);
    if (!properties.containsKey("catalog-impl") && !properties.containsKey("type")) {
      LOG.info("no cold tier (exchange.lakehouse.catalog-impl not set): hot tier only");
      return ColdStore.NONE;
    }
    // Reading files from S3 is mostly waiting: more threads than cores pay off.
    return new IcebergColdStore(properties, 8);
  }
}
