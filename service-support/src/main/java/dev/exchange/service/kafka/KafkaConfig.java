package dev.exchange.service.kafka;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The service's {@link KafkaProperties}, for every Kafka client it makes. */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

  @Bean
  KafkaProperties kafkaProperties(Environment environment) {
    return KafkaProperties.bind(environment);
  }
}
