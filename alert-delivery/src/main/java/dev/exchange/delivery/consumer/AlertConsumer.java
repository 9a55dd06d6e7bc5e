package dev.exchange.delivery.consumer;

import dev.exchange.delivery.channels.FiredPayload;
import dev.exchange.delivery.system.DeliveryProperties;
import dev.exchange.model.EventSerde;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.AlertFired;
import dev.exchange.service.kafka.KafkaProperties;
import dev.exchange.service.kafka.TopicFollower;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code exchange.alerts} in the consumer group {@value #GROUP}, {@code read_committed} (only
 * the alerts job's committed firings), from the earliest offset when the group has none. Each
 * poll's firings are delivered at once ({@link Deliverer}), and the offsets are committed only
 * after every one has its final outcome written: a crash repeats at most the deliveries in flight,
 * and the delivery log makes the repeat skip what was done. A record that does not decode is
 * dead-lettered ({@value DeadLetterWriter#MALFORMED_RECORD}). When the database or Kafka fails, the
 * consumer is closed and made again after {@link #RESTART}, from the last committed offsets. It is
 * the {@code delivery} health indicator: up once it polled.
 */
@Component("delivery")
public class AlertConsumer implements SmartLifecycle, HealthIndicator {

  public static final String GROUP = "exchange-alert-delivery";

  static final Duration POLL = Duration.ofMillis(500);
  static final Duration RESTART = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(AlertConsumer.class);

  private final Deliverer deliverer;
  private final DeadLetterWriter deadLetters;
  private final Properties settings;
  private final Clock clock;
  private final Object pause = new Object();
  private volatile boolean running;
  private volatile boolean polled;
  private volatile String lastError;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;

  AlertConsumer(
      Deliverer deliverer,
      DeadLetterWriter deadLetters,
      KafkaProperties kafka,
      DeliveryProperties properties,
      Clock clock) {
    this.deliverer = deliverer;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.settings =
        TopicFollower.settings(
            kafka.connection(), kafka.clientId() + "-alerts", "read_committed", "earliest");
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.concurrency());
    settings.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        (int) properties.worstCase().plusMinutes(1).toMillis());
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::run, "alert-delivery-consumer");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(settings)) {
        consumer = c;
        c.subscribe(List.of(Topics.ALERTS));
        while (running) {
          ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
          polled = true;
          if (!records.isEmpty() && deliverAll(records)) {
            c.commitSync();
          }
        }
      } catch (WakeupException e) {
        if (running) {
          lastError = e.toString();
        }
      } catch (RuntimeException e) {
        lastError = e.toString();
        LOG.error("delivery stopped, restarting from the committed offsets in {}", RESTART, e);
        pauseBeforeRestart();
      } finally {
        consumer = null;
      }
    }
  }

  /** Delivers the poll's firings; true once all are done, false when stopped meanwhile. */
  private boolean deliverAll(ConsumerRecords<byte[], byte[]> records) {
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    Set<String> firings = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      AlertFired fired;
      try {
        fired = EventSerde.decode(record.value(), AlertFired.class);
      } catch (InvalidEventException e) {
        deadLetters.write(
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            record.value(),
            DeadLetterWriter.MALFORMED_RECORD,
            e.getMessage(),
            clock.millis());
        continue;
      }
      // A firing twice in one poll is delivered once: the second would not see the first's outcome.
      if (firings.add(FiredPayload.firingId(fired))) {
        pending.add(deliverer.deliver(fired, record));
      }
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    while (running) {
      try {
        all.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        // still delivering: look at running again
      } catch (ExecutionException e) {
        throw new IllegalStateException("a delivery could not be recorded", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private void pauseBeforeRestart() {
    synchronized (pause) {
      if (!running) {
        return;
      }
      try {
        pause.wait(RESTART.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  @Override
  public Health health() {
    if (running && polled) {
      return Health.up().build();
    }
    Health.Builder down = Health.down();
    return lastError == null ? down.build() : down.withDetail("error", lastError).build();
  }

  @Override
  public void stop() {
    synchronized (pause) {
      running = false;
      pause.notifyAll();
    }
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
