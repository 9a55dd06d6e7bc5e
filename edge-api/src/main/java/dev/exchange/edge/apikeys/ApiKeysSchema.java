package dev.exchange.edge.apikeys;

import dev.exchange.service.apikeys.ApiKeyStore;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Migrates the {@code apikeys} schema ({@code db/apikeys} from service-support) at start: edge-api
 * owns the table, history-service only reads it. Its own schema and Flyway history table, so the
 * history job's migration of the public schema is untouched.
 */
@Component
class ApiKeysSchema implements InitializingBean {

  private final DataSource dataSource;

  ApiKeysSchema(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void afterPropertiesSet() {
    Flyway.configure(ApiKeysSchema.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(ApiKeyStore.SCHEMA)
        .locations("classpath:db/apikeys")
        .load()
        .migrate();
  }
}
