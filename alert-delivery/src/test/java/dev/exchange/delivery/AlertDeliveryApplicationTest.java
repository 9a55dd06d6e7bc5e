package dev.exchange.delivery;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.exchange.delivery.consumer.AlertConsumer;
import dev.exchange.delivery.consumer.DeadLetterWriter;
import dev.exchange.delivery.testing.WebhookReceiver;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.AlertFired;
import dev.exchange.model.avro.AlertKind;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.service.alerts.WebhookSigning;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against the real broker and PostgreSQL, a JDK HTTP receiver on the loopback
 * address and GreenMail as the SMTP server: firings written to {@code exchange.alerts} as the
 * alerts job writes them (keyed by account) are kept, POSTed signed with retries, mailed, logged
 * per attempt, dead-lettered after the last try, and never delivered twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(LocalServicesExtension.class)
class AlertDeliveryApplicationTest {

  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  static final WebhookSigning SIGNING = WebhookSigning.fromBase64(KEY);
  static final long BASE_DELAY_MS = 100;
  static final int MAX_ATTEMPTS = 4;

  static KafkaBroker kafka;
  static PostgresServer postgres;
  static String database;
  static WebhookReceiver receiver;
  static GreenMail smtp;
  static KafkaProducer<byte[], byte[]> producer;

  @Autowired JdbcTemplate jdbc;

  @BeforeAll
  static void start(KafkaBroker broker, PostgresServer pg) throws Exception {
    kafka = broker;
    postgres = pg;
    database = "alerts_" + Long.toHexString(System.currentTimeMillis());
    pg.createDatabase(database);
    broker.createTopic(Topics.ALERTS, 2);
    broker.createTopic(Topics.DLQ, 1);
    receiver = new WebhookReceiver();
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    producer =
        new KafkaProducer<>(
            broker
                .connection()
                .clientProperties(
                    Map.of(
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class.getName())));
  }

  @AfterAll
  static void stop() {
    producer.close();
    receiver.close();
    smtp.stop();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
    registry.add("spring.datasource.username", () -> postgres.user());
    registry.add("spring.datasource.password", () -> postgres.password());
    registry.add("exchange.kafka.bootstrap-servers", () -> kafka.bootstrapServers());
    registry.add(WebhookSigning.KEY_PROPERTY, () -> KEY);
    registry.add("exchange.alert-delivery.base-delay", () -> BASE_DELAY_MS + "ms");
    registry.add("exchange.alert-delivery.max-attempts", () -> MAX_ATTEMPTS);
    registry.add("exchange.alert-delivery.request-timeout", () -> "3s");
    // the receivers listen on loopback
    registry.add("exchange.alert-delivery.allow-private-addresses", () -> "true");
    registry.add("exchange.alert-delivery.smtp.host", () -> "127.0.0.1");
    registry.add("exchange.alert-delivery.smtp.port", () -> smtp.getSmtp().getPort());
  }

  @Test
  void aWebhookIsRetriedWithBackoffSignedAndSentOnceEvenWhenItsFiringIsReplayed() throws Exception {
    String url = receiver.failing("/flaky", 2);
    AlertFired fired = firing("alice", 1, url, null);
    publish(fired);

    await().atMost(30, SECONDS).until(() -> outcomes(fired, "WEBHOOK").contains("3 SENT 200"));
    assertThat(outcomes(fired, "WEBHOOK"))
        .containsExactly("1 RETRIED 503 HTTP 503", "2 RETRIED 503 HTTP 503", "3 SENT 200");

    List<WebhookReceiver.Request> requests = receiver.requests("/flaky");
    assertThat(requests).hasSize(3);
    String secret = SIGNING.secretOf("alice");
    for (WebhookReceiver.Request r : requests) {
      assertThat(WebhookSigning.valid(secret, r.timestamp(), r.body(), r.signature()))
          .as("signature of %s", r)
          .isTrue();
      assertThat(
              WebhookSigning.valid(SIGNING.secretOf("bob"), r.timestamp(), r.body(), r.signature()))
          .isFalse();
      assertThat(r.firing()).isEqualTo(fired.getAlertId() + ":1");
      assertThat(r.body())
          .contains("\"alertId\":\"" + fired.getAlertId() + "\"")
          .contains("\"price\":\"66000.12\"")
          .contains("\"level\":\"66000.00\"")
          .contains("\"firing\":1");
    }
    // Exponential backoff: the second wait is at least twice the base delay.
    assertThat(Duration.ofNanos(requests.get(1).nanos() - requests.get(0).nanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(BASE_DELAY_MS));
    assertThat(Duration.ofNanos(requests.get(2).nanos() - requests.get(1).nanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(2 * BASE_DELAY_MS));
    assertThat(
            jdbc.queryForObject(
                "select payload->>'price' from alerts.fired where alert_id = ? and firing = 1",
                String.class,
                fired.getAlertId()))
        .isEqualTo("66000.12");

    // The same record again (a replay), then a later firing of the same account: once that one
    // is delivered, the replay was read before it (one partition per account) and sent nothing.
    publish(fired);
    AlertFired later = firing("alice", 1, receiver.url("/later"), null);
    publish(later);
    await().atMost(30, SECONDS).until(() -> outcomes(later, "WEBHOOK").contains("1 SENT 200"));
    assertThat(receiver.requests("/flaky")).hasSize(3);
    assertThat(outcomes(fired, "WEBHOOK")).hasSize(3);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from alerts.fired where alert_id = ?",
                Integer.class,
                fired.getAlertId()))
        .isEqualTo(1);
  }

  @Test
  void aWebhookThatNeverAnswersWellFailsAfterTheLastTryIntoTheDeadLetterTopic() throws Exception {
    AlertFired fired = firing("carol", 2, receiver.failing("/down", Integer.MAX_VALUE), null);
    publish(fired);

    await()
        .atMost(30, SECONDS)
        .until(() -> outcomes(fired, "WEBHOOK").contains(MAX_ATTEMPTS + " FAILED 503 HTTP 503"));
    assertThat(outcomes(fired, "WEBHOOK"))
        .containsExactly(
            "1 RETRIED 503 HTTP 503",
            "2 RETRIED 503 HTTP 503",
            "3 RETRIED 503 HTTP 503",
            "4 FAILED 503 HTTP 503");
    assertThat(receiver.requests("/down")).hasSize(MAX_ATTEMPTS);

    DeadLetter letter = deadLetterOf(fired);
    assertThat(letter.getReasonCode()).isEqualTo(DeadLetterWriter.DELIVERY_FAILED);
    assertThat(letter.getSourceTopic()).isEqualTo(Topics.ALERTS);
    assertThat(letter.getJob()).isEqualTo("alert-delivery");
    assertThat(letter.getReason()).isEqualTo("WEBHOOK attempt 4: HTTP 503");
  }

  @Test
  void aClientErrorIsFinalAtOnceAndDeadLettered() throws Exception {
    AlertFired fired = firing("erin", 1, receiver.answering("/gone", 410), null);
    publish(fired);

    await()
        .atMost(30, SECONDS)
        .until(() -> outcomes(fired, "WEBHOOK").contains("1 FAILED 410 HTTP 410"));
    assertThat(deadLetterOf(fired).getReason()).isEqualTo("WEBHOOK attempt 1: HTTP 410");
    assertThat(outcomes(fired, "WEBHOOK")).hasSize(1);
    assertThat(receiver.requests("/gone")).hasSize(1);
  }

  @Test
  void anEmailGoesOverSmtpToTheAlertsAddressOnce() throws Exception {
    AlertFired fired = firing("dave", 3, null, "dave@example.com");
    publish(fired);

    await().atMost(30, SECONDS).until(() -> outcomes(fired, "EMAIL").contains("1 SENT"));
    await().atMost(10, SECONDS).until(() -> messagesTo("dave@example.com").size() == 1);
    MimeMessage m = messagesTo("dave@example.com").get(0);
    assertThat(m.getSubject()).isEqualTo("BTCUSDT alert c-dave: PRICE_ABOVE at 66000.12");
    assertThat(m.getHeader("X-Exchange-Alert-Firing")[0]).isEqualTo(fired.getAlertId() + ":3");
    assertThat(((String) m.getContent())).contains("\"price\":\"66000.12\"");
  }

  /** A PRICE_ABOVE firing of a new alert of {@code account} at 66000.12 over 66000.00. */
  static AlertFired firing(String account, long firing, String webhookUrl, String email) {
    return AlertFired.newBuilder()
        .setAlertId(UUID.randomUUID().toString())
        .setAccount(account)
        .setSymbol("BTCUSDT")
        .setClientAlertId("c-" + account)
        .setKind(AlertKind.PRICE_ABOVE)
        .setFiring(firing)
        .setPrice(6_600_012L)
        .setPriceScale(2)
        .setTradeId(42L)
        .setLevel(6_600_000L)
        .setTime(System.currentTimeMillis())
        .setWebhookUrl(webhookUrl)
        .setEmail(email)
        .build();
  }

  static void publish(AlertFired f) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.ALERTS,
                f.getAccount().getBytes(StandardCharsets.UTF_8),
                EventSerde.encode(f)))
        .get(10, TimeUnit.SECONDS);
  }

  /** The firing's attempts on the channel: "attempt OUTCOME status error", in attempt order. */
  List<String> outcomes(AlertFired f, String channel) {
    return jdbc.query(
        "select attempt, outcome, status_code, error from alerts.deliveries where alert_id = ?"
            + " and firing = ? and channel = ? order by attempt",
        (rs, i) ->
            (rs.getInt(1)
                    + " "
                    + rs.getString(2)
                    + (rs.getObject(3) == null ? "" : " " + rs.getInt(3))
                    + (rs.getString(4) == null ? "" : " " + rs.getString(4)))
                .strip(),
        f.getAlertId(),
        f.getFiring(),
        channel);
  }

  static List<MimeMessage> messagesTo(String address) throws Exception {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getAllRecipients()[0].toString().equals(address)) {
        out.add(m);
      }
    }
    return out;
  }

  /** The dead letter whose payload is this firing, read from the start of exchange.dlq. */
  static DeadLetter deadLetterOf(AlertFired f) {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(
            kafka
                .connection()
                .clientProperties(
                    Map.of(
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class.getName(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class.getName())))) {
      var partitions =
          c.partitionsFor(Topics.DLQ).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
              .toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      List<DeadLetter> found = new ArrayList<>();
      await()
          .atMost(20, SECONDS)
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                  DeadLetter d = EventSerde.decode(r.value(), DeadLetter.class);
                  if (d.getPayload() != null) {
                    byte[] payload = new byte[d.getPayload().remaining()];
                    d.getPayload().duplicate().get(payload);
                    AlertFired a = EventSerde.decode(payload, AlertFired.class);
                    if (a.getAlertId().equals(f.getAlertId())) {
                      found.add(d);
                    }
                  }
                }
                return !found.isEmpty();
              });
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }

  @Test
  void theConsumerIsHealthyInItsGroup(@Autowired AlertConsumer consumer) {
    await().atMost(30, SECONDS).until(() -> consumer.health().getStatus().getCode().equals("UP"));
  }
}
