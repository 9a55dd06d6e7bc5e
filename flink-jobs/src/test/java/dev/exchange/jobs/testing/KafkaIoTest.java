package dev.exchange.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServicesExtension.class)
class KafkaIoTest {

  @Test
  void theVisibilityReportNamesTheOpenTransactionAndThePartitionItPins(KafkaBroker kafka)
      throws Exception {
    String topic = "visibility.pinned";
    try (var admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }
    // A topic's partitions are served moments after it is created.
    await()
        .untilAsserted(
            () ->
                assertThat(KafkaIo.visibilityReport(kafka, List.of(topic)))
                    .isEqualTo("every partition is stable, no transaction open"));

    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "visibility-open");
    try (var producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer
          .send(new ProducerRecord<>(topic, 1, "k".getBytes(StandardCharsets.UTF_8), new byte[1]))
          .get();

      String report = KafkaIo.visibilityReport(kafka, List.of(topic));
      assertThat(report)
          .contains(topic + "-1: last stable offset 0, high watermark 1")
          .contains("open transaction visibility-open")
          .doesNotContain(topic + "-0:");
      producer.abortTransaction();
    }
    assertThat(KafkaIo.readCommitted(kafka, List.of(topic))).isEqualTo(Map.of());
  }
}
