package dev.exchange.service.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka connection of a service ({@code exchange.kafka}); a service with settings of its own reads
 * them from the same prefix in its own record.
 *
 * @param bootstrapServers broker list
 * @param clientId Kafka client id prefix of the service (no consumer group is used: every partition
 *     is assigned); each client appends its role ({@code -instruments}, {@code -feed}, …)
 */
@ConfigurationProperties("exchange.kafka")
public record KafkaProperties(
    @DefaultValue("localhost:9092") String bootstrapServers,
    @DefaultValue("exchange") String clientId) {}
