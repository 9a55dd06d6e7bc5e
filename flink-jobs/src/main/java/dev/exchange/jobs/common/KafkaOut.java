package dev.exchange.jobs.common;

import dev.exchange.model.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The Kafka sinks jobs write their {@link OutRecord}s with: exactly-once (transactions, every job
 * but accounts) and at-least-once (idempotent producer, the accounts job, docs/accounts.md).
 */
public final class KafkaOut {

  /**
   * How long the broker keeps a transaction of a checkpoint open before aborting it: one hour, far
   * above the worst recovery measured (a supervised JobManager restart has every job running again
   * within a minute; a savepoint redeploy takes minutes). A transaction the broker aborts after
   * Flink checkpointed it is lost to read_committed readers, so recovery must always come first.
   * The broker's {@code transaction.max.timeout.ms} must allow it: checked when a job builds its
   * sink ({@link #checkTransactionTimeout}).
   */
  public static final long TRANSACTION_TIMEOUT_MS = Duration.ofHours(1).toMillis();

  private KafkaOut() {}

  /**
   * @param transactionalIdPrefix stable across restarts of the same job, unique per job
   */
  public static KafkaSink<OutRecord> exactlyOnce(
      KafkaConnection kafka, String transactionalIdPrefix) {
    Properties producer = new Properties();
    producer.setProperty(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT_MS));
    return sink(kafka, DeliveryGuarantee.EXACTLY_ONCE, producer)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .build();
  }

  /**
   * Refuses to go on when the brokers' {@code transaction.max.timeout.ms} is below {@code
   * requiredMs}: the sink would fail at its first transaction, or, were the timeout lowered to fit,
   * a slower recovery would lose the transactions of the last checkpoint.
   */
  public static void checkTransactionTimeout(Admin admin, long requiredMs) {
    try {
      Node broker = admin.describeCluster().nodes().get(1, TimeUnit.MINUTES).iterator().next();
      ConfigResource resource =
          new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(broker.id()));
      Config config =
          admin.describeConfigs(List.of(resource)).all().get(1, TimeUnit.MINUTES).get(resource);
      long max = Long.parseLong(config.get("transaction.max.timeout.ms").value());
      if (max < requiredMs) {
        throw new IllegalStateException(
            "the brokers' transaction.max.timeout.ms is "
                + max
                + " ms, below the "
                + requiredMs
                + " ms the exactly-once sinks need (KafkaOut.TRANSACTION_TIMEOUT_MS): raise it on"
                + " the brokers (terraform/modules/msk transaction_max_timeout_ms)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the brokers' configuration", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot read the brokers' transaction.max.timeout.ms: " + e.getMessage(), e);
    }
  }

  /**
   * The at-least-once sink: idempotent producer, so a retried send does not duplicate or reorder a
   * key's records; repeats come only from replays after a restore, and the writer must make them
   * identical (the accounts job does, with its sequences).
   */
  public static KafkaSink<OutRecord> atLeastOnce(KafkaConnection kafka) {
    Properties producer = new Properties();
    producer.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producer.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    return sink(kafka, DeliveryGuarantee.AT_LEAST_ONCE, producer).build();
  }

  private static KafkaSinkBuilder<OutRecord> sink(
      KafkaConnection kafka, DeliveryGuarantee guarantee, Properties producer) {
    producer.putAll(kafka.clientProperties());
    producer.setProperty(ProducerConfig.LINGER_MS_CONFIG, "1");
    producer.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    return KafkaSink.<OutRecord>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setDeliveryGuarantee(guarantee)
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(
            (KafkaRecordSerializationSchema<OutRecord>)
                (r, context, timestamp) ->
                    new ProducerRecord<>(r.topic, null, r.timestamp, r.key, r.value));
  }
}
