package dev.exchange.service.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a compacted topic (a table keyed by its record key) from its beginning, every partition,
 * and counts as caught up once it has read up to the end offsets seen at start. The subclass keeps
 * the table ({@link #onRecord}, a null value is a deletion of its key).
 */
public abstract class CompactedTopicFollower extends TopicFollower {

  private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicFollower.class);

  private final String topic;

  protected CompactedTopicFollower(String name, String topic, Duration poll, Properties settings) {
    super(name, poll, settings);
    this.topic = topic;
  }

  @Override
  protected Map<TopicPartition, Long> assign(KafkaConsumer<byte[], byte[]> consumer) {
    while (running()) {
      try {
        List<TopicPartition> partitions = partitions(topic);
        if (partitions.isEmpty()) {
          return null;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = endOffsets(partitions);
        LOG.info("following {} from the beginning up to {}", topic, end);
        return end;
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        LOG.warn("cannot read {} yet: {}", topic, e.toString());
      }
    }
    return null;
  }
}
