package dev.exchange.relay.feed;

import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.BookSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The relay's one Kafka consumer, on one thread: no consumer group, every partition assigned, so
 * every instance holds every symbol and instances scale out. {@code read_uncommitted} for latency;
 * {@link MarketMirror} drops what was already delivered.
 *
 * <p>Start-up: (1) read the compacted {@code exchange.book-snapshots} to its end, seeding every
 * book; (2) read {@code exchange.book} from the oldest of those snapshots' record timestamps minus
 * {@code book-seek-margin} (from the beginning when there is no snapshot), so the deltas after each
 * snapshot are replayed and older ones dropped by id; {@code exchange.instruments} from the
 * beginning; {@code exchange.tickers} from {@code ticker-lookback} ago; trades, candles and order
 * events from their end. Ready once instruments, book and tickers reached the end offsets seen at
 * start.
 */
@Component
@ConditionalOnProperty(name = "exchange.relay.feed", havingValue = "true", matchIfMissing = true)
public class MarketFeed implements SmartLifecycle, HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(MarketFeed.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration META = Duration.ofSeconds(5);
  private static final List<String> LIVE =
      List.of(
          Topics.INSTRUMENTS,
          Topics.BOOK,
          Topics.TICKERS,
          Topics.TRADES,
          Topics.CANDLES,
          Topics.ORDER_EVENTS);

  private final MarketMirror state;
  private final KafkaProperties properties;
  private final Timer pollLag;
  private final Timer dispatchTime;
  private final Timer deliveredLag;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean running;
  private volatile boolean caughtUp;

  /**
   * The feed's latency split, once live (catch-up excluded), as percentiles over the last ~30 s:
   * {@code relay.feed.poll.lag} (record timestamp to the poll that returned it: producer, broker,
   * fetch), {@code relay.feed.dispatch} (applying one record and handing its frames to every
   * subscriber's socket or queue: the fan-out) and {@code relay.feed.delivered.lag} (record
   * timestamp to the end of its dispatch, including records ahead of it in the same poll).
   */
  public MarketFeed(MarketMirror state, KafkaProperties properties, MeterRegistry meters) {
    this.state = state;
    this.properties = properties;
    this.pollLag = latencyTimer("relay.feed.poll.lag", meters);
    this.dispatchTime = latencyTimer("relay.feed.dispatch", meters);
    this.deliveredLag = latencyTimer("relay.feed.delivered.lag", meters);
  }

  private static Timer latencyTimer(String name, MeterRegistry meters) {
    return Timer.builder(name)
        .publishPercentiles(0.5, 0.9, 0.99, 0.999)
        .distributionStatisticExpiry(Duration.ofSeconds(30))
        .register(meters);
  }

  @Override
  public void start() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.clientId() + "-feed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    // Only reached when retention deleted what we were about to read: ids then jump, and the book
    // resnapshots from the next snapshot.
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumer = new KafkaConsumer<>(p);
    running = true;
    thread = new Thread(this::run, "relay-feed");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      long oldestSnapshot = bootstrapSnapshots();
      if (!running) {
        return;
      }
      Map<TopicPartition, Long> target = assignLive(oldestSnapshot);
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (caughtUp) {
          long polledMillis = System.currentTimeMillis();
          for (ConsumerRecord<byte[], byte[]> r : records) {
            long start = System.nanoTime();
            dispatch(r);
            dispatchTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            pollLag.record(Math.max(0, polledMillis - r.timestamp()), TimeUnit.MILLISECONDS);
            deliveredLag.record(
                Math.max(0, System.currentTimeMillis() - r.timestamp()), TimeUnit.MILLISECONDS);
          }
        } else {
          for (ConsumerRecord<byte[], byte[]> r : records) {
            dispatch(r);
          }
        }
        if (target != null && reached(target)) {
          target = null;
          caughtUp = true;
          LOG.info("relay feed caught up and live");
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("relay feed stopped", e);
      throw e;
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> r) {
    try {
      state.onRecord(r.topic(), r.key(), r.value(), r.timestamp());
    } catch (RuntimeException e) {
      // A bug on one record must not stop every stream; it is logged with its position.
      LOG.error("cannot apply {}-{}@{}", r.topic(), r.partition(), r.offset(), e);
    }
  }

  /** Seeds the books from the compacted snapshot topic; returns the oldest timestamp used. */
  private long bootstrapSnapshots() {
    List<TopicPartition> partitions = partitions(Topics.BOOK_SNAPSHOTS);
    if (partitions.isEmpty()) {
      return -1;
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, META));
    Map<String, Long> latestBySymbol = new HashMap<>();
    while (running && !reached(end)) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        if (r.value() == null) {
          continue;
        }
        try {
          BookSnapshot s = EventSerde.decode(r.value(), BookSnapshot.class);
          latestBySymbol.put(s.getSymbol(), r.timestamp());
        } catch (RuntimeException e) {
          LOG.warn("skipping undecodable snapshot at offset {}: {}", r.offset(), e.getMessage());
          continue;
        }
        dispatch(r);
      }
    }
    long oldest = latestBySymbol.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    LOG.info("seeded {} books from {}", latestBySymbol.size(), Topics.BOOK_SNAPSHOTS);
    return oldest;
  }

  private Map<TopicPartition, Long> assignLive(long oldestSnapshot) {
    Map<String, List<TopicPartition>> byTopic = new HashMap<>();
    List<TopicPartition> all = new ArrayList<>();
    for (String topic : LIVE) {
      List<TopicPartition> ps = partitions(topic);
      byTopic.put(topic, ps);
      all.addAll(ps);
    }
    consumer.assign(all);
    consumer.seekToBeginning(byTopic.get(Topics.INSTRUMENTS));
    List<TopicPartition> book = byTopic.get(Topics.BOOK);
    if (oldestSnapshot < 0) {
      consumer.seekToBeginning(book);
    } else {
      seekToTime(book, oldestSnapshot - properties.bookSeekMargin().toMillis());
    }
    seekToTime(
        byTopic.get(Topics.TICKERS),
        System.currentTimeMillis() - properties.tickerLookback().toMillis());
    for (String topic : List.of(Topics.TRADES, Topics.CANDLES, Topics.ORDER_EVENTS)) {
      consumer.seekToEnd(byTopic.get(topic));
    }
    for (TopicPartition tp : all) {
      consumer.position(tp, META); // resolve lazy seeks now: "live" starts here
    }
    List<TopicPartition> catchUp = new ArrayList<>(byTopic.get(Topics.INSTRUMENTS));
    catchUp.addAll(book);
    catchUp.addAll(byTopic.get(Topics.TICKERS));
    Map<TopicPartition, Long> target = new HashMap<>(consumer.endOffsets(catchUp, META));
    LOG.info("relay feed assigned {} partitions; catching up to {}", all.size(), target);
    return target;
  }

  private void seekToTime(List<TopicPartition> partitions, long time) {
    Map<TopicPartition, Long> query = new HashMap<>();
    for (TopicPartition tp : partitions) {
      query.put(tp, Math.max(0, time));
    }
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, META);
    List<TopicPartition> toEnd = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      if (at == null) {
        toEnd.add(tp);
      } else {
        consumer.seek(tp, at.offset());
      }
    }
    consumer.seekToEnd(toEnd);
  }

  private List<TopicPartition> partitions(String topic) {
    while (running) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, META);
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        }
        LOG.warn("topic {} not found yet", topic);
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        LOG.warn("cannot read {} yet: {}", topic, e.toString());
      }
    }
    return List.of();
  }

  private boolean reached(Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Health health() {
    return caughtUp
        ? Health.up().build()
        : Health.outOfService().withDetail("feed", "catching up with Kafka").build();
  }

  public boolean isCaughtUp() {
    return caughtUp;
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(5000);
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
