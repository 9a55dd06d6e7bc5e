package dev.exchange.edge.kafka;

import dev.exchange.edge.errors.ApiException;
import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.edge.errors.FieldProblem;
import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.OrderCommand;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Writes commands to {@code exchange.orders} (key = symbol) with an idempotent {@code acks=all}
 * producer and returns only once the broker acknowledged them. A command that is not acknowledged
 * within {@code exchange.kafka.send-timeout} fails with 503 {@code KAFKA_UNAVAILABLE}: it was never
 * reported as accepted, and the producer's delivery timeout equals that bound so it is not retried
 * behind the client's back afterwards.
 */
@Component
public class CommandPublisher implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(CommandPublisher.class);

  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaProperties properties;
  private final Timer sent;
  private final Timer failed;

  public CommandPublisher(KafkaProperties properties, MeterRegistry meters) {
    this.properties = properties;
    this.producer = new KafkaProducer<>(producerConfig(properties));
    this.sent = sendTimer(meters, "acknowledged");
    this.failed = sendTimer(meters, "failed");
  }

  private static Timer sendTimer(MeterRegistry meters, String outcome) {
    return Timer.builder("exchange.kafka.send")
        .description("Time from send to broker acknowledgement of a command")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(meters);
  }

  static Properties producerConfig(KafkaProperties properties) {
    long timeoutMs = Math.max(1, properties.sendTimeout().toMillis());
    long lingerMs = Math.max(0, properties.linger().toMillis());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, properties.clientId() + "-commands");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeoutMs - lingerMs));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  /**
   * Sends the command and waits for the acknowledgement.
   *
   * @throws ApiException 503 {@code KAFKA_UNAVAILABLE} if it is not acknowledged in time
   */
  public RecordMetadata publish(OrderCommand command) {
    byte[] key = command.getSymbol().getBytes(StandardCharsets.UTF_8);
    byte[] value = EventSerde.encode(command);
    long start = System.nanoTime();
    long deadline = start + properties.sendTimeout().toNanos();
    try {
      Future<RecordMetadata> future =
          producer.send(new ProducerRecord<>(Topics.ORDERS, key, value));
      RecordMetadata metadata =
          future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      sent.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return metadata;
    } catch (ExecutionException e) {
      throw unavailable(start, e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw unavailable(start, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(start, e);
    }
  }

  private ApiException unavailable(long start, Throwable cause) {
    failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    LOG.warn("command not acknowledged by Kafka: {}", String.valueOf(cause));
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        List.of(
            new FieldProblem(
                null,
                ErrorCodes.KAFKA_UNAVAILABLE,
                "the order system did not acknowledge the command within "
                    + properties.sendTimeout().toMillis()
                    + " ms; it was not accepted, retry later")),
        properties.retryAfter());
  }

  @Override
  public void destroy() {
    producer.close(Duration.ofSeconds(5));
  }
}
