package dev.exchange.relay.feed;

import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.service.kafka.KafkaProperties;
import dev.exchange.service.kafka.TopicFollower;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The relay's one Kafka consumer (service-support's {@link TopicFollower}, on one thread): no
 * consumer group, every partition assigned, so every instance holds every symbol and instances
 * scale out. {@code read_uncommitted} for latency; {@link MarketMirror} drops what was already
 * delivered.
 *
 * <p>Start-up: (1) read the compacted {@code exchange.book-snapshots} to its end, seeding every
 * book; (2) read {@code exchange.book} from the oldest of those snapshots' record timestamps minus
 * {@code book-seek-margin} (from the beginning when there is no snapshot), so the deltas after each
 * snapshot are replayed and older ones dropped by id; {@code exchange.instruments} from the
 * beginning; {@code exchange.tickers} from {@code ticker-lookback} ago; trades, candles, order
 * events, balances, command rejections and fired alerts from their end. Ready once instruments,
 * book and tickers reached the end offsets seen at start.
 */
@Component
@ConditionalOnProperty(name = "exchange.relay.feed", havingValue = "true", matchIfMissing = true)
public class MarketFeed extends TopicFollower implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(MarketFeed.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final List<String> LIVE =
      List.of(
          Topics.INSTRUMENTS,
          Topics.BOOK,
          Topics.TICKERS,
          Topics.TRADES,
          Topics.CANDLES,
          Topics.ORDER_EVENTS,
          Topics.BALANCES,
          Topics.COMMAND_REJECTIONS,
          Topics.ALERTS);

  private final MarketMirror state;
  private final FeedProperties properties;
  private final Timer pollLag;
  private final Timer dispatchTime;
  private final Timer deliveredLag;
  private final Map<String, Long> snapshotTimes = new HashMap<>();

  /**
   * The feed's latency split, once live (catch-up excluded), as percentiles over the last ~30 s:
   * {@code relay.feed.poll.lag} (record timestamp to the poll that returned it: producer, broker,
   * fetch), {@code relay.feed.dispatch} (applying one record and handing its frames to every
   * subscriber's socket or queue: the fan-out) and {@code relay.feed.delivered.lag} (record
   * timestamp to the end of its dispatch, including records ahead of it in the same poll).
   */
  public MarketFeed(
      MarketMirror state, KafkaProperties kafka, FeedProperties properties, MeterRegistry meters) {
    super("relay-feed", POLL, consumerSettings(kafka));
    this.state = state;
    this.properties = properties;
    this.pollLag = latencyTimer("relay.feed.poll.lag", meters);
    this.dispatchTime = latencyTimer("relay.feed.dispatch", meters);
    this.deliveredLag = latencyTimer("relay.feed.delivered.lag", meters);
  }

  private static Properties consumerSettings(KafkaProperties kafka) {
    // "latest" is only reached when retention deleted what we were about to read: ids then jump,
    // and the book resnapshots from the next snapshot.
    Properties p =
        settings(kafka.connection(), kafka.clientId() + "-feed", "read_uncommitted", "latest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return p;
  }

  private static Timer latencyTimer(String name, MeterRegistry meters) {
    return Timer.builder(name)
        .publishPercentiles(0.5, 0.9, 0.99, 0.999)
        .distributionStatisticExpiry(Duration.ofSeconds(30))
        .register(meters);
  }

  @Override
  protected void onRecord(ConsumerRecord<byte[], byte[]> r, long polledMillis) {
    if (!isCaughtUp()) {
      state.onRecord(r.topic(), r.key(), r.value(), r.timestamp());
      return;
    }
    long start = System.nanoTime();
    try {
      state.onRecord(r.topic(), r.key(), r.value(), r.timestamp());
    } finally {
      dispatchTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      pollLag.record(Math.max(0, polledMillis - r.timestamp()), TimeUnit.MILLISECONDS);
      deliveredLag.record(
          Math.max(0, System.currentTimeMillis() - r.timestamp()), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  protected Map<TopicPartition, Long> assign(KafkaConsumer<byte[], byte[]> consumer) {
    long oldestSnapshot = bootstrapSnapshots();
    if (!running()) {
      return null;
    }
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
    for (String topic :
        List.of(
            Topics.TRADES,
            Topics.CANDLES,
            Topics.ORDER_EVENTS,
            Topics.BALANCES,
            Topics.COMMAND_REJECTIONS,
            Topics.ALERTS)) {
      consumer.seekToEnd(byTopic.get(topic));
    }
    for (TopicPartition tp : all) {
      consumer.position(tp, META); // resolve lazy seeks now: "live" starts here
    }
    List<TopicPartition> catchUp = new ArrayList<>(byTopic.get(Topics.INSTRUMENTS));
    catchUp.addAll(book);
    catchUp.addAll(byTopic.get(Topics.TICKERS));
    Map<TopicPartition, Long> target = endOffsets(catchUp);
    LOG.info("relay feed assigned {} partitions; catching up to {}", all.size(), target);
    return target;
  }

  /** Seeds the books from the compacted snapshot topic; returns the oldest timestamp used. */
  private long bootstrapSnapshots() {
    List<TopicPartition> partitions = partitions(Topics.BOOK_SNAPSHOTS);
    if (partitions.isEmpty()) {
      return -1;
    }
    readToEnd(partitions, this::seed);
    long oldest = snapshotTimes.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    LOG.info("seeded {} books from {}", snapshotTimes.size(), Topics.BOOK_SNAPSHOTS);
    return oldest;
  }

  /** One record of the snapshot topic: seeds its book and notes the snapshot's time. */
  private void seed(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return;
    }
    try {
      BookSnapshot s = EventSerde.decode(r.value(), BookSnapshot.class);
      snapshotTimes.put(s.getSymbol(), r.timestamp());
    } catch (RuntimeException e) {
      LOG.warn("skipping undecodable snapshot at offset {}: {}", r.offset(), e.getMessage());
      return;
    }
    state.onRecord(r.topic(), r.key(), r.value(), r.timestamp());
  }

  @Override
  protected void onCaughtUp() {
    state.instrumentsCaughtUp();
    LOG.info("relay feed caught up and live");
  }

  @Override
  public Health health() {
    return isCaughtUp()
        ? Health.up().build()
        : Health.outOfService().withDetail("feed", "catching up with Kafka").build();
  }
}
