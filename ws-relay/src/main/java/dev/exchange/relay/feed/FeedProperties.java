package dev.exchange.relay.feed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the relay's feed starts reading, beside the connection in service-support's {@code
 * KafkaProperties} (same prefix).
 *
 * @param bookSeekMargin how far before the oldest bootstrap snapshot {@code exchange.book} is read,
 *     by record timestamp; deltas older than a book's snapshot are then dropped by id
 * @param tickerLookback how far back {@code exchange.tickers} is read at start, to answer {@code
 *     /api/v3/ticker/24hr} for quiet symbols
 */
@ConfigurationProperties("exchange.kafka")
public record FeedProperties(
    @DefaultValue("60s") Duration bookSeekMargin, @DefaultValue("24h") Duration tickerLookback) {}
