package dev.exchange.relay;

import dev.exchange.service.kafka.KafkaConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * ws-relay: Binance-compatible market-data streams and live REST from the Kafka topics, plus the
 * authenticated private order stream.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(KafkaConfig.class)
@EnableScheduling
public class WsRelayApplication {

  public static void main(String[] args) {
    SpringApplication.run(WsRelayApplication.class, args);
  }
}
