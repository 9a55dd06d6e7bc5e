package dev.exchange.service.instruments;

import dev.exchange.model.EventSerde;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.Instrument;
import dev.exchange.service.kafka.CompactedTopicFollower;
import dev.exchange.service.kafka.KafkaProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted {@code exchange.instruments} topic from its beginning ({@code
 * read_committed}, every partition, no group) and keeps {@link InstrumentCache} current. The cache
 * counts as caught up once it has read up to the end offsets seen at start; readiness waits for
 * that. Undecodable records are logged and skipped: the matcher is the single writer, and it routes
 * its own bad input to the dead-letter topic.
 */
public class InstrumentFollower extends CompactedTopicFollower {

  private static final Logger LOG = LoggerFactory.getLogger(InstrumentFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final InstrumentCache cache;

  /** Client id: the service's {@code clientId} with {@code -instruments} appended. */
  public InstrumentFollower(InstrumentCache cache, KafkaProperties kafka) {
    super(
        "instrument-follower",
        Topics.INSTRUMENTS,
        POLL,
        settings(
            kafka.connection(), kafka.clientId() + "-instruments", "read_committed", "earliest"));
    this.cache = cache;
  }

  @Override
  protected void onRecord(ConsumerRecord<byte[], byte[]> record, long polledMillis) {
    if (record.value() == null) {
      if (record.key() != null) {
        cache.remove(new String(record.key(), StandardCharsets.UTF_8));
      }
      return;
    }
    try {
      cache.put(InstrumentSpec.fromRecord(EventSerde.decode(record.value(), Instrument.class)));
    } catch (InvalidEventException | IllegalArgumentException e) {
      LOG.warn(
          "skipping undecodable instrument at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  @Override
  protected void onCaughtUp() {
    cache.markCaughtUp();
    LOG.info("instrument cache caught up: {} instruments", cache.all().size());
  }
}
