package dev.exchange.edge.kafka;

import dev.exchange.edge.errors.ErrorCodes;
import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.AlertCommand;
import dev.exchange.model.avro.Asset;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.service.kafka.KafkaProperties;
import dev.exchange.service.web.ApiException;
import dev.exchange.service.web.FieldProblem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
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
 * Writes commands with an idempotent {@code acks=all} producer and returns only once the broker
 * acknowledged them: an account's order requests and transfers to {@code exchange.account-commands}
 * (key = account, the accounts job holds funds and forwards orders to {@code exchange.orders}),
 * instrument commands to {@code exchange.orders} (key = symbol), asset listings to {@code
 * exchange.assets} (key = code). A command that is not acknowledged within {@code
 * exchange.kafka.send-timeout} fails with 503 {@code KAFKA_UNAVAILABLE}: it was never reported as
 * accepted, and the producer's delivery timeout equals that bound so it is not retried behind the
 * client's back afterwards.
 *
 * <p>{@link #publishAsync} is the same contract without a waiting thread: the outcome is reported
 * exactly once, from the producer's callback or, if that has not come by the bound, from a sweeper
 * thread that expires overdue sends (every send has the same bound, so they expire in the order
 * they were made and the sweeper only looks at the head of a queue).
 */
@Component
public class CommandPublisher implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(CommandPublisher.class);

  private final KafkaProducer<byte[], byte[]> producer;
  private final PublisherProperties properties;
  private final Timer sent;
  private final Timer failed;
  private final long timeoutNanos;
  private final ConcurrentLinkedQueue<PendingSend> pending = new ConcurrentLinkedQueue<>();
  private final Thread sweeper;
  private volatile boolean running = true;

  public CommandPublisher(
      KafkaProperties kafka, PublisherProperties properties, MeterRegistry meters) {
    this.properties = properties;
    this.producer = new KafkaProducer<>(producerConfig(kafka, properties));
    this.sent = sendTimer(meters, "acknowledged");
    this.failed = sendTimer(meters, "failed");
    this.timeoutNanos = properties.sendTimeout().toNanos();
    this.sweeper = new Thread(this::sweep, kafka.clientId() + "-send-deadlines");
    this.sweeper.setDaemon(true);
    this.sweeper.start();
  }

  /** What becomes of an asynchronous send; exactly one of the two is called, once. */
  public interface Outcome {

    /** The broker acknowledged the command ({@code acks=all}). */
    void acknowledged();

    /** Not acknowledged within the bound: 503 {@code KAFKA_UNAVAILABLE}. */
    void failed(ApiException unavailable);
  }

  private static Timer sendTimer(MeterRegistry meters, String outcome) {
    return Timer.builder("exchange.kafka.send")
        .description("Time from send to broker acknowledgement of a command")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(meters);
  }

  static Properties producerConfig(KafkaProperties kafka, PublisherProperties properties) {
    long timeoutMs = Math.max(1, properties.sendTimeout().toMillis());
    long lingerMs = Math.max(0, properties.linger().toMillis());
    Properties p = new Properties();
    p.putAll(kafka.connection().clientProperties());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-commands");
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
   * Sends an instrument command to {@code exchange.orders} (key = symbol) and waits for the
   * acknowledgement.
   *
   * @throws ApiException 503 {@code KAFKA_UNAVAILABLE} if it is not acknowledged in time
   */
  public RecordMetadata publish(OrderCommand command) {
    return send(Topics.ORDERS, command.getSymbol(), EventSerde.encode(command));
  }

  /**
   * Sends an account's command (an order request or a transfer) to {@code
   * exchange.account-commands} (key = account) and waits for the acknowledgement.
   *
   * @throws ApiException 503 {@code KAFKA_UNAVAILABLE} if it is not acknowledged in time
   */
  public RecordMetadata publish(AccountCommand command) {
    return send(Topics.ACCOUNT_COMMANDS, command.getAccount(), EventSerde.encode(command));
  }

  /**
   * Sends an asset listing to the compacted {@code exchange.assets} (key = code) and waits for the
   * acknowledgement.
   *
   * @throws ApiException 503 {@code KAFKA_UNAVAILABLE} if it is not acknowledged in time
   */
  public RecordMetadata publish(Asset asset) {
    return send(Topics.ASSETS, asset.getCode(), EventSerde.encode(asset));
  }

  /**
   * Sends an alert command to the compacted {@code exchange.alert-commands} (key = alert id) and
   * waits for the acknowledgement.
   *
   * @throws ApiException 503 {@code KAFKA_UNAVAILABLE} if it is not acknowledged in time
   */
  public RecordMetadata publish(AlertCommand command) {
    return send(Topics.ALERT_COMMANDS, command.getAlert().getAlertId(), EventSerde.encode(command));
  }

  private RecordMetadata send(String topic, String key, byte[] value) {
    long start = System.nanoTime();
    long deadline = start + properties.sendTimeout().toNanos();
    try {
      Future<RecordMetadata> future =
          producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
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

  /**
   * Sends an account's command to {@code exchange.account-commands} (key = account) and reports the
   * outcome to {@code outcome} without blocking for the acknowledgement: from the producer's I/O
   * thread (keep the outcome's work small), or from the sweeper thread if the acknowledgement has
   * not come within {@code exchange.kafka.send-timeout}. If the record is refused at once (the
   * producer is closed, the thread interrupted, ...), the failure is reported on the calling
   * thread.
   */
  public void publishAsync(AccountCommand command, Outcome outcome) {
    PendingSend send = new PendingSend(System.nanoTime(), outcome);
    pending.add(send);
    try {
      byte[] key = command.getAccount().getBytes(StandardCharsets.UTF_8);
      byte[] value = EventSerde.encode(command);
      producer.send(new ProducerRecord<>(Topics.ACCOUNT_COMMANDS, key, value), send);
    } catch (RuntimeException e) {
      // Refused before it reached the producer's buffer (closed, interrupted, ...): not sent.
      send.onCompletion(null, e);
    }
  }

  private final class PendingSend extends AtomicBoolean implements Callback {

    private final long start;
    private final long deadline;
    private final Outcome outcome;

    PendingSend(long start, Outcome outcome) {
      this.start = start;
      this.deadline = start + timeoutNanos;
      this.outcome = outcome;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (!compareAndSet(false, true)) {
        return;
      }
      if (exception == null) {
        sent.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        report(true, null);
      } else {
        report(false, unavailable(start, exception));
      }
    }

    void expire() {
      if (compareAndSet(false, true)) {
        report(false, unavailable(start, new TimeoutException("no acknowledgement in time")));
      }
    }

    private void report(boolean acknowledged, ApiException unavailable) {
      try {
        if (acknowledged) {
          outcome.acknowledged();
        } else {
          outcome.failed(unavailable);
        }
      } catch (RuntimeException e) {
        LOG.error("reporting a send outcome failed", e);
      }
    }
  }

  /** Expires sends past their bound, oldest first; completed ones are dropped from the head. */
  private void sweep() {
    long period = Math.max(1_000_000L, Math.min(10_000_000L, timeoutNanos / 20));
    while (running) {
      LockSupport.parkNanos(period);
      long now = System.nanoTime();
      PendingSend head;
      while ((head = pending.peek()) != null && (head.get() || head.deadline - now <= 0)) {
        pending.poll();
        head.expire();
      }
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
                    + " ms; it may still have been written: retry with the same clientOrderId"
                    + " (a repeat of an accepted order is rejected) or look the order up")),
        properties.retryAfter());
  }

  @Override
  public void destroy() {
    producer.close(Duration.ofSeconds(5));
    running = false;
    LockSupport.unpark(sweeper);
    PendingSend left;
    while ((left = pending.poll()) != null) {
      left.expire();
    }
  }
}
