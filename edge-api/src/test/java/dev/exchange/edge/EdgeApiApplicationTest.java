package dev.exchange.edge;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.model.AlertChecks;
import dev.exchange.model.EventSerde;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.PriceBand;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.AlertAction;
import dev.exchange.model.avro.AlertCommand;
import dev.exchange.model.avro.AlertDefinition;
import dev.exchange.model.avro.Asset;
import dev.exchange.model.avro.CancelAllOrders;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.HaltInstrument;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderRequest;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Transfer;
import dev.exchange.model.avro.TransferKind;
import dev.exchange.model.avro.UpdateInstrument;
import dev.exchange.service.alerts.WebhookSigning;
import dev.exchange.service.testing.AssetsTopic;
import dev.exchange.service.testing.InstrumentsTopic;
import dev.exchange.service.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service against the real Kafka broker: orders and cancels reach {@code exchange.orders}
 * exactly as the matcher expects them, bad or unauthorised requests never do, new pairs become
 * tradable through the instruments topic, and a Kafka outage answers 503 without losing or
 * duplicating anything that was acknowledged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(LocalServicesExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeApiApplicationTest {

  private static final Duration SEND_TIMEOUT = Duration.ofMillis(1500);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TRADER = TestTokens.KEY.token("alice", "trader");
  private static final String ADMIN = TestTokens.KEY.token("root", "admin");

  private static KafkaBroker kafka;
  private static TestDatabase database;
  private static boolean instrumentsPublished;

  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  private int port;

  @Value("${local.management.port}")
  private int managementPort;

  @BeforeAll
  static void broker(KafkaBroker broker, PostgresServer pg) {
    kafka = broker;
    database = TestDatabase.create(pg, "edge_app");
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry, () -> database, () -> kafka);
    registry.add("exchange.kafka.send-timeout", () -> SEND_TIMEOUT.toMillis() + "ms");
    registry.add("exchange.rate-limits.per-account.capacity", () -> "100000");
    registry.add("exchange.rate-limits.per-address.capacity", () -> "100000");
  }

  @BeforeEach
  void instruments() throws Exception {
    if (!instrumentsPublished) {
      AssetsTopic.publish(
          kafka.bootstrapServers(),
          AssetsTopic.asset("BTC", 8),
          AssetsTopic.asset("ETH", 8),
          AssetsTopic.asset("USDT", 8),
          AssetsTopic.asset("TINY", 2));
      publishInstruments(
          TestInstruments.BTCUSDT,
          TestInstruments.ETHUSDT,
          TestInstruments.HALTUSDT,
          TestInstruments.DEADUSDT);
      instrumentsPublished = true;
    }
    await()
        .atMost(30, SECONDS)
        .until(() -> get("/api/v1/instruments").body().contains("\"DEADUSDT\""));
    await().atMost(30, SECONDS).until(() -> get("/api/v1/assets").body().contains("\"TINY\""));
  }

  @Test
  @Order(1)
  void readinessIsUpOnceTheInstrumentCacheCaughtUp() throws Exception {
    await()
        .atMost(30, SECONDS)
        .until(() -> management("/actuator/health/readiness").statusCode() == 200);
    HttpResponse<String> liveness = management("/actuator/health/liveness");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(liveness.body()).contains("\"UP\"");
    assertThat(management("/actuator/health/readiness").body()).contains("instruments");
  }

  @Test
  @Order(2)
  void instrumentsAreListedPubliclyWithDecimalStrings() throws Exception {
    HttpResponse<String> response = get("/api/v1/instruments");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode eth = null;
    for (JsonNode node : JSON.readTree(response.body())) {
      if (node.get("symbol").asString().equals("ETHUSDT")) {
        eth = node;
      }
    }
    assertThat(eth).isNotNull();
    assertThat(eth.get("tickSize").asString()).isEqualTo("0.05");
    assertThat(eth.get("stepSize").asString()).isEqualTo("0.001");
    assertThat(eth.get("minQuantity").asString()).isEqualTo("0.01");
    assertThat(eth.get("maxQuantity").asString()).isEqualTo("1000");
    assertThat(eth.get("minNotional").asString()).isEqualTo("10");
    assertThat(eth.get("status").asString()).isEqualTo("TRADING");
    assertThat(eth.get("priceScale").asInt()).isEqualTo(2);
    assertThat(eth.get("quantityScale").asInt()).isEqualTo(4);
    assertThat(eth.get("maxOpenOrders").asInt()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void aLimitOrderIsAcceptedOnlyAfterKafkaHasItWithExactFixedPointAmounts() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/v1/orders",
            TRADER,
            """
            {"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","quantity":"0.5","price":"30000.10",
             "clientOrderId":"my-order-1","selfTradePrevention":"EXPIRE_TAKER"}""");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    String orderId = body.get("orderId").asString();
    assertThat(orderId)
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(body.get("clientOrderId").asString()).isEqualTo("my-order-1");
    assertThat(body.get("symbol").asString()).isEqualTo("BTCUSDT");
    assertThat(body.get("status").asString()).isEqualTo("PENDING_NEW");
    long acceptedAt = body.get("acceptedAt").asLong();
    assertThat(acceptedAt)
        .isCloseTo(Instant.now().toEpochMilli(), org.assertj.core.data.Offset.offset(60_000L));

    ConsumerRecord<byte[], byte[]> record = onlyRecordOf(orderId);
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("alice");
    AccountCommand accountCommand = EventSerde.decode(record.value(), AccountCommand.class);
    assertThat(accountCommand.getAccount()).isEqualTo("alice");
    OrderRequest request = (OrderRequest) accountCommand.getPayload();
    assertThat(request.getBaseAsset()).isEqualTo("BTC");
    assertThat(request.getBaseAssetScale()).isEqualTo(8);
    assertThat(request.getQuoteAsset()).isEqualTo("USDT");
    assertThat(request.getQuoteAssetScale()).isEqualTo(8);
    OrderCommand command = request.getCommand();
    assertThat(command.getSymbol()).isEqualTo("BTCUSDT");
    assertThat(command.getAccountSequence()).isZero();
    assertThat(command.getAccount()).isEqualTo("alice");
    assertThat(command.getTimestamp()).isEqualTo(acceptedAt);
    assertThat(command.getCommandId()).isNotEqualTo(orderId).hasSize(36);
    NewOrder order = (NewOrder) command.getPayload();
    assertThat(order.getClientOrderId()).isEqualTo("my-order-1");
    assertThat(order.getSide()).isEqualTo(Side.BUY);
    assertThat(order.getOrderType()).isEqualTo(OrderType.LIMIT);
    assertThat(order.getTimeInForce()).isEqualTo(TimeInForce.GTC);
    assertThat(order.getPrice()).isEqualTo(3000010L);
    assertThat(order.getQuantity()).isEqualTo(50000L);
    assertThat(order.getQuoteQuantity()).isNull();
    assertThat(order.getPriceScale()).isEqualTo(2);
    assertThat(order.getQuantityScale()).isEqualTo(5);
    assertThat(order.getSelfTradePrevention()).isEqualTo(SelfTradePrevention.EXPIRE_TAKER);
  }

  @Test
  @Order(4)
  void aMarketBuyByQuoteAmountTakesExactJsonNumbersAndDefaultsToIoc() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/v1/orders",
            TRADER,
            "{\"symbol\":\"btcusdt\",\"side\":\"BUY\",\"type\":\"MARKET\",\"quoteQuantity\":100.50}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    String orderId = body.get("orderId").asString();
    assertThat(body.get("clientOrderId").asString()).isEqualTo(orderId);
    NewOrder order = (NewOrder) command(onlyRecordOf(orderId)).getPayload();
    assertThat(order.getTimeInForce()).isEqualTo(TimeInForce.IOC);
    assertThat(order.getPrice()).isNull();
    assertThat(order.getQuantity()).isNull();
    assertThat(order.getQuoteQuantity()).isEqualTo(100_5000000L);
    assertThat(order.getSelfTradePrevention()).isEqualTo(SelfTradePrevention.NONE);
  }

  @Test
  @Order(5)
  void cancelsByIdByClientIdAndAllAreCommandsOfTheCaller() throws Exception {
    String orderId = "0190a6f2-6a4c-7cc1-8c5b-1f2e3d4c5b6a";
    JsonNode byId =
        accepted(delete("/api/v1/orders/" + orderId + "?symbol=BTCUSDT", TRADER), "PENDING_CANCEL");
    JsonNode byClientId =
        accepted(
            delete("/api/v1/orders?symbol=HALTUSDT&clientOrderId=my-order-1", TRADER),
            "PENDING_CANCEL");
    JsonNode all = accepted(delete("/api/v1/orders?symbol=BTCUSDT", TRADER), "PENDING_CANCEL");

    OrderCommand one = accountCommandWithId(byId.get("commandId").asString());
    assertThat(one.getAccount()).isEqualTo("alice");
    assertThat(one.getPayload()).isEqualTo(new CancelOrder(orderId, null));
    OrderCommand two = accountCommandWithId(byClientId.get("commandId").asString());
    assertThat(two.getSymbol()).isEqualTo("HALTUSDT");
    assertThat(two.getPayload()).isEqualTo(new CancelOrder(null, "my-order-1"));
    OrderCommand three = accountCommandWithId(all.get("commandId").asString());
    assertThat(three.getPayload()).isInstanceOf(CancelAllOrders.class);
  }

  @Test
  @Order(6)
  void anAdminListsAnAssetOnceAndItsScaleNeverChanges() throws Exception {
    HttpResponse<String> created =
        post("/api/v1/admin/assets", ADMIN, "{\"code\":\"SOL\",\"scale\":8}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(created.body());
    assertThat(body.get("code").asString()).isEqualTo("SOL");
    assertThat(body.get("scale").asInt()).isEqualTo(8);
    List<ConsumerRecord<byte[], byte[]>> records =
        readAll(Topics.ASSETS).stream()
            .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("SOL"))
            .toList();
    assertThat(records).hasSize(1);
    Asset sol = EventSerde.decode(records.get(0).value(), Asset.class);
    assertThat(sol.getCode()).isEqualTo("SOL");
    assertThat(sol.getScale()).isEqualTo(8);
    assertThat(sol.getListedTime()).isEqualTo(body.get("listedTime").asLong());

    HttpResponse<String> repeated =
        post("/api/v1/admin/assets", ADMIN, "{\"code\":\"SOL\",\"scale\":8}");
    assertThat(repeated.statusCode()).as(repeated.body()).isEqualTo(200);
    assertThat(JSON.readTree(repeated.body()).get("listedTime").asLong())
        .isEqualTo(sol.getListedTime());
    HttpResponse<String> rescaled =
        post("/api/v1/admin/assets", ADMIN, "{\"code\":\"SOL\",\"scale\":6}");
    assertThat(rescaled.statusCode()).as(rescaled.body()).isEqualTo(409);
    assertThat(JSON.readTree(rescaled.body()).get("code").asString())
        .isEqualTo("ASSET_ALREADY_LISTED");
    assertThat(
            readAll(Topics.ASSETS).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("SOL")))
        .hasSize(1);

    HttpResponse<String> list = get("/api/v1/assets");
    assertThat(list.statusCode()).isEqualTo(200);
    Map<String, Integer> scales = new HashMap<>();
    for (JsonNode node : JSON.readTree(list.body())) {
      scales.put(node.get("code").asString(), node.get("scale").asInt());
    }
    assertThat(scales).containsEntry("SOL", 8).containsEntry("BTC", 8).containsEntry("TINY", 2);
  }

  @Test
  @Order(7)
  void anAdminTransferReachesTheAccountsCommandsKeyedByAccountInTheAssetsUnits() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/v1/admin/transfers",
            ADMIN,
            """
            {"account":"carol","asset":"USDT","amount":"1234.5","kind":"DEPOSIT",
             "transferId":"bank:2026-12-05.1"}""");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asString()).isEqualTo("PENDING");
    assertThat(body.get("transferId").asString()).isEqualTo("bank:2026-12-05.1");
    HttpResponse<String> withdrawal =
        post(
            "/api/v1/admin/transfers",
            ADMIN,
            """
            {"account":"carol","asset":"BTC","amount":"0.00000001","kind":"WITHDRAWAL",
             "transferId":"out-1"}""");
    assertThat(withdrawal.statusCode()).as(withdrawal.body()).isEqualTo(202);

    List<AccountCommand> carol = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(Topics.ACCOUNT_COMMANDS)) {
      if (new String(r.key(), StandardCharsets.UTF_8).equals("carol")) {
        carol.add(accountCommand(r));
      }
    }
    assertThat(carol).hasSize(2);
    assertThat(carol).allSatisfy(c -> assertThat(c.getAccount()).isEqualTo("carol"));
    Transfer deposit = (Transfer) carol.get(0).getPayload();
    assertThat(deposit.getTransferId()).isEqualTo("bank:2026-12-05.1");
    assertThat(deposit.getKind()).isEqualTo(TransferKind.DEPOSIT);
    assertThat(deposit.getAsset()).isEqualTo("USDT");
    assertThat(deposit.getAssetScale()).isEqualTo(8);
    assertThat(deposit.getAmount()).isEqualTo(1234_50000000L);
    assertThat(deposit.getTimestamp())
        .isCloseTo(Instant.now().toEpochMilli(), org.assertj.core.data.Offset.offset(60_000L));
    Transfer out = (Transfer) carol.get(1).getPayload();
    assertThat(out.getKind()).isEqualTo(TransferKind.WITHDRAWAL);
    assertThat(out.getAsset()).isEqualTo("BTC");
    assertThat(out.getAmount()).isEqualTo(1L);
  }

  @Test
  @Order(8)
  void anAdminListsAPairThatBecomesTradableOnceTheMatcherPublishesIt() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/v1/admin/instruments",
            ADMIN,
            """
            {"symbol":"SOLUSDT","baseAsset":"SOL","quoteAsset":"USDT","tickSize":"0.001",
             "stepSize":"0.01","minQuantity":"0.1","maxQuantity":"50000","minNotional":"1",
             "maxOpenOrders":50}""");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    OrderCommand list = commandWithId(JSON.readTree(response.body()).get("commandId").asString());
    assertThat(list.getSymbol()).isEqualTo("SOLUSDT");
    assertThat(list.getAccount()).isEqualTo("root");
    ListInstrument payload = (ListInstrument) list.getPayload();
    assertThat(payload.getPriceScale()).isEqualTo(3);
    assertThat(payload.getQuantityScale()).isEqualTo(2);
    assertThat(payload.getFilters().getTickSize()).isEqualTo(1);
    assertThat(payload.getFilters().getMinQuantity()).isEqualTo(10);
    assertThat(payload.getFilters().getMinNotional()).isEqualTo(1_00000L);
    assertThat(payload.getBaseAssetScale()).isEqualTo(8);
    assertThat(payload.getQuoteAssetScale()).isEqualTo(8);
    assertThat(payload.getMakerFeeBps()).isEqualTo(10);
    assertThat(payload.getTakerFeeBps()).isEqualTo(10);
    assertThat(PriceBand.of(payload.getFilters()))
        .as("Binance's usual multipliers when the listing gives none")
        .isEqualTo(new PriceBand(50_000, 2_000, 50_000, 2_000));

    String order =
        "{\"symbol\":\"SOLUSDT\",\"side\":\"SELL\",\"type\":\"LIMIT\",\"quantity\":\"1.5\",\"price\":\"150.125\"}";
    HttpResponse<String> early = post("/api/v1/orders", TRADER, order);
    assertThat(early.statusCode()).isEqualTo(400);
    assertThat(early.body()).contains("\"code\":\"UNKNOWN_SYMBOL\"");

    InstrumentSpec sol =
        new InstrumentSpec(
            "SOLUSDT",
            "SOL",
            "USDT",
            InstrumentStatus.TRADING,
            3,
            2,
            1,
            1,
            10,
            5_000_000L,
            1_00000L,
            50,
            8,
            8,
            10,
            10,
            PriceBand.DEFAULT);
    publishInstruments(sol);
    await()
        .atMost(30, SECONDS)
        .until(() -> post("/api/v1/orders", TRADER, order).statusCode() == 202);
    JsonNode listed = null;
    for (JsonNode node : JSON.readTree(get("/api/v1/instruments").body())) {
      if (node.get("symbol").asString().equals("SOLUSDT")) {
        listed = node;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.get("baseAssetScale").asInt()).isEqualTo(8);
    assertThat(listed.get("quoteAssetScale").asInt()).isEqualTo(8);
    assertThat(listed.get("makerFeeBps").asInt()).isEqualTo(10);
    assertThat(listed.get("takerFeeBps").asInt()).isEqualTo(10);
    assertThat(listed.get("bidMultiplierUp").asString()).isEqualTo("5");
    assertThat(listed.get("bidMultiplierDown").asString()).isEqualTo("0.2");
    assertThat(listed.get("askMultiplierUp").asString()).isEqualTo("5");
    assertThat(listed.get("askMultiplierDown").asString()).isEqualTo("0.2");
    String solOrderId =
        JSON.readTree(post("/api/v1/orders", TRADER, order).body()).get("orderId").asString();
    OrderRequest solRequest = (OrderRequest) accountCommand(onlyRecordOf(solOrderId)).getPayload();
    assertThat(solRequest.getBaseAsset()).isEqualTo("SOL");
    assertThat(solRequest.getBaseAssetScale()).isEqualTo(8);
    assertThat(solRequest.getQuoteAssetScale()).isEqualTo(8);

    HttpResponse<String> again =
        post(
            "/api/v1/admin/instruments",
            ADMIN,
            """
            {"symbol":"SOLUSDT","baseAsset":"SOL","quoteAsset":"USDT","tickSize":"0.001",
             "stepSize":"0.01","minQuantity":"0.1","maxQuantity":"50000","minNotional":"1",
             "maxOpenOrders":50}""");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("INSTRUMENT_ALREADY_LISTED", "already listed");

    HttpResponse<String> halt =
        post("/api/v1/admin/instruments/SOLUSDT/halt", ADMIN, "{\"reason\":\"maintenance\"}");
    assertThat(halt.statusCode()).as(halt.body()).isEqualTo(202);
    OrderCommand haltCommand =
        commandWithId(JSON.readTree(halt.body()).get("commandId").asString());
    assertThat(haltCommand.getPayload()).isEqualTo(new HaltInstrument("maintenance"));
    publishInstruments(sol.withStatus(InstrumentStatus.HALTED));
    await()
        .atMost(30, SECONDS)
        .until(() -> post("/api/v1/orders", TRADER, order).body().contains("SYMBOL_HALTED"));
    assertThat(delete("/api/v1/orders?symbol=SOLUSDT", TRADER).statusCode()).isEqualTo(202);

    HttpResponse<String> fees =
        put(
            "/api/v1/admin/instruments/SOLUSDT",
            ADMIN,
            """
            {"tickSize":"0.001","stepSize":"0.01","minQuantity":"0.1","maxQuantity":"50000",
             "minNotional":"1","maxOpenOrders":50,"makerFeeBps":5,"takerFeeBps":20,
             "bidMultiplierUp":"10","askMultiplierDown":"0.5"}""");
    assertThat(fees.statusCode()).as(fees.body()).isEqualTo(202);
    UpdateInstrument update =
        (UpdateInstrument)
            commandWithId(JSON.readTree(fees.body()).get("commandId").asString()).getPayload();
    assertThat(update.getMakerFeeBps()).isEqualTo(5);
    assertThat(update.getTakerFeeBps()).isEqualTo(20);
    assertThat(PriceBand.of(update.getFilters()))
        .as("the multipliers given; 0 keeps the others")
        .isEqualTo(new PriceBand(100_000, 0, 0, 5_000));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("dev.exchange.edge.BadRequests#cases")
  @Order(9)
  void badOrUnauthorisedRequestsGetA4xxAndNeverReachKafka(BadRequests.Case c) throws Exception {
    Map<TopicPartition, Long> before = endOffsets();
    assertThat(before.keySet())
        .extracting(TopicPartition::topic)
        .contains(Topics.ORDERS, Topics.ACCOUNT_COMMANDS, Topics.ASSETS);
    HttpResponse<String> response = send(c.request(baseUrl()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(c.status());
    assertThat(problem.get("code").asString()).isEqualTo(c.code());
    if (c.field() != null) {
      assertThat(problem.get("field").asString()).isEqualTo(c.field());
    }
    assertThat(problem.get("detail").asString()).contains(c.detail());
    assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo(c.code());
    assertThat(endOffsets()).isEqualTo(before);
  }

  @Test
  @Order(10)
  void metricsCountAcceptedAndRejectedOrdersAndTimeKafkaSends() throws Exception {
    HttpResponse<String> prometheus = management("/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("exchange_orders_accepted_total")
        .contains(
            "exchange_orders_rejected_total{application=\"edge-api\",reason=\"PRICE_NOT_ON_TICK\"}")
        .contains(
            "exchange_orders_rejected_total{application=\"edge-api\",reason=\"UNAUTHENTICATED\"}")
        .contains("exchange_kafka_send_seconds_bucket")
        // Buckets for the latency alert and dashboard (docs/observability.md).
        .contains("http_server_requests_seconds_bucket");
  }

  @Test
  @Order(11)
  void theOpenApiDocumentIsServed() throws Exception {
    HttpResponse<String> docs = get("/v3/api-docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("/api/v1/orders", "/api/v1/admin/instruments/{symbol}/halt");
  }

  @Test
  @Order(12)
  void whenKafkaIsDownOrdersFailFastWith503AndNothingAcknowledgedIsLostOrDuplicated()
      throws Exception {
    List<String> acknowledged = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      acknowledged.add(placeSmallOrder("before-" + i));
    }
    kafka.stop();
    try {
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        HttpResponse<String> refused = post("/api/v1/orders", TRADER, smallOrder("during-" + i));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(took).isLessThan(SEND_TIMEOUT.plusMillis(1000));
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("code").asString()).isEqualTo("KAFKA_UNAVAILABLE");
        assertThat(problem.get("detail").asString())
            .contains("may still have been written: retry with the same clientOrderId");
      }
    } finally {
      kafka.restart();
    }
    await()
        .atMost(60, SECONDS)
        .until(() -> post("/api/v1/orders", TRADER, smallOrder("probe")).statusCode() != 503);
    for (int i = 0; i < 5; i++) {
      acknowledged.add(placeSmallOrder("after-" + i));
    }
    Map<String, Integer> seen = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(Topics.ACCOUNT_COMMANDS)) {
      if (accountCommand(r).getPayload() instanceof OrderRequest request
          && request.getCommand().getPayload() instanceof NewOrder order) {
        seen.merge(order.getOrderId(), 1, Integer::sum);
      }
    }
    for (String orderId : acknowledged) {
      assertThat(seen.get(orderId)).as("copies of acknowledged order %s", orderId).isEqualTo(1);
    }
  }

  @Test
  @Order(11)
  void alertsAreCreatedOnTheTickIdempotentlyListedPausedResumedAndDeletedByTheirOwnerOnly()
      throws Exception {
    String body =
        """
        {"symbol":"BTCUSDT","type":"PRICE_ABOVE","price":"70000.10","hysteresisPercent":"0.5",
         "clientAlertId":"moon-1"}""";
    HttpResponse<String> created = post("/api/v1/alerts", TRADER, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode alert = JSON.readTree(created.body());
    String alertId = alert.get("alertId").asString();
    assertThat(alert.get("price").asString()).isEqualTo("70000.10");
    assertThat(alert.get("hysteresisPercent").asString()).isEqualTo("0.50");
    assertThat(alert.get("status").asString()).isEqualTo("ACTIVE");

    HttpResponse<String> again = post("/api/v1/alerts", TRADER, body);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("alertId").asString()).isEqualTo(alertId);
    List<AlertCommand> commands = alertCommands(alertId);
    assertThat(commands).hasSize(1);
    AlertDefinition definition = commands.get(0).getAlert();
    assertThat(commands.get(0).getAction()).isEqualTo(AlertAction.CREATE);
    assertThat(definition.getAccount()).isEqualTo("alice");
    assertThat(definition.getLevel()).isEqualTo(7_000_010L);
    assertThat(definition.getPriceScale()).isEqualTo(2);
    assertThat(definition.getHysteresisBps()).isEqualTo(50L);

    Map<TopicPartition, Long> before = endOffsets();
    assertProblem(
        post(
            "/api/v1/alerts",
            TRADER,
            "{\"symbol\":\"ETHUSDT\",\"type\":\"PRICE_BELOW\",\"price\":\"3000.03\"}"),
        400,
        "PRICE_NOT_ON_TICK",
        "tick size 0.05 of ETHUSDT");
    assertProblem(
        post(
            "/api/v1/alerts",
            TRADER,
            "{\"symbol\":\"BTCUSDT\",\"type\":\"PERCENT_CHANGE\",\"percent\":\"5\","
                + "\"window\":\"2h\"}"),
        400,
        "UNKNOWN_FIELD_VALUE",
        "5m, 1h, 24h");
    assertProblem(
        post("/api/v1/alerts", TRADER, "{\"symbol\":\"BTCUSDT\",\"type\":\"PERCENT_CHANGE\"}"),
        400,
        "FIELD_REQUIRED",
        "percent is required");
    assertProblem(
        post("/api/v1/alerts", TRADER, "{\"symbol\":\"NOPE\",\"type\":\"ORDER_FILLED\"}"),
        400,
        "UNKNOWN_SYMBOL",
        "NOPE");
    assertThat(endOffsets()).as("refused alerts never reach Kafka").isEqualTo(before);

    String bob = TestTokens.KEY.token("bob", "trader");
    assertThat(JSON.readTree(get("/api/v1/alerts", bob).body())).isEmpty();
    assertProblem(
        post("/api/v1/alerts/" + alertId + "/pause", bob, ""), 404, "ALERT_NOT_FOUND", alertId);
    assertThat(get("/api/v1/alerts", null).statusCode()).isEqualTo(401);

    HttpResponse<String> paused = post("/api/v1/alerts/" + alertId + "/pause", TRADER, "");
    assertThat(JSON.readTree(paused.body()).get("status").asString()).isEqualTo("PAUSED");
    HttpResponse<String> resumed = post("/api/v1/alerts/" + alertId + "/resume", TRADER, "");
    assertThat(JSON.readTree(resumed.body()).get("status").asString()).isEqualTo("ACTIVE");
    JsonNode listed = JSON.readTree(get("/api/v1/alerts", TRADER).body());
    assertThat(listed).extracting(n -> n.get("alertId").asString()).containsExactly(alertId);
    assertThat(delete("/api/v1/alerts/" + alertId, TRADER).statusCode()).isEqualTo(204);
    assertThat(JSON.readTree(get("/api/v1/alerts", TRADER).body())).isEmpty();
    assertProblem(delete("/api/v1/alerts/" + alertId, TRADER), 404, "ALERT_NOT_FOUND", alertId);
    assertThat(alertCommands(alertId))
        .extracting(AlertCommand::getAction)
        .containsExactly(
            AlertAction.CREATE, AlertAction.PAUSE, AlertAction.RESUME, AlertAction.DELETE);
  }

  @Test
  @Order(11)
  void anAlertsWebhookAndDeliveryLogAreShownToItsOwnerOnly() throws Exception {
    assertProblem(
        post(
            "/api/v1/alerts",
            TRADER,
            "{\"symbol\":\"BTCUSDT\",\"type\":\"ORDER_FILLED\","
                + "\"webhookUrl\":\"http://hooks.example.com/a\"}"),
        400,
        "ALERT_INVALID",
        "webhookUrl: an absolute https URL");
    assertProblem(
        post(
            "/api/v1/alerts",
            TRADER,
            "{\"symbol\":\"BTCUSDT\",\"type\":\"ORDER_FILLED\",\"email\":\"not-an-address\"}"),
        400,
        "ALERT_INVALID",
        "email: an address");
    HttpResponse<String> created =
        post(
            "/api/v1/alerts",
            TRADER,
            "{\"symbol\":\"BTCUSDT\",\"type\":\"ORDER_FILLED\","
                + "\"webhookUrl\":\"https://hooks.example.com/a\",\"email\":\"alice@example.com\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode alert = JSON.readTree(created.body());
    String alertId = alert.get("alertId").asString();
    assertThat(alert.get("webhookUrl").asString()).isEqualTo("https://hooks.example.com/a");
    assertThat(alert.get("email").asString()).isEqualTo("alice@example.com");
    AlertDefinition definition = alertCommands(alertId).get(0).getAlert();
    assertThat(definition.getWebhookUrl()).isEqualTo("https://hooks.example.com/a");
    assertThat(definition.getEmail()).isEqualTo("alice@example.com");

    // Before alert-delivery has migrated its schema: no deliveries.
    String path = "/api/v1/alerts/" + alertId + "/deliveries";
    HttpResponse<String> none = get(path, TRADER);
    assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
    assertThat(JSON.readTree(none.body())).isEmpty();

    Flyway.configure(EdgeApiApplicationTest.class.getClassLoader())
        .dataSource(database.url(), database.user(), database.password())
        .schemas(WebhookSigning.SCHEMA)
        .locations("classpath:db/alerts")
        .load()
        .migrate();
    JdbcTemplate jdbc =
        new JdbcTemplate(
            new DriverManagerDataSource(database.url(), database.user(), database.password()));
    String insert =
        "insert into alerts.deliveries (alert_id, firing, channel, attempt, account, outcome,"
            + " status_code, error, time) values (?, 1, 'WEBHOOK', ?, 'alice', ?, ?, ?,"
            + " to_timestamp(? / 1000.0))";
    jdbc.update(insert, alertId, 1, "RETRIED", 503, "HTTP 503", 1_700_000_000_000L);
    jdbc.update(insert, alertId, 2, "SENT", 200, null, 1_700_000_001_000L);

    JsonNode log = JSON.readTree(get(path, TRADER).body());
    assertThat(log).hasSize(2);
    assertThat(log.get(0).get("attempt").asInt()).isEqualTo(1);
    assertThat(log.get(0).get("outcome").asString()).isEqualTo("RETRIED");
    assertThat(log.get(0).get("statusCode").asInt()).isEqualTo(503);
    assertThat(log.get(0).get("error").asString()).isEqualTo("HTTP 503");
    assertThat(log.get(0).get("time").asLong()).isEqualTo(1_700_000_000_000L);
    assertThat(log.get(1).get("outcome").asString()).isEqualTo("SENT");
    assertThat(log.get(1).get("channel").asString()).isEqualTo("WEBHOOK");
    assertThat(log.get(1).get("firing").asLong()).isEqualTo(1L);

    String bob = TestTokens.KEY.token("bob", "trader");
    assertProblem(get(path, bob), 404, "ALERT_NOT_FOUND", alertId);
    assertThat(get(path, null).statusCode()).isEqualTo(401);

    JsonNode secret = JSON.readTree(get("/api/v1/alerts/webhook-secret", TRADER).body());
    assertThat(secret.get("secret").asString())
        .isEqualTo(WebhookSigning.fromBase64(TestDatabase.WEBHOOK_KEY).secretOf("alice"));
    assertThat(
            JSON.readTree(get("/api/v1/alerts/webhook-secret", bob).body())
                .get("secret")
                .asString())
        .isNotEqualTo(secret.get("secret").asString());
    assertThat(delete("/api/v1/alerts/" + alertId, TRADER).statusCode()).isEqualTo(204);
  }

  @Test
  @Order(11)
  void anAccountHoldsAtMostAHundredAlerts() throws Exception {
    String carol = TestTokens.KEY.token("carol", "trader");
    String fill = "{\"symbol\":\"BTCUSDT\",\"type\":\"ORDER_FILLED\"}";
    for (int i = 0; i < AlertChecks.MAX_ALERTS_PER_ACCOUNT; i++) {
      assertThat(post("/api/v1/alerts", carol, fill).statusCode()).isEqualTo(201);
    }
    assertProblem(post("/api/v1/alerts", carol, fill), 409, "ALERT_LIMIT", "100 alerts");
    String first =
        JSON.readTree(get("/api/v1/alerts", carol).body()).get(0).get("alertId").asString();
    assertThat(delete("/api/v1/alerts/" + first, carol).statusCode()).isEqualTo(204);
    assertThat(post("/api/v1/alerts", carol, fill).statusCode()).isEqualTo(201);
  }

  private static void assertProblem(
      HttpResponse<String> response, int status, String code, String detail) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("code").asString()).isEqualTo(code);
    assertThat(problem.get("detail").asString()).contains(detail);
  }

  /** The commands of one alert on exchange.alert-commands, in order. */
  private static List<AlertCommand> alertCommands(String alertId) {
    return readAll(Topics.ALERT_COMMANDS).stream()
        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(alertId))
        .map(r -> EventSerde.decode(r.value(), AlertCommand.class))
        .toList();
  }

  private String placeSmallOrder(String clientOrderId) throws Exception {
    HttpResponse<String> response = post("/api/v1/orders", TRADER, smallOrder(clientOrderId));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).get("orderId").asString();
  }

  private static String smallOrder(String clientOrderId) {
    return "{\"symbol\":\"BTCUSDT\",\"side\":\"SELL\",\"type\":\"LIMIT\",\"quantity\":\"0.01\","
        + "\"price\":\"1000\",\"clientOrderId\":\""
        + clientOrderId
        + "\"}";
  }

  private JsonNode accepted(HttpResponse<String> response, String status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asString()).isEqualTo(status);
    assertThat(body.get("commandId").asString()).hasSize(36);
    return body;
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  private HttpResponse<String> management(String path) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path))
            .GET()
            .build());
  }

  private HttpResponse<String> post(String path, String token, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpResponse<String> put(String path, String token, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpResponse<String> delete(String path, String token) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .header("Authorization", "Bearer " + token)
            .DELETE()
            .build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void publishInstruments(InstrumentSpec... specs) throws Exception {
    InstrumentsTopic.publish(kafka.bootstrapServers(), specs);
  }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(p);
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<byte[], byte[]> consumer, String topic) {
    return consumer.partitionsFor(topic).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition()))
        .toList();
  }

  /** End offsets of every topic the edge writes to. */
  private static Map<TopicPartition, Long> endOffsets() {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> all = new ArrayList<>();
      for (String topic :
          List.of(Topics.ORDERS, Topics.ACCOUNT_COMMANDS, Topics.ASSETS, Topics.ALERT_COMMANDS)) {
        all.addAll(partitions(consumer, topic));
      }
      return consumer.endOffsets(all);
    }
  }

  /** Every record on the topic up to its current end offsets. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      await()
          .atMost(30, SECONDS)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
              });
    }
    return records;
  }

  /** The order command inside an account's command. */
  private static OrderCommand command(ConsumerRecord<byte[], byte[]> record) {
    return ((OrderRequest) accountCommand(record).getPayload()).getCommand();
  }

  private static AccountCommand accountCommand(ConsumerRecord<byte[], byte[]> record) {
    return EventSerde.decode(record.value(), AccountCommand.class);
  }

  /** The account-commands record of the order; the edge never writes orders to exchange.orders. */
  private static ConsumerRecord<byte[], byte[]> onlyRecordOf(String orderId) {
    List<ConsumerRecord<byte[], byte[]>> matching =
        readAll(Topics.ACCOUNT_COMMANDS).stream()
            .filter(
                r ->
                    accountCommand(r).getPayload() instanceof OrderRequest request
                        && request.getCommand().getPayload() instanceof NewOrder order
                        && order.getOrderId().equals(orderId))
            .toList();
    assertThat(matching).hasSize(1);
    assertThat(
            readAll(Topics.ORDERS).stream()
                .map(r -> EventSerde.decode(r.value(), OrderCommand.class))
                .filter(
                    c -> c.getPayload() instanceof NewOrder o && o.getOrderId().equals(orderId)))
        .isEmpty();
    return matching.get(0);
  }

  /** An order or cancel command of an account, from exchange.account-commands. */
  private static OrderCommand accountCommandWithId(String commandId) {
    List<OrderCommand> matching =
        readAll(Topics.ACCOUNT_COMMANDS).stream()
            .filter(r -> accountCommand(r).getPayload() instanceof OrderRequest)
            .map(EdgeApiApplicationTest::command)
            .filter(c -> c.getCommandId().equals(commandId))
            .toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  /** An instrument command, from exchange.orders. */
  private static OrderCommand commandWithId(String commandId) {
    List<OrderCommand> matching =
        readAll(Topics.ORDERS).stream()
            .map(r -> EventSerde.decode(r.value(), OrderCommand.class))
            .filter(c -> c.getCommandId().equals(commandId))
            .toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
