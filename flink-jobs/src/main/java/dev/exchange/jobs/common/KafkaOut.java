package dev.exchange.jobs.common;

import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The exactly-once Kafka sink every job writes its {@link OutRecord}s with. */
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
    producer.setProperty(ProducerConfig.LINGER_MS_CONFIG, "1");
    producer.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    return KafkaSink.<OutRecord>builder()
        .setBootstrapServers(bootstrapServers)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(
            (KafkaRecordSerializationSchema<OutRecord>)
                (r, context, timestamp) ->
                    new ProducerRecord<>(r.topic, null, r.timestamp, r.key, r.value))
        .build();
  }
}
