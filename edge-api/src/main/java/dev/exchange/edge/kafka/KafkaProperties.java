package dev.exchange.edge.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka connection of the edge.
 *
 * @param bootstrapServers broker list
 * @param sendTimeout upper bound for one command to be acknowledged ({@code acks=all}); beyond it
 *     the request answers 503. Also bounds the producer's {@code max.block.ms} and {@code
 *     delivery.timeout.ms}
 * @param linger producer {@code linger.ms}: how long a batch waits for more commands
 * @param retryAfter Retry-After sent with a 503
 * @param clientId Kafka client id prefix
 */
@ConfigurationProperties("exchange.kafka")
public record KafkaProperties(
    @DefaultValue("localhost:9092") String bootstrapServers,
    @DefaultValue("2s") Duration sendTimeout,
    @DefaultValue("1ms") Duration linger,
    @DefaultValue("1s") Duration retryAfter,
    @DefaultValue("edge-api") String clientId) {}
