package dev.exchange.delivery.system;

import dev.exchange.service.alerts.WebhookSigning;
import dev.exchange.service.kafka.KafkaConfig;
import dev.exchange.service.web.ClockConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What alert-delivery takes from service-support: the Kafka connection ({@code exchange.kafka.*},
 * security settings included), the clock, and the webhook signing key shared with edge-api.
 */
@Configuration(proxyBeanMethods = false)
@Import({KafkaConfig.class, ClockConfig.class})
class ServiceSupportConfig {

  @Bean
  WebhookSigning webhookSigning(@Value("${exchange.alerts.webhook-key:}") String key) {
    return WebhookSigning.fromBase64(key);
  }
}
