package dev.exchange.history.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka connection of the service (only the compacted {@code exchange.instruments} is read).
 *
 * @param bootstrapServers broker list
 * @param clientId Kafka client id prefix
 */
@ConfigurationProperties("exchange.kafka")
public record KafkaProperties(
    @DefaultValue("localhost:9092") String bootstrapServers,
    @DefaultValue("history-service") String clientId) {}
