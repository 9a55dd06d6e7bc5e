package dev.exchange.service.assets;

import dev.exchange.model.EventSerde;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.Asset;
import dev.exchange.service.kafka.CompactedTopicFollower;
import dev.exchange.service.kafka.KafkaProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted {@code exchange.assets} topic from its beginning ({@code read_committed},
 * every partition, no group) and keeps {@link AssetCache} current, as {@link
 * dev.exchange.service.instruments.InstrumentFollower} does for instruments. Undecodable records
 * are logged and skipped.
 */
public class AssetFollower extends CompactedTopicFollower {

  private static final Logger LOG = LoggerFactory.getLogger(AssetFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final AssetCache cache;

  /** Client id: the service's {@code clientId} with {@code -assets} appended. */
  public AssetFollower(AssetCache cache, KafkaProperties kafka) {
    super(
        "asset-follower",
        Topics.ASSETS,
        POLL,
        settings(kafka.connection(), kafka.clientId() + "-assets", "read_committed", "earliest"));
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
      cache.put(EventSerde.decode(record.value(), Asset.class));
    } catch (InvalidEventException e) {
      LOG.warn(
          "skipping undecodable asset at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  @Override
  protected void onCaughtUp() {
    cache.markCaughtUp();
    LOG.info("asset cache caught up: {} assets", cache.all().size());
  }
}
