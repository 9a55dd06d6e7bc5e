package dev.exchange.jobs.common;

import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka sinks jobs write their {@link OutRecord}s with: exactly-once (transactions, every job
 * but accounts) and at-least-once (idempotent producer, the accounts job, docs/accounts.md).
 */
public final class KafkaOut {

  /**
   * Below the broker's {@code transaction.max.timeout.ms} (15 min); the connector's default (1 h)
   * would be refused (docs/local-services.md, "Kafka").
   */
  public static final String TRANSACTION_TIMEOUT_MS = "600000";

  private KafkaOut() {}

  /**
   * @param transactionalIdPrefix stable across restarts of the same job, unique per job
   */
  public static KafkaSink<OutRecord> exactlyOnce(
      String bootstrapServers, String transactionalIdPrefix) {
    Properties producer = new Properties();
    producer.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
    return sink(bootstrapServers, DeliveryGuarantee.EXACTLY_ONCE, producer)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .build();
  }

  /**
   * The at-least-once sink: idempotent producer, so a retried send does not duplicate or reorder a
   * key's records; repeats come only from replays after a restore, and the writer must make them
   * identical (the accounts job does, with its sequences).
   */
  public static KafkaSink<OutRecord> atLeastOnce(String bootstrapServers) {
    Properties producer = new Properties();
    producer.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producer.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    return sink(bootstrapServers, DeliveryGuarantee.AT_LEAST_ONCE, producer).build();
  }

  private static KafkaSinkBuilder<OutRecord> sink(
      String bootstrapServers, DeliveryGuarantee guarantee, Properties producer) {
    producer.setProperty(ProducerConfig.LINGER_MS_CONFIG, "1");
    producer.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    return KafkaSink.<OutRecord>builder()
        .setBootstrapServers(bootstrapServers)
        .setDeliveryGuarantee(guarantee)
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(
            (KafkaRecordSerializationSchema<OutRecord>)
                (r, context, timestamp) ->
                    new ProducerRecord<>(r.topic, null, r.timestamp, r.key, r.value));
  }
}
