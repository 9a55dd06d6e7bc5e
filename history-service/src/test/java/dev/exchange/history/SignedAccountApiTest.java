package dev.exchange.history;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.history.testing.FillFixture;
import dev.exchange.history.testing.HotTier;
import dev.exchange.history.testing.LedgerFixture;
import dev.exchange.history.testing.ServiceProperties;
import dev.exchange.history.testing.TradeFixture;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.service.apikeys.Permission;
import dev.exchange.service.testing.ApiKeysFixture;
import dev.exchange.service.testing.InstrumentsTopic;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
 * Binance's signed reads against real PostgreSQL (the history job's tables and edge-api's api keys)
 * and Kafka (instruments), without a cold tier: my order, open orders, all orders, my trades with
 * their fees and my balances, each only the key's account's, and refused requests with Binance's
 * codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(LocalServicesExtension.class)
class SignedAccountApiTest {

  static final String BTC = "BTCUSDT";
  static final String ALICE_SECRET = "alice-secret";
  static final String BOB_SECRET = "bob-secret";
  static final String CARL_SECRET = "carl-secret";

  /** Each account's signed reads in this context: a burst of 30, then one per 10 s. */
  static final int BUDGET = 30;

  static final JsonMapper JSON = JsonMapper.builder().build();

  static KafkaBroker kafka;
  static PostgresServer postgres;
  static String database;
  static String aliceKey;
  static String bobKey;
  static String aliceTrader;
  static String carlKey;
  static String carlOtherKey;
  static long t0;

  @Value("${local.server.port}")
  int port;

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void seed(KafkaBroker broker, PostgresServer pg) throws Exception {
    kafka = broker;
    postgres = pg;
    database = "signed_" + Long.toHexString(System.nanoTime());
    pg.createDatabase(database);
    HotTier hot =
        HotTier.migrate(pg.jdbcUrl(database), pg.user(), pg.password(), pg.dataSource(database));
    ApiKeysFixture keys =
        ApiKeysFixture.migrate(
            pg.jdbcUrl(database), pg.user(), pg.password(), pg.dataSource(database));
    aliceKey = keys.hmacKey('A', "alice", ALICE_SECRET, Permission.READ);
    aliceTrader = keys.hmacKey('T', "alice", ALICE_SECRET, Permission.READ, Permission.TRADE);
    bobKey = keys.hmacKey('B', "bob", BOB_SECRET, Permission.READ);
    carlKey = keys.hmacKey('C', "carl", CARL_SECRET, Permission.READ);
    carlOtherKey = keys.hmacKey('D', "carl", CARL_SECRET, Permission.READ);

    t0 = System.currentTimeMillis() - 60_000;
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    hot.partitions(today.minusDays(1), today.plusDays(1));
    // alice: one filled buy (two fills), one open buy; bob: one open buy.
    String filled = "0190a000-0000-7000-8000-000000000001";
    String open = "0190a000-0000-7000-8000-000000000002";
    String bobs = "0190a000-0000-7000-8000-000000000003";
    hot.insertOrder(
        filled,
        "alice",
        BTC,
        "FILLED",
        dec("100.00"),
        dec("0.30000"),
        dec("0.30000"),
        dec("30.0000000"),
        t0,
        t0 + 2);
    hot.insertOrder(
        open,
        "alice",
        BTC,
        "NEW",
        dec("99.00"),
        dec("1.00000"),
        dec("0"),
        dec("0"),
        t0 + 10,
        t0 + 10);
    hot.insertOrder(
        bobs,
        "bob",
        BTC,
        "NEW",
        dec("98.00"),
        dec("2.00000"),
        dec("0"),
        dec("0"),
        t0 + 20,
        t0 + 20);
    hot.insertFill(new FillFixture(BTC, 1, t0 + 1, "alice", filled, 11, 100_00, 10_000, false, t0));
    hot.insertFill(new FillFixture(BTC, 2, t0 + 2, "alice", filled, 12, 100_00, 20_000, true, t0));
    hot.insertLedger(
        List.of(
            new LedgerFixture(
                "alice",
                1,
                t0 - 10,
                "DEPOSIT",
                "USDT",
                8,
                100_000_00000000L,
                0,
                100_000_00000000L,
                0,
                null,
                null,
                null,
                "t1",
                null),
            new LedgerFixture(
                "alice", 2, t0 + 1, "FEE", "BTC", 8, -10L, 0, 9_990L, 0, BTC, filled, 11L, null,
                null),
            new LedgerFixture(
                "alice",
                3,
                t0 + 2,
                "TRADE",
                "BTC",
                8,
                20_000_000L,
                0,
                30_009_990L,
                0,
                BTC,
                filled,
                12L,
                null,
                null),
            new LedgerFixture(
                "alice", 4, t0 + 3, "DEPOSIT", "ETH", 8, 0, 0, 0, 0, null, null, null, "t2",
                null)));
    InstrumentsTopic.publish(
        broker.bootstrapServers(),
        new InstrumentSpec(
            BTC,
            "BTC",
            "USDT",
            InstrumentStatus.TRADING,
            TradeFixture.PRICE_SCALE,
            TradeFixture.QUANTITY_SCALE,
            1,
            1,
            10,
            100_00000L,
            5_0000000L,
            200));
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ServiceProperties.register(registry, () -> postgres, () -> database, () -> kafka);
    registry.add("exchange.rate-limits.per-account.capacity", () -> BUDGET);
    registry.add("exchange.rate-limits.per-account.refill-tokens", () -> 1);
    registry.add("exchange.rate-limits.per-account.refill-period", () -> "10s");
    registry.add("exchange.rate-limits.per-address.capacity", () -> 100_000);
  }

  @BeforeEach
  void listed() {
    await().atMost(30, SECONDS).until(() -> get("/api/v3/exchangeInfo", null).body().contains(BTC));
  }

  @Test
  void myOrderByIdOrClientIdOnlyMine() throws Exception {
    String id = "0190a000-0000-7000-8000-000000000001";
    JsonNode order =
        ok(signed("/api/v3/order", aliceKey, ALICE_SECRET, "symbol=BTCUSDT&orderId=" + id));
    assertThat(order.get("orderId").asString()).isEqualTo(id);
    assertThat(order.get("status").asString()).isEqualTo("FILLED");
    assertThat(order.get("price").asString()).isEqualTo("100.00");
    assertThat(order.get("origQty").asString()).isEqualTo("0.30000");
    assertThat(order.get("executedQty").asString()).isEqualTo("0.30000");
    assertThat(order.get("cummulativeQuoteQty").asString()).isEqualTo("30.0000000");
    assertThat(order.get("isWorking").asBoolean()).isFalse();
    assertThat(order.get("time").asLong()).isEqualTo(t0);
    JsonNode byClient =
        ok(
            signed(
                "/api/v3/order",
                aliceKey,
                ALICE_SECRET,
                "symbol=BTCUSDT&origClientOrderId=c-" + id));
    assertThat(byClient.get("orderId").asString()).isEqualTo(id);

    assertBinance(
        signed("/api/v3/order", bobKey, BOB_SECRET, "symbol=BTCUSDT&orderId=" + id),
        400,
        -2013,
        "Order does not exist.");
    assertBinance(
        signed("/api/v3/order", aliceKey, ALICE_SECRET, "symbol=BTCUSDT"),
        400,
        -1102,
        "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
  }

  @Test
  void openOrdersAndAllOrdersAreTheKeysAccountsOnly() throws Exception {
    JsonNode open = ok(signed("/api/v3/openOrders", aliceKey, ALICE_SECRET, "symbol=BTCUSDT"));
    assertThat(open.size()).isEqualTo(1);
    assertThat(open.get(0).get("orderId").asString()).endsWith("0002");
    assertThat(open.get(0).get("isWorking").asBoolean()).isTrue();
    assertThat(ok(signed("/api/v3/openOrders", aliceKey, ALICE_SECRET, "")).size()).isEqualTo(1);

    JsonNode all = ok(signed("/api/v3/allOrders", aliceKey, ALICE_SECRET, "symbol=BTCUSDT"));
    assertThat(all.size()).isEqualTo(2);
    assertThat(all.get(0).get("orderId").asString()).endsWith("0001");
    assertThat(all.get(1).get("orderId").asString()).endsWith("0002");
    JsonNode fromSecond =
        ok(
            signed(
                "/api/v3/allOrders",
                aliceKey,
                ALICE_SECRET,
                "symbol=BTCUSDT&orderId=0190a000-0000-7000-8000-000000000002"));
    assertThat(fromSecond.size()).isEqualTo(1);
    JsonNode latestOne =
        ok(signed("/api/v3/allOrders", aliceKey, ALICE_SECRET, "symbol=BTCUSDT&limit=1"));
    assertThat(latestOne.get(0).get("orderId").asString()).endsWith("0002");
    assertThat(ok(signed("/api/v3/allOrders", bobKey, BOB_SECRET, "symbol=BTCUSDT")).size())
        .isEqualTo(1);
  }

  @Test
  void myTradesCarryTheirFeesOldestFirst() throws Exception {
    JsonNode trades = ok(signed("/api/v3/myTrades", aliceKey, ALICE_SECRET, "symbol=BTCUSDT"));
    assertThat(trades.size()).isEqualTo(2);
    JsonNode first = trades.get(0);
    assertThat(first.get("id").asLong()).isEqualTo(11);
    assertThat(first.get("price").asString()).isEqualTo("100.00");
    assertThat(first.get("qty").asString()).isEqualTo("0.10000");
    assertThat(first.get("quoteQty").asString()).isEqualTo("10.0000000");
    assertThat(first.get("commission").asString()).isEqualTo("0.00000010");
    assertThat(first.get("commissionAsset").asString()).isEqualTo("BTC");
    assertThat(first.get("isBuyer").asBoolean()).isTrue();
    assertThat(first.get("isMaker").asBoolean()).isFalse();
    JsonNode second = trades.get(1);
    assertThat(second.get("id").asLong()).isEqualTo(12);
    assertThat(second.get("commission").asString()).isEqualTo("0");
    assertThat(second.get("isMaker").asBoolean()).isTrue();
    assertThat(
            ok(signed("/api/v3/myTrades", aliceKey, ALICE_SECRET, "symbol=BTCUSDT&fromId=12"))
                .size())
        .isEqualTo(1);
    assertThat(ok(signed("/api/v3/myTrades", bobKey, BOB_SECRET, "symbol=BTCUSDT")).size())
        .isZero();
  }

  @Test
  void accountShowsBalancesAndWhetherTheKeyTrades() throws Exception {
    JsonNode account = ok(signed("/api/v3/account", aliceKey, ALICE_SECRET, ""));
    assertThat(account.get("canTrade").asBoolean()).isFalse();
    assertThat(account.get("accountType").asString()).isEqualTo("SPOT");
    assertThat(account.get("balances").toString())
        .isEqualTo(
            "[{\"asset\":\"BTC\",\"free\":\"0.30009990\",\"locked\":\"0.00000000\"},"
                + "{\"asset\":\"ETH\",\"free\":\"0.00000000\",\"locked\":\"0.00000000\"},"
                + "{\"asset\":\"USDT\",\"free\":\"100000.00000000\",\"locked\":\"0.00000000\"}]");
    JsonNode nonZero =
        ok(signed("/api/v3/account", aliceTrader, ALICE_SECRET, "omitZeroBalances=true"));
    assertThat(nonZero.get("canTrade").asBoolean()).isTrue();
    assertThat(nonZero.get("balances").size()).isEqualTo(2);
  }

  @Test
  void unsignedOrBadlySignedReadsAreRefused() throws Exception {
    assertBinance(get("/api/v3/account", null), 401, -2014, "API-key format invalid.");
    assertBinance(
        get("/api/v3/account?" + ApiKeysFixture.signed(BOB_SECRET, ""), aliceKey),
        400,
        -1022,
        "Signature for this request is not valid.");
    assertBinance(
        get(
            "/api/v3/account?timestamp=" + (System.currentTimeMillis() - 10_000) + "&signature=00",
            aliceKey),
        400,
        -1021,
        "Timestamp for this request is outside of the recvWindow.");
    assertBinance(
        signed("/api/v3/myTrades", aliceKey, ALICE_SECRET, "symbol=NOPEUSDT"),
        400,
        -1121,
        "Invalid symbol.");
    assertBinance(
        signed("/api/v3/allOrders", aliceKey, ALICE_SECRET, "symbol=BTCUSDT&limit=5000"),
        400,
        -1130,
        "Data sent for parameter 'limit' is not valid.");
  }

  @Test
  void anAccountsSignedReadsShareOneBudgetAcrossItsKeys() throws Exception {
    for (int i = 0; i < BUDGET; i++) {
      String key = i % 2 == 0 ? carlKey : carlOtherKey;
      assertThat(signed("/api/v3/account", key, CARL_SECRET, "").statusCode()).isEqualTo(200);
    }
    HttpResponse<String> refused = signed("/api/v3/account", carlOtherKey, CARL_SECRET, "");
    assertBinance(
        refused,
        429,
        -1003,
        "Too many requests; current request rate limit exceeded. Please use the WebSocket Streams"
            + " for live updates to avoid polling the API.");
    assertThat(refused.headers().firstValueAsLong("Retry-After").orElseThrow()).isBetween(1L, 10L);
    assertThat(signed("/api/v3/myTrades", carlKey, CARL_SECRET, "symbol=" + BTC).statusCode())
        .as("every key of the account")
        .isEqualTo(429);
    assertThat(signed("/api/v3/account", bobKey, BOB_SECRET, "").statusCode())
        .as("another account has its own budget")
        .isEqualTo(200);
  }

  private HttpResponse<String> signed(String path, String apiKey, String secret, String params)
      throws Exception {
    return get(path + "?" + ApiKeysFixture.signed(secret, params), apiKey);
  }

  private HttpResponse<String> get(String pathAndQuery, String apiKey) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).GET();
    if (apiKey != null) {
      b.header("X-MBX-APIKEY", apiKey);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static void assertBinance(HttpResponse<String> r, int status, int code, String msg)
      throws Exception {
    assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("code").asInt()).isEqualTo(code);
    assertThat(body.get("msg").asString()).isEqualTo(msg);
  }

  private static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }
}
