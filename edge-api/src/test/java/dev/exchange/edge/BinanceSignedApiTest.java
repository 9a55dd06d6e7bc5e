package dev.exchange.edge;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.CommandRejection;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderRequest;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.service.apikeys.Signatures;
import dev.exchange.service.testing.AssetsTopic;
import dev.exchange.service.testing.InstrumentsTopic;
import dev.exchange.service.testing.TestTokens;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * API keys and Binance's signed order endpoints against real PostgreSQL and Kafka: keys are created
 * over {@code /api/v1/api-keys} with a bearer token, signed orders and cancels reach {@code
 * exchange.account-commands} as the key's account, RESULT/FULL answers and cancels follow the
 * engine's reports (written to {@code exchange.order-events} and {@code
 * exchange.command-rejections} by the test, as the matcher writes them), and every bad signed
 * request gets its Binance code with nothing sent to Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(LocalServicesExtension.class)
class BinanceSignedApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CAROL = TestTokens.KEY.token("carol", "trader");
  private static final String DAVE = TestTokens.KEY.token("dave", "trader");

  private static KafkaBroker kafka;
  private static TestDatabase database;
  private static KafkaProducer<byte[], byte[]> producer;
  private static boolean instrumentsPublished;

  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @BeforeAll
  static void services(KafkaBroker broker, PostgresServer pg) {
    kafka = broker;
    database = TestDatabase.create(pg, "edge_binance");
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(p);
  }

  @AfterAll
  static void closeProducer() {
    producer.close();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry, () -> database, () -> kafka);
    registry.add("exchange.binance.result-timeout", () -> "10s");
    registry.add("exchange.binance.cancel-all-wait", () -> "500ms");
  }

  @BeforeEach
  void instruments() throws Exception {
    if (!instrumentsPublished) {
      AssetsTopic.publish(
          kafka.bootstrapServers(), AssetsTopic.asset("BTC", 8), AssetsTopic.asset("USDT", 8));
      InstrumentsTopic.publish(kafka.bootstrapServers(), TestInstruments.BTCUSDT);
      instrumentsPublished = true;
    }
    await()
        .atMost(30, SECONDS)
        .until(() -> send(get("/api/v1/instruments")).body().contains("\"BTCUSDT\""));
  }

  // ---- /api/v1/api-keys ----

  @Test
  void anHmacKeyShowsItsSecretOnceAndIsListedWithoutIt() throws Exception {
    JsonNode created = createKey(CAROL, "{\"label\":\"grid bot\",\"permissions\":[\"TRADE\"]}");
    String apiKey = created.get("apiKey").asString();
    assertThat(apiKey).matches("[A-Za-z0-9]{64}");
    assertThat(created.get("secret").asString()).matches("[A-Za-z0-9]{64}");
    assertThat(created.get("scheme").asString()).isEqualTo("HMAC_SHA256");
    assertThat(created.get("permissions").toString()).isEqualTo("[\"READ\",\"TRADE\"]");
    assertThat(created.get("status").asString()).isEqualTo("ACTIVE");

    HttpResponse<String> list = send(bearer(get("/api/v1/api-keys"), CAROL));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(apiKey).doesNotContain("secret");
    assertThat(send(bearer(get("/api/v1/api-keys"), DAVE)).body()).doesNotContain(apiKey);
  }

  @Test
  void aKeyIsRevokedOnlyByItsOwnerAndThenRefused() throws Exception {
    JsonNode key = createKey(CAROL, "{\"permissions\":[\"TRADE\"]}");
    String apiKey = key.get("apiKey").asString();
    assertThat(send(bearer(delete("/api/v1/api-keys/" + apiKey), DAVE)).statusCode())
        .isEqualTo(404);
    assertThat(signedOrder(key, "ACK", "1.00").statusCode()).isEqualTo(200);

    assertThat(send(bearer(delete("/api/v1/api-keys/" + apiKey), CAROL)).statusCode())
        .isEqualTo(204);
    HttpResponse<String> again = send(bearer(delete("/api/v1/api-keys/" + apiKey), CAROL));
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(again.body()).get("code").asString()).isEqualTo("API_KEY_NOT_FOUND");
    assertBinance(
        signedOrder(key, "ACK", "1.00"),
        401,
        -2015,
        "Invalid API-key, IP, or permissions for action.");
    assertThat(send(bearer(get("/api/v1/api-keys"), CAROL)).body())
        .contains("\"apiKey\":\"" + apiKey + "\"")
        .contains("\"status\":\"REVOKED\"");
  }

  @Test
  void badKeyRequestsGetAClear4xx() throws Exception {
    record Bad(String token, String body, int status, String code, String field) {}
    String rsaPem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(
                    KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    List<Bad> table =
        List.of(
            new Bad(null, "{}", 401, "UNAUTHENTICATED", null),
            new Bad(TestTokens.KEY.token("nobody"), "{}", 403, "FORBIDDEN", null),
            new Bad(CAROL, "{\"scheme\":\"RSA\"}", 400, "UNKNOWN_FIELD_VALUE", "scheme"),
            new Bad(CAROL, "{\"scheme\":\"ED25519\"}", 400, "FIELD_REQUIRED", "publicKey"),
            new Bad(
                CAROL,
                "{\"scheme\":\"ED25519\",\"publicKey\":" + JSON.writeValueAsString(rsaPem) + "}",
                400,
                "PUBLIC_KEY_INVALID",
                "publicKey"),
            new Bad(CAROL, "{\"publicKey\":\"abc\"}", 400, "PUBLIC_KEY_NOT_ALLOWED", "publicKey"),
            new Bad(
                CAROL,
                "{\"permissions\":[\"WITHDRAW\"]}",
                400,
                "UNKNOWN_FIELD_VALUE",
                "permissions"),
            new Bad(
                CAROL,
                "{\"ipAllowList\":[\"example.com\"]}",
                400,
                "IP_ALLOW_LIST_INVALID",
                "ipAllowList"),
            new Bad(CAROL, "{\"label\":\"\"}", 400, "LABEL_INVALID", "label"),
            new Bad(CAROL, "{\"label\":\"" + "x".repeat(65) + "\"}", 400, "LABEL_INVALID", "label"),
            new Bad(CAROL, "{\"labl\":\"typo\"}", 400, "UNKNOWN_FIELD", "labl"));
    for (Bad bad : table) {
      HttpRequest.Builder request = post("/api/v1/api-keys", bad.body());
      HttpResponse<String> response =
          send(bad.token() == null ? request : bearer(request, bad.token()));
      assertThat(response.statusCode()).as(bad.body()).isEqualTo(bad.status());
      JsonNode problem = JSON.readTree(response.body());
      assertThat(problem.get("code").asString()).as(bad.body()).isEqualTo(bad.code());
      if (bad.field() != null) {
        assertThat(problem.get("field").asString()).as(bad.body()).isEqualTo(bad.field());
      }
    }
  }

  // ---- signed orders ----

  @Test
  void anAckOrderIsOnKafkaAsTheKeysAccount() throws Exception {
    JsonNode key = createKey(CAROL, "{\"permissions\":[\"TRADE\"]}");
    HttpResponse<String> response = signedOrder(key, "ACK", "2.00");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode ack = JSON.readTree(response.body());
    assertThat(ack.propertyNames())
        .containsExactly("symbol", "orderId", "orderListId", "clientOrderId", "transactTime");
    assertThat(ack.get("orderListId").asInt()).isEqualTo(-1);
    AccountCommand command = commandOfOrder(ack.get("orderId").asString());
    assertThat(command.getAccount()).isEqualTo("carol");
    NewOrder order = (NewOrder) ((OrderRequest) command.getPayload()).getCommand().getPayload();
    assertThat(order.getPrice()).isEqualTo(2_00L);
    assertThat(order.getQuantity()).isEqualTo(10_00000L);
    assertThat(order.getClientOrderId()).isEqualTo(ack.get("clientOrderId").asString());
  }

  @Test
  void ed25519KeysSignTheFormBody() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    JsonNode key =
        createKey(
            CAROL,
            "{\"scheme\":\"ED25519\",\"permissions\":[\"TRADE\"],\"publicKey\":"
                + JSON.writeValueAsString(pem)
                + "}");
    assertThat(key.has("secret")).isFalse();
    String body = orderParams("ACK", "3.00") + "&timestamp=" + System.currentTimeMillis();
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(pair.getPrivate());
    s.update(body.getBytes(StandardCharsets.UTF_8));
    String signature = Base64.getEncoder().encodeToString(s.sign());
    HttpResponse<String> response =
        send(
            form(
                "POST",
                "/api/v3/order",
                key.get("apiKey").asString(),
                body + "&signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(
            commandOfOrder(JSON.readTree(response.body()).get("orderId").asString()).getAccount())
        .isEqualTo("carol");
  }

  @Test
  void aFullOrderAnswersTheEnginesFills() throws Exception {
    JsonNode key = createKey(CAROL, "{\"permissions\":[\"TRADE\"]}");
    CompletableFuture<HttpResponse<String>> pending = signedOrderAsync(key, "FULL", "4.00");
    OrderCommand command = awaitNewOrder("4.00");
    NewOrder order = (NewOrder) command.getPayload();
    writeEvents(
        event(command, order, ExecutionType.NEW, OrderStatus.NEW, null, 0, 0, null),
        event(
            command, order, ExecutionType.TRADE, OrderStatus.FILLED, null, 10_00000L, 4_00L, 77L));
    HttpResponse<String> response = pending.get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode full = JSON.readTree(response.body());
    assertThat(full.get("orderId").asString()).isEqualTo(order.getOrderId());
    assertThat(full.get("status").asString()).isEqualTo("FILLED");
    assertThat(full.get("executedQty").asString()).isEqualTo("10.00000");
    assertThat(full.get("cummulativeQuoteQty").asString()).isEqualTo("40.0000000");
    assertThat(full.get("fills").size()).isEqualTo(1);
    JsonNode fill = full.get("fills").get(0);
    assertThat(fill.get("price").asString()).isEqualTo("4.00");
    assertThat(fill.get("qty").asString()).isEqualTo("10.00000");
    assertThat(fill.get("tradeId").asLong()).isEqualTo(77L);
    assertThat(fill.get("commissionAsset").asString()).isEqualTo("BTC");
  }

  @Test
  void anIocAnswerWaitsForItsFinalReportWhenItsFillsComeInALaterPoll() throws Exception {
    JsonNode key = createKey(CAROL, "{\"permissions\":[\"TRADE\"]}");
    CompletableFuture<HttpResponse<String>> pending =
        sendAsync(
            signed(
                "POST",
                "/api/v3/order",
                key,
                "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=10&price=4.50"
                    + "&newOrderRespType=FULL"));
    OrderCommand command = awaitNewOrder("4.50");
    NewOrder order = (NewOrder) command.getPayload();
    writeEvents(event(command, order, ExecutionType.NEW, OrderStatus.NEW, null, 0, 0, null));
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !pending.isDone());
    writeEvents(
        event(
            command, order, ExecutionType.TRADE, OrderStatus.FILLED, null, 10_00000L, 4_50L, 78L));
    HttpResponse<String> response = pending.get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode full = JSON.readTree(response.body());
    assertThat(full.get("status").asString()).isEqualTo("FILLED");
    assertThat(full.get("fills").size()).isEqualTo(1);
    assertThat(full.get("fills").get(0).get("tradeId").asLong()).isEqualTo(78L);
  }

  @Test
  void anOrderTheAccountCannotPayIsMinus2010() throws Exception {
    JsonNode key = createKey(CAROL, "{\"permissions\":[\"TRADE\"]}");
    CompletableFuture<HttpResponse<String>> pending = signedOrderAsync(key, "RESULT", "5.00");
    OrderCommand command = awaitNewOrder("5.00");
    writeEvents(
        event(
            command,
            (NewOrder) command.getPayload(),
            ExecutionType.REJECTED,
            OrderStatus.REJECTED,
            "INSUFFICIENT_BALANCE",
            0,
            0,
            null));
    assertBinance(
        pending.get(30, TimeUnit.SECONDS),
        400,
        -2010,
        "Account has insufficient balance for requested action.");
  }

  @Test
  void aCancelAnswersTheCanceledOrderOrMinus2011() throws Exception {
    JsonNode key = createKey(CAROL, "{\"permissions\":[\"TRADE\"]}");
    HttpResponse<String> placed = signedOrder(key, "ACK", "6.00");
    String orderId = JSON.readTree(placed.body()).get("orderId").asString();
    OrderCommand newOrder = ((OrderRequest) commandOfOrder(orderId).getPayload()).getCommand();

    CompletableFuture<HttpResponse<String>> cancel =
        sendAsync(signed("DELETE", "/api/v3/order", key, "symbol=BTCUSDT&orderId=" + orderId));
    OrderCommand cancelCommand = awaitCancelOf(orderId);
    writeEvents(
        event(
            newOrder,
            (NewOrder) newOrder.getPayload(),
            ExecutionType.CANCELED,
            OrderStatus.CANCELED,
            null,
            0,
            0,
            null));
    HttpResponse<String> canceled = cancel.get(30, TimeUnit.SECONDS);
    assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(canceled.body());
    assertThat(answer.get("orderId").asString()).isEqualTo(orderId);
    assertThat(answer.get("status").asString()).isEqualTo("CANCELED");
    assertThat(answer.get("origQty").asString()).isEqualTo("10.00000");
    assertThat(answer.get("clientOrderId").asString()).isEqualTo(cancelCommand.getCommandId());

    CompletableFuture<HttpResponse<String>> again =
        sendAsync(signed("DELETE", "/api/v3/order", key, "symbol=BTCUSDT&orderId=" + orderId));
    OrderCommand refused = awaitCancelOf(orderId, cancelCommand.getCommandId());
    producer
        .send(
            new ProducerRecord<>(
                Topics.COMMAND_REJECTIONS,
                "BTCUSDT".getBytes(StandardCharsets.UTF_8),
                EventSerde.encode(
                    new CommandRejection(
                        "BTCUSDT",
                        "carol",
                        refused.getCommandId(),
                        orderId,
                        null,
                        "UNKNOWN_ORDER",
                        "no open order with this id",
                        refused.getTimestamp()))))
        .get(10, TimeUnit.SECONDS);
    assertBinance(again.get(30, TimeUnit.SECONDS), 400, -2011, "Unknown order sent.");
  }

  @Test
  void cancelAllWithNothingOpenAnswersAnEmptyList() throws Exception {
    JsonNode key = createKey(DAVE, "{\"permissions\":[\"TRADE\"]}");
    HttpResponse<String> response =
        send(signed("DELETE", "/api/v3/openOrders", key, "symbol=BTCUSDT"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("[]");
  }

  @Test
  void theTestEndpointValidatesAndSendsNothing() throws Exception {
    JsonNode key = createKey(CAROL, "{\"permissions\":[\"TRADE\"]}");
    Map<TopicPartition, Long> before = endOffsets();
    HttpResponse<String> ok =
        send(signed("POST", "/api/v3/order/test", key, orderParams("ACK", "7.00")));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("{}");
    assertThat(endOffsets()).isEqualTo(before);
  }

  @Test
  void badSignedRequestsGetBinancesCodesAndNothingReachesKafka() throws Exception {
    JsonNode trader = createKey(DAVE, "{\"permissions\":[\"TRADE\"]}");
    JsonNode reader = createKey(DAVE, "{}");
    JsonNode elsewhere =
        createKey(DAVE, "{\"permissions\":[\"TRADE\"],\"ipAllowList\":[\"203.0.113.0/24\"]}");
    JsonNode revoked = createKey(DAVE, "{\"permissions\":[\"TRADE\"]}");
    send(bearer(delete("/api/v1/api-keys/" + revoked.get("apiKey").asString()), DAVE));
    String order = orderParams("ACK", "8.00");
    long now = System.currentTimeMillis();
    String rejected = "Invalid API-key, IP, or permissions for action.";
    String apiKey = trader.get("apiKey").asString();
    String secret = trader.get("secret").asString();
    record Bad(String what, HttpRequest.Builder request, int status, int code, String msg) {}
    List<Bad> table =
        List.of(
            new Bad(
                "wrong signature",
                form(
                    "POST",
                    "/api/v3/order",
                    apiKey,
                    order + "&timestamp=" + now + "&signature=" + "ab".repeat(32)),
                400,
                -1022,
                "Signature for this request is not valid."),
            new Bad(
                "signed with another key's secret",
                signedWith(
                    "POST",
                    "/api/v3/order",
                    apiKey,
                    reader.get("secret").asString(),
                    order + "&timestamp=" + now),
                400,
                -1022,
                "Signature for this request is not valid."),
            new Bad(
                "stale timestamp",
                signedWith(
                    "POST", "/api/v3/order", apiKey, secret, order + "&timestamp=" + (now - 6_000)),
                400,
                -1021,
                "Timestamp for this request is outside of the recvWindow."),
            new Bad(
                "future timestamp",
                signedWith(
                    "POST", "/api/v3/order", apiKey, secret, order + "&timestamp=" + (now + 5_000)),
                400,
                -1021,
                "Timestamp for this request was 1000ms ahead of the server's time."),
            new Bad(
                "recvWindow over 60 s",
                signedWith(
                    "POST",
                    "/api/v3/order",
                    apiKey,
                    secret,
                    order + "&recvWindow=60001&timestamp=" + now),
                400,
                -1131,
                "recvWindow must be less than 60000"),
            new Bad(
                "no timestamp",
                signedWith("POST", "/api/v3/order", apiKey, secret, order),
                400,
                -1102,
                "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed."),
            new Bad(
                "revoked key",
                signed("POST", "/api/v3/order", revoked, order),
                401,
                -2015,
                rejected),
            new Bad(
                "read-only key placing an order",
                signed("POST", "/api/v3/order", reader, order),
                401,
                -2015,
                rejected),
            new Bad(
                "address not allowed",
                signed("POST", "/api/v3/order", elsewhere, order),
                401,
                -2015,
                rejected),
            new Bad(
                "unknown key",
                signedWith(
                    "POST", "/api/v3/order", "U".repeat(64), secret, order + "&timestamp=" + now),
                401,
                -2015,
                rejected),
            new Bad(
                "no key",
                form("POST", "/api/v3/order", null, order + "&timestamp=" + now),
                401,
                -2014,
                "API-key format invalid."),
            new Bad(
                "unknown symbol",
                signed("POST", "/api/v3/order", trader, order.replace("BTCUSDT", "NOPEUSDT")),
                400,
                -1121,
                "Invalid symbol."),
            new Bad(
                "price with more decimals than the tick",
                signed("POST", "/api/v3/order", trader, order.replace("price=8.00", "price=8.001")),
                400,
                -1111,
                "Precision is over the maximum defined for this asset."),
            new Bad(
                "quantity below the minimum",
                signed(
                    "POST",
                    "/api/v3/order",
                    trader,
                    order.replace("quantity=10", "quantity=0.00001")),
                400,
                -1013,
                "Filter failure: LOT_SIZE"),
            new Bad(
                "no side",
                signed("POST", "/api/v3/order", trader, order.replace("side=BUY&", "")),
                400,
                -1102,
                "Mandatory parameter 'side' was not sent, was empty/null, or malformed."),
            new Bad(
                "unknown order type",
                signed("POST", "/api/v3/order", trader, order.replace("type=LIMIT", "type=STOP")),
                400,
                -1116,
                "Invalid orderType."),
            new Bad(
                "cancel without an id",
                signed("DELETE", "/api/v3/order", trader, "symbol=BTCUSDT"),
                400,
                -1102,
                "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"),
            new Bad(
                "cancel of a malformed order id",
                signed("DELETE", "/api/v3/order", trader, "symbol=BTCUSDT&orderId=42"),
                400,
                -2011,
                "Unknown order sent."));
    Map<TopicPartition, Long> before = endOffsets();
    for (Bad bad : table) {
      assertBinance(send(bad.request()), bad.status(), bad.code(), bad.msg(), bad.what());
    }
    assertThat(endOffsets()).isEqualTo(before);
  }

  // ---- /api/v3/userDataStream ----

  @Test
  void aListenKeyIsOpenedKeptAliveAndClosedByItsApiKeyOnly() throws Exception {
    JsonNode carols = createKey(CAROL, "{}");
    JsonNode daves = createKey(DAVE, "{}");
    HttpResponse<String> opened = send(userDataStream("POST", carols, null));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
    String listenKey = JSON.readTree(opened.body()).get("listenKey").asString();
    assertThat(listenKey).matches("[A-Za-z0-9]{60}");
    assertThat(JSON.readTree(send(userDataStream("POST", carols, null)).body()))
        .as("a second POST returns the live key")
        .isEqualTo(JSON.readTree(opened.body()));

    HttpResponse<String> kept = send(userDataStream("PUT", carols, listenKey));
    assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
    assertThat(kept.body()).isEqualTo("{}");
    String unknown = "This listenKey does not exist.";
    assertBinance(
        send(userDataStream("PUT", daves, listenKey)), 400, -1125, unknown, "PUT by another key");
    assertBinance(
        send(userDataStream("DELETE", daves, listenKey)),
        400,
        -1125,
        unknown,
        "DELETE by another key");
    assertBinance(
        send(userDataStream("PUT", carols, null)),
        400,
        -1102,
        "Mandatory parameter 'listenKey' was not sent, was empty/null, or malformed.",
        "PUT without a key");

    HttpResponse<String> closed = send(userDataStream("DELETE", carols, listenKey));
    assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
    assertBinance(
        send(userDataStream("DELETE", carols, listenKey)), 400, -1125, unknown, "closed twice");
    assertBinance(
        send(userDataStream("PUT", carols, listenKey)),
        400,
        -1125,
        unknown,
        "kept alive once closed");
    String reopened =
        JSON.readTree(send(userDataStream("POST", carols, null)).body())
            .get("listenKey")
            .asString();
    assertThat(reopened).as("a new key after the close").isNotEqualTo(listenKey);

    assertBinance(
        send(form("POST", "/api/v3/userDataStream", null, "")),
        401,
        -2014,
        "API-key format invalid.",
        "no key");
    send(bearer(delete("/api/v1/api-keys/" + daves.get("apiKey").asString()), DAVE));
    assertBinance(
        send(userDataStream("POST", daves, null)),
        401,
        -2015,
        "Invalid API-key, IP, or permissions for action.",
        "revoked key");
  }

  /** A listen key request as ccxt sends it: the key header, {@code listenKey} in a form body. */
  private HttpRequest.Builder userDataStream(String method, JsonNode key, String listenKey) {
    return HttpRequest.newBuilder(URI.create(base() + "/api/v3/userDataStream"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-MBX-APIKEY", key.get("apiKey").asString())
        .method(
            method,
            HttpRequest.BodyPublishers.ofString(listenKey == null ? "" : "listenKey=" + listenKey));
  }

  // ---- helpers ----

  private JsonNode createKey(String token, String body) throws Exception {
    HttpResponse<String> response = send(bearer(post("/api/v1/api-keys", body), token));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private static String orderParams(String respType, String price) {
    return "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=10&price="
        + price
        + "&newOrderRespType="
        + respType;
  }

  private HttpResponse<String> signedOrder(JsonNode key, String respType, String price)
      throws Exception {
    return send(signed("POST", "/api/v3/order", key, orderParams(respType, price)));
  }

  private CompletableFuture<HttpResponse<String>> signedOrderAsync(
      JsonNode key, String respType, String price) {
    return sendAsync(signed("POST", "/api/v3/order", key, orderParams(respType, price)));
  }

  /** POST: the parameters in the form body; DELETE: in the query string, as ccxt sends them. */
  private HttpRequest.Builder signed(String method, String path, JsonNode key, String params) {
    return signedWith(
        method,
        path,
        key.get("apiKey").asString(),
        key.get("secret").asString(),
        params + "&timestamp=" + System.currentTimeMillis());
  }

  private HttpRequest.Builder signedWith(
      String method, String path, String apiKey, String secret, String params) {
    String signature = Signatures.hmacHex(secret.getBytes(StandardCharsets.UTF_8), params);
    return form(method, path, apiKey, params + "&signature=" + signature);
  }

  private HttpRequest.Builder form(String method, String path, String apiKey, String params) {
    HttpRequest.Builder b =
        method.equals("POST")
            ? HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(params))
            : HttpRequest.newBuilder(URI.create(base() + path + "?" + params))
                .method(method, HttpRequest.BodyPublishers.noBody());
    return apiKey == null ? b : b.header("X-MBX-APIKEY", apiKey);
  }

  private static void assertBinance(HttpResponse<String> r, int status, int code, String msg)
      throws Exception {
    assertBinance(r, status, code, msg, r.uri().toString());
  }

  private static void assertBinance(
      HttpResponse<String> r, int status, int code, String msg, String what) throws Exception {
    assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("code").asInt()).as(what + ": " + r.body()).isEqualTo(code);
    assertThat(body.get("msg").asString()).as(what).isEqualTo(msg);
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(base() + path)).GET();
  }

  private HttpRequest.Builder delete(String path) {
    return HttpRequest.newBuilder(URI.create(base() + path)).DELETE();
  }

  private HttpRequest.Builder post(String path, String json) {
    return HttpRequest.newBuilder(URI.create(base() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private static HttpRequest.Builder bearer(HttpRequest.Builder b, String token) {
    return b.header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder b) {
    return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static OrderEvent event(
      OrderCommand command,
      NewOrder order,
      ExecutionType type,
      OrderStatus status,
      String reason,
      long lastQuantity,
      long lastPrice,
      Long tradeId) {
    return OrderEvent.newBuilder()
        .setSymbol(command.getSymbol())
        .setSequence(System.nanoTime())
        .setAccount(command.getAccount())
        .setOrderId(order.getOrderId())
        .setClientOrderId(order.getClientOrderId())
        .setSide(Side.BUY)
        .setOrderType(OrderType.LIMIT)
        .setTimeInForce(TimeInForce.GTC)
        .setExecutionType(type)
        .setStatus(status)
        .setRejectReason(reason)
        .setPrice(order.getPrice())
        .setQuantity(order.getQuantity())
        .setQuoteQuantity(null)
        .setExecutedQuantity(lastQuantity)
        .setCumulativeQuote(lastQuantity * lastPrice)
        .setLastQuantity(lastQuantity)
        .setLastPrice(lastPrice)
        .setLastQuote(lastQuantity * lastPrice)
        .setTradeId(tradeId)
        .setMaker(false)
        .setPriceScale(order.getPriceScale())
        .setQuantityScale(order.getQuantityScale())
        .setTime(command.getTimestamp())
        .setCreatedTime(command.getTimestamp())
        .setCommission(tradeId == null ? 0 : 10L)
        .setCommissionAsset(tradeId == null ? null : "BTC")
        .setCommissionScale(8)
        .build();
  }

  private static void writeEvents(OrderEvent... events) throws Exception {
    for (OrderEvent e : events) {
      producer.send(
          new ProducerRecord<>(
              Topics.ORDER_EVENTS,
              e.getSymbol().getBytes(StandardCharsets.UTF_8),
              EventSerde.encode(e)));
    }
    producer.flush();
  }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(p);
  }

  private static Map<TopicPartition, Long> endOffsets() {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> all = new ArrayList<>();
      for (String topic : List.of(Topics.ORDERS, Topics.ACCOUNT_COMMANDS)) {
        consumer
            .partitionsFor(topic)
            .forEach(i -> all.add(new TopicPartition(topic, i.partition())));
      }
      return consumer.endOffsets(all);
    }
  }

  /** The order and cancel commands on exchange.account-commands so far. */
  private static List<AccountCommand> accountCommands() {
    List<AccountCommand> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.ACCOUNT_COMMANDS).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          AccountCommand c = EventSerde.decode(r.value(), AccountCommand.class);
          if (c.getPayload() instanceof OrderRequest) {
            out.add(c);
          }
        }
      }
    }
    return out;
  }

  private static OrderCommand orderCommand(AccountCommand c) {
    return ((OrderRequest) c.getPayload()).getCommand();
  }

  private static AccountCommand commandOfOrder(String orderId) {
    return awaitCommand(
        c -> orderCommand(c).getPayload() instanceof NewOrder o && o.getOrderId().equals(orderId));
  }

  /** The one new order at this price (each test uses its own price). */
  private static OrderCommand awaitNewOrder(String price) {
    long units = new BigDecimal(price).movePointRight(2).longValueExact();
    return orderCommand(
        awaitCommand(
            c ->
                orderCommand(c).getPayload() instanceof NewOrder o
                    && o.getPrice() != null // market orders of other tests have none
                    && o.getPrice() == units));
  }

  private static OrderCommand awaitCancelOf(String orderId, String... notThese) {
    List<String> excluded = List.of(notThese);
    return orderCommand(
        awaitCommand(
            c ->
                orderCommand(c).getPayload() instanceof CancelOrder o
                    && orderId.equals(o.getOrderId())
                    && !excluded.contains(orderCommand(c).getCommandId())));
  }

  /** The first account command that {@code wanted} accepts, once it is on Kafka. */
  private static AccountCommand awaitCommand(Predicate<AccountCommand> wanted) {
    return await()
        .atMost(30, SECONDS)
        .until(
            () -> accountCommands().stream().filter(wanted).findFirst().orElse(null),
            c -> c != null);
  }
}
