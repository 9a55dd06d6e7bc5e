package dev.exchange.jobs.common;

import dev.exchange.model.KafkaConnection;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The Kafka source every job reads its inputs with: {@link RawRecord}s (decoded later, so that
 * poison reaches the dead letters), read_committed (only what the writing job's checkpoints
 * committed), new partitions discovered every 10 s. Positions live in the job's checkpoints, not in
 * the consumer group. The connection (brokers, security) is the job's {@link KafkaConnection}.
 */
public final class KafkaIn {

  private KafkaIn() {}

  /** A builder the caller may add to (consumer properties, bounded reading) before building. */
  public static KafkaSourceBuilder<RawRecord> builder(
      KafkaConnection kafka, String groupId, OffsetsInitializer startingOffsets, String... topics) {
    KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder();
    kafka.clientProperties().forEach(builder::setProperty);
    return builder
        .setTopics(topics)
        .setGroupId(groupId)
        .setStartingOffsets(startingOffsets)
        .setDeserializer(new RawRecordDeserializer())
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .setProperty("partition.discovery.interval.ms", "10000");
  }
}
