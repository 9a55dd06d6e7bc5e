package dev.exchange.service.apikeys;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API key beans a service that answers signed requests imports: the store on the service's
 * DataSource, the secret cipher from {@code exchange.api-keys.encryption-key} (the service refuses
 * to start without a valid one) and the authenticator. Each service registers its own {@link
 * SignedRequestFilter} with the paths it serves.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiKeysProperties.class)
public class ApiKeysConfig {

  @Bean
  ApiKeyStore apiKeyStore(DataSource dataSource) {
    return new ApiKeyStore(dataSource);
  }

  @Bean
  ListenKeyStore listenKeyStore(DataSource dataSource) {
    return new ListenKeyStore(dataSource);
  }

  @Bean
  SecretCipher secretCipher(ApiKeysProperties properties) {
    return SecretCipher.fromBase64(properties.encryptionKey());
  }

  @Bean
  ApiKeyAuthenticator apiKeyAuthenticator(ApiKeyStore store, SecretCipher cipher, Clock clock) {
    return new ApiKeyAuthenticator(store, cipher, clock);
  }
}
