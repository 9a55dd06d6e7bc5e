package dev.exchange.edge.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The edge's command producer, beside the connection in service-support's {@code KafkaProperties}
 * (same prefix).
 *
 * @param sendTimeout upper bound for one command to be acknowledged ({@code acks=all}); beyond it
 *     the request answers 503. Also bounds the producer's {@code max.block.ms} and {@code
 *     delivery.timeout.ms}
 * @param linger producer {@code linger.ms}: how long a batch waits for more commands
 * @param retryAfter Retry-After sent with a 503
 */
@ConfigurationProperties("exchange.kafka")
public record PublisherProperties(
    @DefaultValue("2s") Duration sendTimeout,
    @DefaultValue("1ms") Duration linger,
    @DefaultValue("1s") Duration retryAfter) {}
