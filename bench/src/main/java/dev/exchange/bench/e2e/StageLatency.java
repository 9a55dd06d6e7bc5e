package dev.exchange.bench.e2e;

import dev.exchange.model.EventSerde;
import dev.exchange.model.KafkaConnection;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The accounts stage's own latency, as one Kafka consumer sees it: for each new order of the run,
 * the time from its request's arrival on {@code exchange.account-commands} (written by edge-api) to
 * the arrival of the forwarded order on {@code exchange.orders} (written by the accounts job, held
 * or pre-rejected). Both topics are read {@code read_uncommitted} by the same consumer, so its own
 * poll delay is on both sides and mostly cancels; what remains is the job's read, hold and write.
 * When one poll returns the forwarded order before its request (the fetches of the two topics'
 * partitions are not ordered with each other), the stage was faster than this observer can tell:
 * such an order counts as 0 µs and is reported apart ({@link Outcome#seenInverted}).
 */
final class StageLatency implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Predicate<String> ours;
  private final Map<String, Long> requested = new HashMap<>();
  private final Set<String> forwardedFirst = new HashSet<>();
  private final Histogram micros = new Histogram(60_000_000L, 3);
  private final Thread thread;
  private volatile boolean running = true;
  private long inverted;

  /**
   * @param ours which client order ids to measure (the run's)
   */
  StageLatency(String bootstrapServers, Predicate<String> ours) {
    this.ours = ours;
    Properties p = new Properties();
    // The security settings of a deployed system come from EXCHANGE_KAFKA_* (KafkaConnection).
    p.putAll(KafkaConnection.fromEnvironment(bootstrapServers, System.getenv()).clientProperties());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.ACCOUNT_COMMANDS, Topics.ORDERS)) {
      consumer
          .partitionsFor(topic)
          .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(this::poll, "bench-stage-latency");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    while (running) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
        long now = System.nanoTime();
        if (r.topic().equals(Topics.ACCOUNT_COMMANDS)) {
          if (EventSerde.decode(r.value(), AccountCommand.class).getPayload()
                  instanceof OrderRequest request
              && request.getCommand().getPayload() instanceof NewOrder order
              && ours.test(order.getClientOrderId())) {
            synchronized (this) {
              if (forwardedFirst.remove(order.getClientOrderId())) {
                inverted++;
                micros.recordValue(0);
              } else {
                requested.putIfAbsent(order.getClientOrderId(), now);
              }
            }
          }
        } else if (EventSerde.decode(r.value(), OrderCommand.class).getPayload()
                instanceof NewOrder order
            && ours.test(order.getClientOrderId())) {
          synchronized (this) {
            Long at = requested.remove(order.getClientOrderId());
            if (at == null) {
              forwardedFirst.add(order.getClientOrderId());
            } else {
              micros.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(now - at), 60_000_000L));
            }
          }
        }
      }
    }
  }

  /**
   * What was measured: the latency histogram, the orders seen forwarded before requested (in it at
   * 0), and the orders seen on one side only.
   */
  record Outcome(
      Histogram micros, long seenInverted, long requestsNotForwarded, long forwardedNotRequested) {}

  synchronized Outcome finish() {
    return new Outcome(micros.copy(), inverted, requested.size(), forwardedFirst.size());
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(TimeUnit.SECONDS.toMillis(5));
    consumer.close();
  }
}
