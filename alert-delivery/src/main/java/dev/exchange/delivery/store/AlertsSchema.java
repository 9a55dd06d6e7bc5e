package dev.exchange.delivery.store;

import dev.exchange.service.alerts.WebhookSigning;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Migrates the {@code alerts} schema ({@code db/alerts} from service-support) at start:
 * alert-delivery owns its tables, edge-api only reads {@code alerts.deliveries}. Its own schema and
 * Flyway history table, like edge-api's {@code apikeys}.
 */
@Component
class AlertsSchema implements InitializingBean {

  private final DataSource dataSource;

  AlertsSchema(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void afterPropertiesSet() {
    Flyway.configure(AlertsSchema.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(WebhookSigning.SCHEMA)
        .locations("classpath:db/alerts")
        .load()
        .migrate();
  }
}
