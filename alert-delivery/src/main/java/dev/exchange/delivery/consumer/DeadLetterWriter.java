package dev.exchange.delivery.consumer;

import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.service.kafka.KafkaProperties;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Writes dead letters to {@code exchange.dlq} with an idempotent {@code acks=all} producer and
 * waits for the broker: a firing whose delivery failed for good ({@value #DELIVERY_FAILED}) and a
 * record of {@code exchange.alerts} that does not decode ({@value #MALFORMED_RECORD}). The dead
 * letter carries the record as read (topic, partition, offset, key, value), keyed by it.
 */
@Component
public class DeadLetterWriter implements DisposableBean {

  public static final String DELIVERY_FAILED = "ALERT_DELIVERY_FAILED";
  public static final String MALFORMED_RECORD = "MALFORMED_RECORD";

  /** The {@code job} field of its dead letters. */
  public static final String SOURCE = "alert-delivery";

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaProducer<byte[], byte[]> producer;

  DeadLetterWriter(KafkaProperties kafka) {
    Map<String, Object> config =
        kafka
            .connection()
            .clientProperties(
                Map.of(
                    ProducerConfig.CLIENT_ID_CONFIG,
                    kafka.clientId() + "-dlq",
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    true,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    (int) SEND_TIMEOUT.toMillis() / 2,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                    (int) SEND_TIMEOUT.toMillis(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class.getName()));
    this.producer = new KafkaProducer<>(config);
  }

  /**
   * The dead letter of the record at {@code topic}-{@code partition}@{@code offset}, once the
   * broker acknowledged it.
   *
   * @throws IllegalStateException when it was not acknowledged within 30 s
   */
  public void write(
      String topic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      String reasonCode,
      String reason,
      long time) {
    DeadLetter letter =
        new DeadLetter(
            topic,
            partition,
            offset,
            key == null ? null : ByteBuffer.wrap(key),
            value == null ? null : ByteBuffer.wrap(value),
            reasonCode,
            reason == null ? "" : reason,
            SOURCE,
            time);
    try {
      producer
          .send(new ProducerRecord<>(Topics.DLQ, key, EventSerde.encode(letter)))
          .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("dead letter to " + Topics.DLQ + " not acknowledged", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a dead letter", e);
    }
  }

  @Override
  public void destroy() {
    producer.close(Duration.ofSeconds(5));
  }
}
