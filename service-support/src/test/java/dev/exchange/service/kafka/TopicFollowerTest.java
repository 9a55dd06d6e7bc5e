package dev.exchange.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.model.KafkaConnection;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TopicFollower} against a real broker: the history before start is read and reported caught
 * up once, later records follow, a record that throws is skipped without stopping the rest, a topic
 * created after start is waited for, and stop ends the thread.
 */
@ExtendWith(LocalServicesExtension.class)
class TopicFollowerTest {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static KafkaBroker kafka;
  private Recorder follower;

  @BeforeAll
  static void broker(KafkaBroker broker) {
    kafka = broker;
  }

  @AfterEach
  void stop() {
    if (follower != null) {
      follower.stop();
    }
  }

  @Test
  void readsTheHistoryThenFollowsAndSkipsARecordThatThrows() throws Exception {
    String topic = "follower.history";
    kafka.createTopic(topic, 2);
    send(topic, "a", "b", "c");

    follower = new Recorder(topic);
    follower.start();
    await().atMost(Duration.ofSeconds(30)).until(follower::isCaughtUp);
    assertThat(follower.history).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(follower.caughtUpCalls).hasValue(1);

    send(topic, "d", Recorder.BAD, "e");
    await().atMost(Duration.ofSeconds(30)).until(() -> follower.live.size() == 2);
    assertThat(follower.live).containsExactlyInAnyOrder("d", "e");
    assertThat(follower.history).hasSize(3);
    assertThat(follower.caughtUpCalls).hasValue(1);
    assertThat(follower.isRunning()).isTrue();
  }

  @Test
  void waitsForATopicCreatedAfterStartWithoutSpinning() throws Exception {
    String topic = "follower.later";
    follower = new Recorder(topic);
    follower.start();
    long thread = await().atMost(Duration.ofSeconds(10)).until(() -> threadId(topic), id -> id > 0);
    long cpuBefore = THREADS.getThreadCpuTime(thread);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !follower.isCaughtUp());
    // Asking the broker in a loop costs most of a core; between attempts the follower waits.
    assertThat(Duration.ofNanos(THREADS.getThreadCpuTime(thread) - cpuBefore))
        .isLessThan(Duration.ofMillis(300));

    kafka.createTopic(topic, 1);
    await().atMost(Duration.ofSeconds(30)).until(follower::isCaughtUp);
    send(topic, "first");
    await().atMost(Duration.ofSeconds(30)).until(() -> follower.live.contains("first"));
  }

  @Test
  void stopEndsTheThread() {
    String topic = "follower.stop";
    kafka.createTopic(topic, 1);
    follower = new Recorder(topic);
    follower.start();
    await().atMost(Duration.ofSeconds(30)).until(follower::isCaughtUp);

    follower.stop();

    assertThat(follower.isRunning()).isFalse();
    assertThat(threadAlive(topic)).isFalse();
    follower = null;
  }

  private static long threadId(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name) && t.isAlive())
        .mapToLong(Thread::getId)
        .findFirst()
        .orElse(-1);
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  private static void send(String topic, String... values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (String value : values) {
        producer
            .send(new ProducerRecord<>(topic, null, value.getBytes(StandardCharsets.UTF_8)))
            .get(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Reads its topic from the beginning, then records what follows; throws on {@link #BAD}. */
  private static final class Recorder extends TopicFollower {

    static final String BAD = "bad";

    final String topic;
    final List<String> history = new CopyOnWriteArrayList<>();
    final List<String> live = new CopyOnWriteArrayList<>();
    final AtomicInteger caughtUpCalls = new AtomicInteger();

    Recorder(String topic) {
      super(
          topic,
          Duration.ofMillis(100),
          settings(
              KafkaConnection.plaintext(kafka.bootstrapServers()),
              "test-" + topic,
              "read_committed",
              "earliest"));
      this.topic = topic;
    }

    @Override
    protected Map<TopicPartition, Long> assign(KafkaConsumer<byte[], byte[]> consumer) {
      List<TopicPartition> partitions = partitions(topic);
      readToEnd(partitions, r -> history.add(value(r)));
      return endOffsets(partitions);
    }

    @Override
    protected void onRecord(ConsumerRecord<byte[], byte[]> record, long polledMillis) {
      String value = value(record);
      if (value.equals(BAD)) {
        throw new IllegalStateException("cannot apply " + value);
      }
      live.add(value);
    }

    @Override
    protected void onCaughtUp() {
      caughtUpCalls.incrementAndGet();
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
      return new String(record.value(), StandardCharsets.UTF_8);
    }
  }
}
