package dev.exchange.localservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServicesExtension.class)
class KafkaBrokerTest {

  @Test
  void exchangeTopicsExistWithTheirRetentionAndCompaction(KafkaBroker kafka) throws Exception {
    try (var admin = kafka.admin()) {
      assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
          .containsAll(Topics.ALL.stream().map(Topics.TopicSpec::name).toList());
      var resource =
          new org.apache.kafka.common.config.ConfigResource(
              org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.INSTRUMENTS);
      var config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS);
      assertThat(config.get(resource).get("cleanup.policy").value()).isEqualTo("compact");
      var trades =
          new org.apache.kafka.common.config.ConfigResource(
              org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.TRADES);
      assertThat(
              admin
                  .describeConfigs(List.of(trades))
                  .all()
                  .get(10, TimeUnit.SECONDS)
                  .get(trades)
                  .get("retention.ms")
                  .value())
          .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
    }
  }

  @Test
  void readCommittedConsumerSeesTransactionalRecordsOnlyAfterCommit(KafkaBroker kafka) {
    String topic = "smoke-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    try (KafkaProducer<String, String> producer = transactionalProducer(kafka);
        KafkaConsumer<String, String> committed = consumer(kafka, topic, "read_committed");
        KafkaConsumer<String, String> uncommitted = consumer(kafka, topic, "read_uncommitted")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "BTCUSDT", "one"));
      producer.send(new ProducerRecord<>(topic, "BTCUSDT", "two"));
      producer.flush();

      List<String> dirty = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                uncommitted.poll(Duration.ofMillis(200)).forEach(r -> dirty.add(r.value()));
                return dirty.size() == 2;
              });
      assertThat(committed.poll(Duration.ofSeconds(1))).isEmpty();

      producer.commitTransaction();
      List<String> seen = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                committed.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
                return seen.size() >= 2;
              });
      assertThat(seen).containsExactly("one", "two");
    }
  }

  @Test
  void abortedTransactionsAreNeverVisibleToReadCommitted(KafkaBroker kafka) {
    String topic = "smoke-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    try (KafkaProducer<String, String> producer = transactionalProducer(kafka);
        KafkaConsumer<String, String> committed = consumer(kafka, topic, "read_committed")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "kept"));
      producer.commitTransaction();
      List<String> seen = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                committed.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
                return !seen.isEmpty();
              });
      assertThat(seen).containsExactly("kept");
    }
  }

  private static KafkaProducer<String, String> transactionalProducer(KafkaBroker kafka) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "smoke-" + UUID.randomUUID());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(
      KafkaBroker kafka, String topic, String isolation) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "smoke-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }
}
