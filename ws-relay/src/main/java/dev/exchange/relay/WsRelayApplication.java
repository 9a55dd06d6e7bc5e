package dev.exchange.relay;

import dev.exchange.service.apikeys.ApiKeysConfig;
import dev.exchange.service.kafka.KafkaConfig;
import dev.exchange.service.web.ClockConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * ws-relay: Binance-compatible market-data streams and live REST from the Kafka topics, plus the
 * private streams: the web app's ticketed one and Binance's user data stream (API keys, read from
 * edge-api's {@code apikeys} schema).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({KafkaConfig.class, ClockConfig.class, ApiKeysConfig.class})
@EnableScheduling
public class WsRelayApplication {

  public static void main(String[] args) {
    SpringApplication.run(WsRelayApplication.class, args);
  }
}
