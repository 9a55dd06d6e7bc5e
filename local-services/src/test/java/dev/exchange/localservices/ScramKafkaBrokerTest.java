package dev.exchange.localservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.exchange.model.KafkaConnection;
import dev.exchange.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The broker with its SASL_SSL (SCRAM-SHA-512) listener only, as MSK with SCRAM serves it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScramKafkaBrokerTest {

  private KafkaBroker kafka;

  @BeforeAll
  void start() {
    Path dir =
        Path.of("target", "local-services", "kafka-scram-" + UUID.randomUUID().toString())
            .toAbsolutePath();
    kafka = KafkaBroker.startWithScram(dir);
    kafka.createExchangeTopics(1);
  }

  @AfterAll
  void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aUserWithItsPasswordProducesAndConsumesOverTls() {
    KafkaConnection alice = kafka.scramUser("alice");
    assertThat(alice.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("ssl.truststore.type", "PEM");

    try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                alice.clientProperties(Map.of()), new StringSerializer(), new StringSerializer());
        KafkaConsumer<String, String> consumer =
            new KafkaConsumer<>(
                alice.clientProperties(
                    Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "alice-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest")),
                new StringDeserializer(),
                new StringDeserializer())) {
      producer.send(new ProducerRecord<>(Topics.TRADES, "BTCUSDT", "over TLS")).get();
      consumer.subscribe(List.of(Topics.TRADES));
      List<String> seen = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                records.forEach(r -> seen.add(r.value()));
                return seen.contains("over TLS");
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aWrongPasswordOrAnUnknownUserIsRefused() {
    KafkaConnection bob = kafka.scramUser("bob");
    KafkaConnection wrongPassword =
        KafkaConnection.scram(
            bob.bootstrapServers(),
            "bob",
            "not-" + bob.saslPassword(),
            bob.sslTruststoreLocation());
    KafkaConnection unknownUser =
        KafkaConnection.scram(
            bob.bootstrapServers(), "mallory", bob.saslPassword(), bob.sslTruststoreLocation());

    for (KafkaConnection refused : List.of(wrongPassword, unknownUser)) {
      assertThatThrownBy(() -> describeCluster(refused))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(SaslAuthenticationException.class)
          .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
    }
  }

  @Test
  void aPlaintextClientGetsNoAnswer() {
    assertThatThrownBy(() -> describeCluster(KafkaConnection.plaintext(kafka.bootstrapServers())))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TimeoutException.class);
  }

  @Test
  void anotherProcessFindsTheSuperUserInTheBrokersFolder() throws Exception {
    KafkaConnection admin =
        KafkaBroker.connection(
            kafka.directory(), Integer.parseInt(kafka.bootstrapServers().split(":")[1]));
    assertThat(admin).isEqualTo(kafka.connection());
    assertThat(admin.saslUsername()).isEqualTo(KafkaBroker.ADMIN);
    assertThat(describeCluster(admin)).isEqualTo(1);
  }

  private static int describeCluster(KafkaConnection connection) throws Exception {
    Properties p = new Properties();
    p.putAll(connection.clientProperties());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    try (Admin admin = Admin.create(p)) {
      return admin.describeCluster().nodes().get(8, TimeUnit.SECONDS).size();
    }
  }
}
