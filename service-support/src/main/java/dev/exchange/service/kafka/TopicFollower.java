package dev.exchange.service.kafka;

import dev.exchange.model.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
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
import org.springframework.context.SmartLifecycle;

/**
 * A Kafka consumer on its own daemon thread, with no consumer group (the subclass assigns
 * partitions and seeks), that reads until stopped: the one way the services follow topics. The
 * subclass says where to start ({@link #assign}, which returns the end offsets that count as caught
 * up) and what a record does ({@link #onRecord}); this class runs the poll loop, tells the subclass
 * once when it has caught up, keeps one bad record from stopping the rest (logged with its
 * position), waits for topics that do not exist yet, and stops on {@link #stop()} (wake-up, join,
 * close).
 */
public abstract class TopicFollower implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

  /** How long a metadata call (partitions, offsets) may take. */
  protected static final Duration META = Duration.ofSeconds(5);

  /** How long to wait before asking again for a topic that does not exist yet. */
  static final Duration TOPIC_RETRY = Duration.ofMillis(500);

  /** A missing topic is logged on the first attempt and then once every this many. */
  private static final int LOG_EVERY = 30;

  private final String name;
  private final Duration poll;
  private final Properties settings;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean running;
  private volatile boolean caughtUp;
  private final Object pause = new Object();

  /**
   * @param name the thread's name, also used in log lines
   * @param poll how long one poll waits for records
   * @param settings consumer settings, from {@link #settings} plus the follower's own
   */
  protected TopicFollower(String name, Duration poll, Properties settings) {
    this.name = name;
    this.poll = poll;
    this.settings = settings;
  }

  /**
   * The settings every follower shares: the connection's, byte-array records, no auto commit,
   * reconnect back-off up to 1 s.
   *
   * @param isolation {@code read_committed} or {@code read_uncommitted}
   * @param offsetReset where to go when an offset is gone ({@code earliest}, {@code latest})
   */
  public static Properties settings(
      KafkaConnection connection, String clientId, String isolation, String offsetReset) {
    Properties p = new Properties();
    p.putAll(connection.clientProperties());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
    p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  /**
   * On the follower's thread, before the first poll: assign partitions ({@link #partitions}) and
   * seek. Returns the end offsets to reach before {@link #onCaughtUp}, or null when stopped.
   */
  protected abstract Map<TopicPartition, Long> assign(KafkaConsumer<byte[], byte[]> consumer);

  /**
   * One record. {@code polledMillis} is the wall-clock time of the poll that returned it. An
   * exception is logged with the record's position, and the follower goes on.
   */
  protected abstract void onRecord(ConsumerRecord<byte[], byte[]> record, long polledMillis);

  /** Once, when every partition reached the end offsets {@link #assign} returned. */
  protected abstract void onCaughtUp();

  /** After the records of each poll (also an empty one) were handed to {@link #onRecord}. */
  protected void afterPoll() {}

  @Override
  public void start() {
    consumer = new KafkaConsumer<>(settings);
    running = true;
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      Map<TopicPartition, Long> target = assign(consumer);
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(poll);
        long polledMillis = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          dispatch(record, r -> onRecord(r, polledMillis));
        }
        afterPoll();
        if (target != null && reached(target)) {
          target = null;
          caughtUp = true;
          onCaughtUp();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("{} stopped", name, e);
      throw e;
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void dispatch(
      ConsumerRecord<byte[], byte[]> record, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
    try {
      handler.accept(record);
    } catch (RuntimeException e) {
      // A bug on one record must not stop the rest; it is logged with its position.
      LOG.error(
          "{} cannot apply {}-{}@{}", name, record.topic(), record.partition(), record.offset(), e);
    }
  }

  /**
   * The partitions of {@code topic}, waiting (and logging) while it does not exist or the broker
   * cannot be reached; empty when stopped meanwhile.
   */
  protected List<TopicPartition> partitions(String topic) {
    for (int attempt = 0; running; attempt++) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, META);
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        }
        if (attempt % LOG_EVERY == 0) {
          LOG.warn("topic {} not found yet", topic);
        }
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        if (attempt % LOG_EVERY == 0) {
          LOG.warn("cannot read {} yet: {}", topic, e.toString());
        }
      }
      pauseBeforeRetry();
    }
    return List.of();
  }

  /** Waits {@link #TOPIC_RETRY}, or less when {@link #stop()} comes first. */
  private void pauseBeforeRetry() {
    synchronized (pause) {
      if (!running) {
        return;
      }
      try {
        pause.wait(TOPIC_RETRY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  /** The current end offsets of {@code partitions}. */
  protected Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
    return new HashMap<>(consumer.endOffsets(partitions, META));
  }

  /**
   * Within {@link #assign}: reads {@code partitions} from their beginning to the end offsets seen
   * now, handing each record to {@code handler} (an exception is logged like one of {@link
   * #onRecord}), until then or until stopped.
   */
  protected void readToEnd(
      List<TopicPartition> partitions, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = endOffsets(partitions);
    while (running && !reached(end)) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(poll)) {
        dispatch(record, handler);
      }
    }
  }

  /**
   * Seeks each of {@code partitions} to its first record at or after {@code time} (epoch millis),
   * or to its end when it has none.
   */
  protected void seekToTime(List<TopicPartition> partitions, long time) {
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

  private boolean reached(Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Whether the follower still runs (false once {@link #stop()} began). */
  protected boolean running() {
    return running;
  }

  /** Whether every partition reached the end offsets {@link #assign} returned. */
  public boolean isCaughtUp() {
    return caughtUp;
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
