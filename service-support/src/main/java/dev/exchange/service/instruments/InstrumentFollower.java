package dev.exchange.service.instruments;

import dev.exchange.model.EventSerde;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.Instrument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Follows the compacted {@code exchange.instruments} topic from its beginning on a background
 * thread (no consumer group: every partition is assigned) and keeps {@link InstrumentCache}
 * current. The cache counts as caught up once it has read up to the end offsets seen at start;
 * readiness waits for that. Undecodable records are logged and skipped: the matcher is the single
 * writer, and it routes its own bad input to the dead-letter topic.
 */
public class InstrumentFollower implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(InstrumentFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final InstrumentCache cache;
  private final String bootstrapServers;
  private final String clientId;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean running;

  /**
   * @param bootstrapServers broker list
   * @param clientId Kafka client id prefix of the service; {@code -instruments} is appended
   */
  public InstrumentFollower(InstrumentCache cache, String bootstrapServers, String clientId) {
    this.cache = cache;
    this.bootstrapServers = bootstrapServers;
    this.clientId = clientId;
  }

  @Override
  public void start() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-instruments");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumer = new KafkaConsumer<>(p);
    running = true;
    thread = new Thread(this::run, "instrument-follower");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      Map<TopicPartition, Long> target = assignAll();
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          apply(record);
        }
        if (target != null && reached(target)) {
          target = null;
          cache.markCaughtUp();
          LOG.info("instrument cache caught up: {} instruments", cache.all().size());
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private Map<TopicPartition, Long> assignAll() {
    while (running) {
      try {
        List<PartitionInfo> infos =
            consumer.partitionsFor(Topics.INSTRUMENTS, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
          LOG.warn("topic {} not found yet", Topics.INSTRUMENTS);
          continue;
        }
        List<TopicPartition> partitions =
            infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end =
            new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(5)));
        LOG.info("following {} from the beginning up to {}", Topics.INSTRUMENTS, end);
        return end;
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        LOG.warn("cannot read {} yet: {}", Topics.INSTRUMENTS, e.toString());
      }
    }
    return null;
  }

  private boolean reached(Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      if (record.key() != null) {
        cache.remove(new String(record.key(), StandardCharsets.UTF_8));
      }
      return;
    }
    try {
      cache.put(InstrumentSpec.fromRecord(EventSerde.decode(record.value(), Instrument.class)));
    } catch (InvalidEventException | IllegalArgumentException e) {
      LOG.warn(
          "skipping undecodable instrument at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
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
