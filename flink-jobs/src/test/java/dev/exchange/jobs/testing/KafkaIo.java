package dev.exchange.jobs.testing;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.OrderEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producing inputs and reading job outputs with the plain Kafka clients, for job tests. */
public final class KafkaIo {

  /** One record to produce: key, value bytes and the record timestamp. */
  public record Entry(String key, byte[] value, long timestamp) {}

  private KafkaIo() {}

  /**
   * Test topics keep every record: the command logs carry fixed timestamps from the past (so that
   * they are reproducible), which the production 7-day retention would delete, and compaction would
   * thin the compacted topics that the tests compare record by record.
   */
  public static final Map<String, String> KEEP_EVERYTHING =
      Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");

  /** Creates the prefixed exchange topics (4 partitions each). */
  public static void createTopics(KafkaBroker kafka, TopicNames topics) throws Exception {
    List<NewTopic> list = new ArrayList<>();
    for (Topics.TopicSpec spec : Topics.ALL) {
      list.add(new NewTopic(topics.name(spec.name()), 4, (short) 1).configs(KEEP_EVERYTHING));
    }
    try (var admin = kafka.admin()) {
      admin.createTopics(list).all().get();
    }
  }

  /**
   * One producer per broker for the whole run, not idempotent, one request in flight (so order is
   * kept). Idempotent producers in this harness were seen refused as "out of order sequence" by the
   * single-node broker right after a topic was created; a duplicate from a retry here would make
   * the exact comparison fail, never pass silently.
   */
  private static final Map<String, KafkaProducer<byte[], byte[]>> PRODUCERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static KafkaProducer<byte[], byte[]> producer(KafkaBroker kafka) {
    return PRODUCERS.computeIfAbsent(
        kafka.bootstrapServers(),
        servers -> {
          Properties p = new Properties();
          p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
          p.put(ProducerConfig.ACKS_CONFIG, "all");
          p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
          p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
          p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
          return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        });
  }

  /** Produces the entries in order and returns them as the job will see them. */
  public static synchronized List<RawRecord> produce(
      KafkaBroker kafka, String topic, List<Entry> log)
      throws InterruptedException, ExecutionException {
    KafkaProducer<byte[], byte[]> producer = producer(kafka);
    List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
    for (Entry e : log) {
      futures.add(
          producer.send(
              new ProducerRecord<>(
                  topic,
                  null,
                  e.timestamp(),
                  e.key().getBytes(StandardCharsets.UTF_8),
                  e.value())));
    }
    List<RawRecord> sent = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      RecordMetadata m = futures.get(i).get();
      Entry e = log.get(i);
      sent.add(new RawRecord(e.key(), e.value(), topic, m.partition(), m.offset(), e.timestamp()));
    }
    return sent;
  }

  /** The key of {@link #warmUp}'s records, which readers of a job's output skip. */
  public static final String WARM_UP_KEY = "~warm-up";

  private static final byte[] WARM_UP_KEY_BYTES = WARM_UP_KEY.getBytes(StandardCharsets.UTF_8);

  /**
   * Writes one empty record under {@link #WARM_UP_KEY} to every partition of the topics and waits
   * for it. An idempotent producer's first batch to a partition created moments before can be
   * refused by the single-node broker ("out of order sequence"), after which its later batches
   * still land: a job with an at-least-once sink would then write a key's records out of order
   * (docs/accounts.md, "Ordering"). Tests of such jobs warm the partitions up first.
   */
  public static synchronized void warmUp(KafkaBroker kafka, List<String> topics)
      throws InterruptedException, ExecutionException {
    KafkaProducer<byte[], byte[]> producer = producer(kafka);
    List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
    for (String topic : topics) {
      for (var partition : producer.partitionsFor(topic)) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    topic, partition.partition(), WARM_UP_KEY_BYTES, new byte[0])));
      }
    }
    for (var f : sent) {
      f.get();
    }
  }

  /**
   * Everything committed so far on the given topics but {@link #warmUp}'s records, grouped by
   * "topic/key" in partition order (a key lives in one partition, so this is the order consumers
   * see).
   */
  public static Map<String, List<String>> readCommitted(KafkaBroker kafka, List<String> topics) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer
            .partitionsFor(topic)
            .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (Arrays.equals(r.key(), WARM_UP_KEY_BYTES)) {
            continue;
          }
          out.computeIfAbsent(group(r.topic(), r.key(), r.value()), k -> new ArrayList<>())
              .add(java.util.HexFormat.of().formatHex(r.value()));
        }
      }
    }
    return out;
  }

  /**
   * Why read_committed readers may not see what was written to {@code topics}: every partition
   * whose last stable offset is behind its high watermark, and every transaction the broker holds
   * open with the partitions it pins. Appended to a test's failure message when outputs do not
   * arrive.
   */
  public static String visibilityReport(KafkaBroker kafka, List<String> topics) {
    StringBuilder out = new StringBuilder();
    try (var admin = kafka.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
        description
            .partitions()
            .forEach(
                p ->
                    latest.put(
                        new TopicPartition(description.name(), p.partition()),
                        OffsetSpec.latest()));
      }
      var uncommitted = admin.listOffsets(latest).all().get();
      var committed =
          admin
              .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .all()
              .get();
      uncommitted.forEach(
          (tp, high) -> {
            long stable = committed.get(tp).offset();
            if (stable < high.offset()) {
              out.append(
                  String.format(
                      "%n%s: last stable offset %d, high watermark %d", tp, stable, high.offset()));
            }
          });
      List<String> open = new ArrayList<>();
      for (var listing : admin.listTransactions().all().get()) {
        if (listing.state() == TransactionState.ONGOING) {
          open.add(listing.transactionalId());
        }
      }
      if (!open.isEmpty()) {
        admin
            .describeTransactions(open)
            .all()
            .get()
            .forEach(
                (id, d) ->
                    out.append(
                        String.format(
                            "%nopen transaction %s (producer %d, epoch %d, started %d) on %s",
                            id,
                            d.producerId(),
                            d.producerEpoch(),
                            d.transactionStartTimeMs().orElse(-1),
                            d.topicPartitions())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while describing the topics";
    } catch (ExecutionException e) {
      return "cannot describe the topics: " + e.getMessage();
    }
    return out.length() == 0 ? "every partition is stable, no transaction open" : out.toString();
  }

  /**
   * The "topic/key" a record is compared under. The matching job's copies of order events on the
   * account-commands topic are keyed by account but come from every symbol's book; how the symbols
   * interleave in an account's partition depends on scheduling, each symbol's order does not. So
   * they are grouped by "topic/account/symbol".
   */
  public static String group(String topic, byte[] key, byte[] value) {
    String group = topic + "/" + new String(key, StandardCharsets.UTF_8);
    if (!topic.endsWith(Topics.ACCOUNT_COMMANDS)) {
      return group;
    }
    Object payload = EventSerde.decode(value, AccountCommand.class).getPayload();
    return payload instanceof OrderEvent e ? group + "/" + e.getSymbol() : group;
  }

  /** The matching job's output topics. */
  public static List<String> outputTopics(TopicNames t) {
    return List.of(
        t.trades(),
        t.orderEvents(),
        t.book(),
        t.bookSnapshots(),
        t.instruments(),
        t.dlq(),
        t.accountCommands(),
        t.commandRejections());
  }
}
