package dev.exchange.edge.instruments;

import dev.exchange.edge.kafka.KafkaProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The edge's bean of the shared instrument follower (service-support): keeps {@link
 * InstrumentCache} current from {@code exchange.instruments}.
 */
@Component
@ConditionalOnProperty(
    name = "exchange.instruments.follow",
    havingValue = "true",
    matchIfMissing = true)
class InstrumentFollower extends dev.exchange.service.instruments.InstrumentFollower {

  InstrumentFollower(InstrumentCache cache, KafkaProperties properties) {
    super(cache, properties.bootstrapServers(), properties.clientId());
  }
}
