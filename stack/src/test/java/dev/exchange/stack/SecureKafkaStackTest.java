package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.model.KafkaConnection;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The rehearsal of the AWS deployment's secured Kafka path ({@code ./exchange up --secure-kafka},
 * docs/stack.md): the broker's only client listener is SASL_SSL with SCRAM-SHA-512, every service
 * and job is its own user with the settings shape Terraform gives them, and the exchange still
 * turns orders into trades end to end and a price alert into a frame on its owner's private stream
 * (the alerts job under its own user) and a signed webhook (alert-delivery under its own user) to a
 * receiver on the loopback address. A stack of its own (about a minute on two cores), kept to one
 * scenario.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureKafkaStackTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LocalStack stack;
  private StackClient client;

  @BeforeAll
  void startStack() throws Exception {
    Path module = Path.of("").toAbsolutePath();
    Path runs = Files.createDirectories(module.resolve("target/stack-e2e"));
    Path data = runs.resolve("secure-kafka-" + System.currentTimeMillis());
    stack = LocalStack.start(StackOptions.forTests(module.getParent(), data).withSecureKafka(true));
    client = new StackClient(http, stack);
    String admin = stack.token("ops-admin", true);
    for (String account : List.of("alice", "bob")) {
      Funding.grantStarterBalance(http, stack.baseUrl(), admin, account);
    }
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  /** One webhook POST as the receiver got it: timestamp, signature, firing id and body. */
  record Hook(String timestamp, String signature, String firing, String body) {}

  @Test
  void anOrderThroughTheEdgeBecomesATradeOnTheWebSocketAndTheReadPathAndFiresAnAlert()
      throws Exception {
    List<Hook> hooks = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          var h = exchange.getRequestHeaders();
          hooks.add(
              new Hook(
                  h.getFirst("X-Exchange-Timestamp"),
                  h.getFirst("X-Exchange-Signature"),
                  h.getFirst("X-Exchange-Alert-Firing"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    try {
      alertFiresOntoThePrivateStreamAndTheWebhook(
          "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", hooks);
    } finally {
      receiver.stop(0);
    }
  }

  private void alertFiresOntoThePrivateStreamAndTheWebhook(String webhookUrl, List<Hook> hooks)
      throws Exception {
    HttpResponse<String> created =
        client.post(
            "alice",
            "/api/v1/alerts",
            "{\"symbol\":\"BTCUSDT\",\"type\":\"PRICE_ABOVE\",\"price\":\"62000.00\","
                + "\"webhookUrl\":\""
                + webhookUrl
                + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String alertId = StackClient.JSON.readTree(created.body()).path("alertId").asText();
    List<String> alerts = new CopyOnWriteArrayList<>();
    WebSocket privateStream = client.subscribePrivate("alice", alerts);
    List<String> frames = new CopyOnWriteArrayList<>();
    WebSocket ws = client.subscribe("/ws/btcusdt@trade", frames);
    try {
      assertThat(client.postOrder("alice", "BTCUSDT", "SELL", "63000.00", "0.02000").statusCode())
          .isEqualTo(202);
      assertThat(client.postOrder("bob", "BTCUSDT", "BUY", "63000.00", "0.02000").statusCode())
          .isEqualTo(202);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(frames)
                      .anySatisfy(
                          frame -> {
                            JsonNode trade = StackClient.JSON.readTree(frame);
                            assertThat(trade.path("e").asText()).isEqualTo("trade");
                            assertThat(new BigDecimal(trade.path("p").asText()))
                                .isEqualByComparingTo("63000");
                            assertThat(new BigDecimal(trade.path("q").asText()))
                                .isEqualByComparingTo("0.02");
                          }));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(alerts)
                      .as("the alerts job fired alice's alert onto her private stream")
                      .anySatisfy(
                          frame -> {
                            JsonNode alert = StackClient.JSON.readTree(frame);
                            assertThat(alert.path("e").asText()).isEqualTo("alert");
                            assertThat(alert.path("a").asText()).isEqualTo(alertId);
                            assertThat(alert.path("k").asText()).isEqualTo("PRICE_ABOVE");
                            assertThat(alert.path("n").asLong()).isEqualTo(1L);
                            assertThat(new BigDecimal(alert.path("p").asText()))
                                .isEqualByComparingTo("63000");
                          }));
    } finally {
      ws.abort();
      privateStream.abort();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(hooks)
                    .as("alert-delivery POSTed the firing to the webhook")
                    .anySatisfy(h -> assertThat(h.firing()).isEqualTo(alertId + ":1")));
    assertThat(hooks).hasSize(1);
    Hook hook = hooks.get(0);
    assertThat(new BigDecimal(StackClient.JSON.readTree(hook.body()).path("price").asText()))
        .isEqualByComparingTo("63000");
    HttpResponse<String> secret = client.get("alice", "/api/v1/alerts/webhook-secret");
    assertThat(secret.statusCode()).as(secret.body()).isEqualTo(200);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            StackClient.JSON
                .readTree(secret.body())
                .path("secret")
                .asText()
                .getBytes(StandardCharsets.UTF_8),
            "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(
                mac.doFinal(
                    (hook.timestamp() + "." + hook.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(hook.signature()).isEqualTo("sha256=" + expected);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> log =
                  client.get("alice", "/api/v1/alerts/" + alertId + "/deliveries");
              assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
              JsonNode attempts = StackClient.JSON.readTree(log.body());
              assertThat(attempts).hasSize(1);
              assertThat(attempts.get(0).path("outcome").asText()).isEqualTo("SENT");
              assertThat(attempts.get(0).path("statusCode").asInt()).isEqualTo(200);
            });
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(client.getJson("/api/v3/trades?symbol=BTCUSDT&limit=50"))
                    .anySatisfy(
                        t ->
                            assertThat(new BigDecimal(t.path("price").asText()))
                                .isEqualByComparingTo("63000")));
  }

  @Test
  void everyServiceAndJobIsItsOwnScramUser() throws Exception {
    KafkaConnection admin = stack.kafkaConnection();
    assertThat(admin.securityProtocol()).isEqualTo(KafkaConnection.SASL_SSL);
    assertThat(admin.saslMechanism()).isEqualTo(KafkaConnection.SCRAM_SHA_512);
    try (Admin kafka = stack.kafka().admin()) {
      assertThat(
              kafka.describeUserScramCredentials().all().get(10, TimeUnit.SECONDS).values().stream()
                  .map(UserScramCredentialsDescription::name))
          .containsExactlyInAnyOrder(
              KafkaBroker.ADMIN,
              "edge-api",
              "ws-relay",
              "history-service",
              "alert-delivery",
              "accounts",
              "matching",
              "market-data",
              "history",
              "lakehouse",
              "alerts");
    }
  }

  @Test
  void aWrongPasswordOrAPlaintextClientIsRefused() {
    KafkaConnection admin = stack.kafkaConnection();
    KafkaConnection wrongPassword =
        KafkaConnection.scram(
            admin.bootstrapServers(), "matching", "guessed", admin.sslTruststoreLocation());
    assertThatThrownBy(() -> describeCluster(wrongPassword))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(SaslAuthenticationException.class)
        .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
    assertThatThrownBy(() -> describeCluster(KafkaConnection.plaintext(admin.bootstrapServers())))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TimeoutException.class);
  }

  private static void describeCluster(KafkaConnection connection) throws Exception {
    Properties p = new Properties();
    p.putAll(connection.clientProperties());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    try (Admin admin = Admin.create(p)) {
      admin.describeCluster().nodes().get(8, TimeUnit.SECONDS);
    }
  }
}
