package dev.exchange.relay;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.model.FixedPoint;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.AlertFired;
import dev.exchange.model.avro.AlertKind;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.CommandRejection;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Ticker;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;
import dev.exchange.relay.feed.MarketFeed;
import dev.exchange.relay.feed.MarketMirror;
import dev.exchange.relay.streams.AccountHub;
import dev.exchange.relay.streams.StreamHub;
import dev.exchange.relay.ws.RelaySession;
import dev.exchange.relay.ws.SessionRegistry;
import dev.exchange.service.apikeys.ApiKey;
import dev.exchange.service.apikeys.ApiKeyStore;
import dev.exchange.service.apikeys.ListenKeyStore;
import dev.exchange.service.apikeys.Permission;
import dev.exchange.service.apikeys.Signatures;
import dev.exchange.service.testing.ApiKeysFixture;
import dev.exchange.service.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The relay against the real Kafka broker: records are written onto the topics with {@code
 * EventSerde} as the matching and market-data jobs would, and read back through real WebSocket and
 * HTTP clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(LocalServicesExtension.class)
class WsRelayApplicationTest {

  private static final String SECRET = "user-data-secret";

  private static KafkaBroker kafka;
  private static Feed feed;
  private static String jdbcUrl;
  private static PostgresServer postgres;
  private static ApiKeysFixture apiKeys;

  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  private int port;

  @Autowired private MarketFeed marketFeed;
  @Autowired private StreamHub hub;
  @Autowired private AccountHub accounts;
  @Autowired private SessionRegistry registry;
  @Autowired private MeterRegistry meters;
  @Autowired private MarketMirror market;

  @Autowired private ApiKeyStore keyStore;
  @Autowired private ListenKeyStore listenKeys;

  @BeforeAll
  static void broker(KafkaBroker broker, PostgresServer pg) {
    kafka = broker;
    feed = new Feed(broker.bootstrapServers());
    postgres = pg;
    String database = "relay_" + Long.toHexString(System.nanoTime());
    pg.createDatabase(database);
    jdbcUrl = pg.jdbcUrl(database);
    apiKeys =
        ApiKeysFixture.migrate(
            jdbcUrl,
            pg.user(),
            pg.password(),
            new DriverManagerDataSource(jdbcUrl, pg.user(), pg.password()));
  }

  @AfterAll
  static void closeFeed() {
    feed.close();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("exchange.kafka.bootstrap-servers", () -> kafka.bootstrapServers());
    TestTokens.serviceSettings().forEach((k, v) -> registry.add(k, () -> v));
    registry.add("exchange.relay.buffer-size-limit", () -> "256KB");
    registry.add("exchange.relay.send-time-limit", () -> "8s");
    registry.add("exchange.relay.max-streams-per-connection", () -> "20");
    registry.add("exchange.relay.ticker-array-interval", () -> "200ms");
    // pings (queued and sent like frames) interleave with the data of every test
    registry.add("exchange.relay.ping-interval", () -> "1s");
    // every delivery path through fan-out lanes (as configured by default)
    registry.add("exchange.relay.fan-out-threads", () -> "2");
    registry.add("management.server.port", () -> "0");
    registry.add("spring.datasource.url", () -> jdbcUrl);
    registry.add("spring.datasource.username", () -> postgres.user());
    registry.add("spring.datasource.password", () -> postgres.password());
    registry.add("exchange.api-keys.encryption-key", () -> ApiKeysFixture.ENCRYPTION_KEY);
    registry.add("exchange.relay.user-data-check-interval", () -> "200ms");
  }

  @BeforeEach
  void live() {
    await().atMost(30, SECONDS).until(marketFeed::isCaughtUp);
  }

  @Test
  void handshakesThatNeverUpgradeGiveTheirConnectionSlotBack() throws Exception {
    try (TestClient client = TestClient.connect(http, ws("/ws/leakusdt@trade"))) {
      await().atMost(10, SECONDS).until(() -> registry.size() >= 1);
      for (int i = 0; i < 30; i++) {
        HttpResponse<String> plain =
            http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ws")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isBetween(400, 499);
      }
      await()
          .atMost(10, SECONDS)
          .untilAsserted(() -> assertThat(registry.reservedSlots()).isEqualTo(registry.size()));
      assertThat(client.closed).isNotDone();
    }
  }

  @Test
  void aClientKeepingABookFromSnapshotAndDiffsMatchesTheRelayAfterThousandsOfUpdates()
      throws Exception {
    Feed.Book book = new Feed.Book("BOOKUSDT", 42).seed(30);
    feed.instrument(book.symbol);
    sendSnapshot(book);
    List<BookDelta> sent = new ArrayList<>();
    produce(book, sent, 1500);

    try (TestClient client = TestClient.connect(http, ws("/stream"))) {
      client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"bookusdt@depth@100ms\"],\"id\":1}");
      await().atMost(10, SECONDS).until(() -> client.reply(1) != null);
      assertThat(client.reply(1).toString()).isEqualTo("{\"result\":null,\"id\":1}");
      JsonNode snapshot = getJson("/api/v3/depth?symbol=BOOKUSDT&limit=5000");

      produce(book, sent, 1500);

      await()
          .atMost(30, SECONDS)
          .until(() -> lastU(client.data("bookusdt@depth@100ms")) == book.lastId);
      List<JsonNode> diffs = client.data("bookusdt@depth@100ms");
      LocalBook local = LocalBook.sync(snapshot, diffs);
      assertThat(local.bids).isEqualTo(book.bids);
      assertThat(local.asks).isEqualTo(book.asks);
      long previous = 0;
      for (JsonNode d : diffs) {
        assertThat(d.get("u").asLong()).as("u strictly increasing").isGreaterThan(previous);
        previous = d.get("u").asLong();
      }
      JsonNode first = diffs.get(0);
      assertThat(first.get("e").asString()).isEqualTo("depthUpdate");
      assertThat(first.get("s").asString()).isEqualTo("BOOKUSDT");
      assertThat(first.has("E")).isTrue();
      // The relay's meters (docs/observability.md): this client is open, its frames were timed.
      assertThat(meters.get("exchange.relay.sessions").gauge().value()).isGreaterThanOrEqualTo(1);
      assertThat(meters.get("exchange.relay.send").timer().count())
          .isGreaterThanOrEqualTo(diffs.size());
    }
    JsonNode after = getJson("/api/v3/depth?symbol=BOOKUSDT&limit=5000");
    assertThat(after.get("lastUpdateId").asLong()).isEqualTo(book.lastId);
    assertThat(LocalBook.sync(after, List.of()).bids).isEqualTo(book.bids);
    JsonNode five = getJson("/api/v3/depth?symbol=BOOKUSDT&limit=5");
    assertThat(five.get("bids")).hasSize(5);
    assertThat(five.get("bids").get(0).get(0).asString())
        .isEqualTo(FixedPoint.format(book.bids.firstKey(), 2));
    JsonNode top = getJson("/api/v3/ticker/bookTicker?symbol=BOOKUSDT");
    assertThat(top.get("askPrice").asString())
        .isEqualTo(FixedPoint.format(book.asks.firstKey(), 2));
    assertThat(top.get("askQty").asString())
        .isEqualTo(FixedPoint.format(book.asks.firstEntry().getValue(), 3));
  }

  /** Sends deltas with an in-sequence snapshot every 500 ids and replays of earlier deltas. */
  private void produce(Feed.Book book, List<BookDelta> sent, int count) {
    for (int i = 0; i < count; i++) {
      BookDelta d = book.next();
      sent.add(d);
      feed.send(Topics.BOOK, book.symbol, d);
      if (book.lastId % 500 == 0) {
        sendSnapshot(book);
      }
      if (book.lastId % 97 == 0) {
        // what a read_uncommitted reader sees after an aborted transaction is replayed
        for (BookDelta replay : sent.subList(sent.size() - 10, sent.size())) {
          feed.send(Topics.BOOK, book.symbol, replay);
        }
      }
    }
    feed.flush();
  }

  private void sendSnapshot(Feed.Book book) {
    feed.send(Topics.BOOK, book.symbol, book.snapshot());
    feed.send(Topics.BOOK_SNAPSHOTS, book.symbol, book.snapshot());
  }

  @Test
  void aGapIsRepairedWithADiffFromTheNextSnapshotThatBinanceClientsApply() throws Exception {
    Feed.Book book = new Feed.Book("GAPUSDT", 3).seed(10);
    feed.instrument(book.symbol);
    sendSnapshot(book);
    for (int i = 0; i < 20; i++) {
      feed.send(Topics.BOOK, book.symbol, book.next());
    }
    feed.flush();
    await()
        .atMost(10, SECONDS)
        .until(
            () -> {
              HttpResponse<String> r = get("/api/v3/depth?symbol=GAPUSDT");
              return r.statusCode() == 200
                  && TestClient.JSON.readTree(r.body()).get("lastUpdateId").asLong() == 20;
            });
    try (TestClient client = TestClient.connect(http, ws("/ws/gapusdt@depth"))) {
      await().atMost(10, SECONDS).until(() -> hub.subscriberCount("gapusdt@depth") == 1);
      JsonNode snapshot = getJson("/api/v3/depth?symbol=GAPUSDT&limit=1000");
      for (int i = 0; i < 5; i++) {
        book.next(); // lost: never reaches Kafka
      }
      for (int i = 0; i < 5; i++) {
        feed.send(Topics.BOOK, book.symbol, book.next()); // 26..30: after the gap
      }
      sendSnapshot(book); // 30
      feed.send(Topics.BOOK, book.symbol, book.next()); // 31
      feed.flush();

      await().atMost(10, SECONDS).until(() -> lastU(json(client.events("depthUpdate"))) == 31);
      List<JsonNode> diffs = json(client.events("depthUpdate"));
      assertThat(diffs).hasSize(2);
      assertThat(diffs.get(0).get("U").asLong()).isEqualTo(21);
      assertThat(diffs.get(0).get("u").asLong()).isEqualTo(30);
      assertThat(diffs.get(1).get("U").asLong()).isEqualTo(31);
      LocalBook local = LocalBook.sync(snapshot, diffs);
      assertThat(local.bids).isEqualTo(book.bids);
      assertThat(local.asks).isEqualTo(book.asks);
    }
  }

  @Test
  void duplicateAndReplayedTradesAreDeliveredOnceInBinanceFormat() {
    try (TestClient client = TestClient.connect(http, ws("/ws/dupusdt@trade"))) {
      await().atMost(10, SECONDS).until(() -> hub.subscriberCount("dupusdt@trade") == 1);
      for (long id = 1; id <= 100; id++) {
        feed.send(Topics.TRADES, "DUPUSDT", trade("DUPUSDT", id));
      }
      for (long id = 40; id <= 100; id++) {
        feed.send(Topics.TRADES, "DUPUSDT", trade("DUPUSDT", id));
      }
      for (long id = 101; id <= 150; id++) {
        feed.send(Topics.TRADES, "DUPUSDT", trade("DUPUSDT", id));
      }
      feed.flush();
      await().atMost(10, SECONDS).until(() -> lastT(client) == 150);
      List<Long> ids =
          client.events("trade").stream().map(r -> r.json().get("t").asLong()).toList();
      assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(1, 150).boxed().toList());
      JsonNode first = client.events("trade").get(0).json();
      assertThat(first.toString())
          .startsWith("{\"e\":\"trade\",\"E\":")
          .endsWith(
              ",\"s\":\"DUPUSDT\",\"t\":1,\"p\":\"101.01\",\"q\":\"0.501\",\"T\":1700000000001,"
                  + "\"m\":true,\"M\":true}");
    }
  }

  @Test
  void framesGoOutAsSharedPreEncodedBytesInOrderWithPingsInBetween() {
    try (TestClient raw = TestClient.connect(http, ws("/ws/pngusdt@trade"));
        TestClient combined = TestClient.connect(http, ws("/stream?streams=pngusdt@trade"))) {
      await().atMost(10, SECONDS).until(() -> hub.subscriberCount("pngusdt@trade") == 2);
      assertThat(registry.sessions())
          .as("Tomcat's endpoint was found: no per-subscriber UTF-8 encoding")
          .allMatch(RelaySession::sendsEncodedFrames);
      long id = 0;
      // One trade every 20 ms until both clients have been pinged at least twice (interval 1 s).
      while (raw.pings.get() < 2 || combined.pings.get() < 2) {
        feed.send(Topics.TRADES, "PNGUSDT", trade("PNGUSDT", ++id));
        feed.flush();
        long last = id;
        await().atMost(10, SECONDS).until(() -> lastT(raw) == last);
      }
      long sent = id;
      await().atMost(10, SECONDS).until(() -> combined.data("pngusdt@trade").size() == (int) sent);
      List<Long> expected = LongStream.rangeClosed(1, sent).boxed().toList();
      assertThat(tradeIds(raw)).containsExactlyElementsOf(expected);
      assertThat(combined.data("pngusdt@trade").stream().map(d -> d.get("t").asLong()).toList())
          .containsExactlyElementsOf(expected);
      assertThat(raw.closed).isNotDone();
      assertThat(combined.closed).isNotDone();
    }
  }

  /**
   * A private-stream client of {@code account} (a ticket for a trader token), once the relay
   * registered it.
   */
  private TestClient privateClient(String account) {
    TestClient client =
        TestClient.connect(http, ws("/ws/private?ticket=" + ticket(traderToken(account))));
    await().atMost(10, SECONDS).until(() -> accounts.sessions(account) == 1);
    return client;
  }

  private static String traderToken(String account) {
    return TestTokens.KEY.token(account, "trader");
  }

  private HttpResponse<String> askTicket(String bearerToken) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ws-ticket"))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String ticket(String bearerToken) {
    HttpResponse<String> response = askTicket(bearerToken);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return TestClient.JSON.readTree(response.body()).get("ticket").asString();
  }

  private static int handshakeStatus(Throwable e) {
    return ((WebSocketHandshakeException) e).getResponse().statusCode();
  }

  @Test
  void anAccountReceivesEachOfItsFiredAlertsOnceOnItsPrivateStream() {
    try (TestClient erin = privateClient("erin");
        TestClient frank = privateClient("frank")) {
      AlertFired first = fired("erin", "al-1", 1, 6_600_012L);
      AlertFired second = fired("erin", "al-1", 2, 6_600_500L);
      AlertFired franks = fired("frank", "al-2", 1, 6_600_012L);
      for (AlertFired f : List.of(first, first, second, first, franks, second)) {
        feed.send(Topics.ALERTS, f.getAccount(), f);
      }
      feed.flush();

      await().atMost(10, SECONDS).until(() -> frank.events("alert").size() >= 1);
      await().atMost(10, SECONDS).until(() -> erin.events("alert").size() >= 2);
      List<JsonNode> alerts = json(erin.events("alert"));
      assertThat(alerts).extracting(a -> a.get("n").asLong()).containsExactly(1L, 2L);
      JsonNode a = alerts.get(0);
      assertThat(a.get("e").asString()).isEqualTo("alert");
      assertThat(a.get("a").asString()).isEqualTo("al-1");
      assertThat(a.get("c").asString()).isEqualTo("my-al-1");
      assertThat(a.get("s").asString()).isEqualTo("BTCUSDT");
      assertThat(a.get("k").asString()).isEqualTo("PRICE_ABOVE");
      assertThat(a.get("p").asString()).isEqualTo("66000.12");
      assertThat(a.get("L").asString()).isEqualTo("66000.00");
      assertThat(a.get("T").asLong()).isEqualTo(1_700_000_000_001L);
      assertThat(json(frank.events("alert")))
          .extracting(f -> f.get("a").asString())
          .containsExactly("al-2");
      assertThat(erin.events("alert")).hasSize(2);
    }
  }

  private static AlertFired fired(String account, String alertId, long firing, long price) {
    return AlertFired.newBuilder()
        .setAlertId(alertId)
        .setAccount(account)
        .setSymbol("BTCUSDT")
        .setClientAlertId("my-" + alertId)
        .setKind(AlertKind.PRICE_ABOVE)
        .setFiring(firing)
        .setPrice(price)
        .setPriceScale(2)
        .setTradeId(firing)
        .setLevel(6_600_000L)
        .setTime(1_700_000_000_000L + firing)
        .build();
  }

  @Test
  void anAccountReceivesEachOfItsBalanceChangesOnceAsAnAccountPosition() {
    try (TestClient c = privateClient("carol");
        TestClient d = privateClient("dave")) {
      BalanceEvent deposit = balance("carol", 1, LedgerEntryKind.DEPOSIT, 99_000_000_000L, 0);
      BalanceEvent hold = balance("carol", 2, LedgerEntryKind.HOLD, 98_990_000_000L, 10_000_000);
      BalanceEvent refused = balance("carol", 3, LedgerEntryKind.WITHDRAWAL, 98_990_000_000L, 0);
      refused.setRejectReason("INSUFFICIENT_BALANCE");
      BalanceEvent release = balance("carol", 4, LedgerEntryKind.RELEASE, 99_000_000_000L, 0);
      BalanceEvent last = balance("carol", 5, LedgerEntryKind.DEPOSIT, 99_100_000_000L, 0);
      for (BalanceEvent b : List.of(deposit, hold, deposit, hold, refused, release, hold, last)) {
        feed.send(Topics.BALANCES, b.getAccount(), b);
      }
      feed.flush();

      await().atMost(10, SECONDS).until(() -> c.events("outboundAccountPosition").size() >= 4);
      List<JsonNode> positions = json(c.events("outboundAccountPosition"));
      assertThat(positions)
          .extracting(p -> p.get("B").get(0).get("f").asString())
          .containsExactly("990.00000000", "989.90000000", "990.00000000", "991.00000000");
      assertThat(positions)
          .extracting(p -> p.get("B").get(0).get("l").asString())
          .containsExactly("0.00000000", "0.10000000", "0.00000000", "0.00000000");
      JsonNode first = positions.get(0);
      assertThat(first.get("e").asString()).isEqualTo("outboundAccountPosition");
      assertThat(first.get("u").asLong()).isEqualTo(1_700_000_000_001L);
      assertThat(first.get("E").asLong()).isPositive();
      assertThat(first.get("B").get(0).get("a").asString()).isEqualTo("USDT");
      assertThat(first.get("B").size()).isEqualTo(1);

      BalanceEvent daves = balance("dave", 1, LedgerEntryKind.DEPOSIT, 5_000_000, 0);
      feed.send(Topics.BALANCES, "dave", daves);
      feed.flush();
      await().atMost(10, SECONDS).until(() -> d.events("outboundAccountPosition").size() >= 1);
      assertThat(
              d.events("outboundAccountPosition").get(0).json().get("B").get(0).get("f").asString())
          .isEqualTo("0.05000000");
      assertThat(c.events("outboundAccountPosition")).hasSize(4);
      assertThat(d.events("outboundAccountPosition")).hasSize(1);
      assertThat(c.events("executionReport")).isEmpty();
    }
  }

  private static BalanceEvent balance(
      String account, long sequence, LedgerEntryKind kind, long free, long locked) {
    return BalanceEvent.newBuilder()
        .setAccount(account)
        .setSequence(sequence)
        .setTime(1_700_000_000_000L + sequence)
        .setKind(kind)
        .setAsset("USDT")
        .setAssetScale(8)
        .setFreeDelta(0)
        .setLockedDelta(locked)
        .setFree(free)
        .setLocked(locked)
        .build();
  }

  private static List<Long> tradeIds(TestClient c) {
    return c.events("trade").stream().map(r -> r.json().get("t").asLong()).toList();
  }

  @Test
  void aRefusedCancelReachesOnlyItsSenderWithBinancesUnknownOrderCode() {
    try (TestClient a = privateClient("alice");
        TestClient b = privateClient("bob")) {
      feed.send(
          Topics.COMMAND_REJECTIONS,
          "PRIVUSDT",
          new CommandRejection(
              "PRIVUSDT",
              "bob",
              "cmd-1",
              "0190a0b0-0000-7000-8000-000000000001",
              null,
              "UNKNOWN_ORDER",
              "no open order of this account with this id",
              1_700_000_000_000L));
      feed.flush();

      await().atMost(10, SECONDS).until(() -> b.events("cancelRejected").size() == 1);
      JsonNode rejected = b.events("cancelRejected").get(0).json();
      assertThat(rejected.get("s").asString()).isEqualTo("PRIVUSDT");
      assertThat(rejected.get("i").asString()).isEqualTo("0190a0b0-0000-7000-8000-000000000001");
      assertThat(rejected.get("code").asLong()).isEqualTo(-2011);
      assertThat(rejected.get("msg").asString()).isEqualTo("Unknown order sent.");
      assertThat(rejected.get("r").asString()).isEqualTo("UNKNOWN_ORDER");
      assertThat(a.events("cancelRejected")).isEmpty();
    }
  }

  @Test
  void anAccountReceivesItsOwnExecutionReportsOnceAndNeverAnotherAccounts() {
    try (TestClient a = privateClient("alice");
        TestClient b = privateClient("bob")) {
      List<String> aliceOrders = new ArrayList<>();
      List<String> bobOrders = new ArrayList<>();
      List<OrderEvent> events = new ArrayList<>();
      for (long seq = 1; seq <= 30; seq++) {
        String account = seq % 3 == 0 ? "bob" : "alice";
        String orderId = String.format("0190a0b0-0000-7000-8000-%012d", seq);
        (account.equals("bob") ? bobOrders : aliceOrders).add(orderId);
        events.add(orderEvent(seq, account, orderId));
      }
      events.forEach(e -> feed.send(Topics.ORDER_EVENTS, "PRIVUSDT", e));
      events.subList(10, 20).forEach(e -> feed.send(Topics.ORDER_EVENTS, "PRIVUSDT", e));
      feed.flush();

      await().atMost(10, SECONDS).until(() -> a.events("executionReport").size() >= 20);
      await().atMost(10, SECONDS).until(() -> b.events("executionReport").size() >= 10);
      assertThat(orderIds(a)).containsExactlyElementsOf(aliceOrders);
      assertThat(orderIds(b)).containsExactlyElementsOf(bobOrders);
      JsonNode report = a.events("executionReport").get(0).json();
      assertThat(report.get("s").asString()).isEqualTo("PRIVUSDT");
      assertThat(report.get("i").asString()).isEqualTo(aliceOrders.get(0));
      assertThat(report.get("c").asString()).isEqualTo("web-1");
      assertThat(report.get("x").asString()).isEqualTo("TRADE");
      assertThat(report.get("X").asString()).isEqualTo("PARTIALLY_FILLED");
      assertThat(report.get("r").asString()).isEqualTo("NONE");
      assertThat(report.get("p").asString()).isEqualTo("101.00");
      assertThat(report.get("q").asString()).isEqualTo("2.000");
      assertThat(report.get("l").asString()).isEqualTo("0.500");
      assertThat(report.get("Z").asString()).isEqualTo("50.50000");
      assertThat(report.get("t").asLong()).isEqualTo(1);
      assertThat(report.get("n").asString()).isEqualTo("0.00050");
      assertThat(report.get("N").asString()).isEqualTo("PRIV");
    }
    assertThatThrownBy(() -> TestClient.connect(http, ws("/ws/private")))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(401));
  }

  @Test
  void aListenKeyStreamsItsAccountsOrdersBalancesAndTransfersUntilItIsClosed() {
    ApiKey key = keyStore.find(apiKeys.hmacKey('L', "lena", SECRET, Permission.READ));
    String listenKey = listenKeys.open(key, System.currentTimeMillis());
    assertThat(listenKey).matches("[A-Za-z0-9]{60}");
    assertThat(listenKeys.open(key, System.currentTimeMillis()))
        .as("a second open returns the live key")
        .isEqualTo(listenKey);
    try (TestClient lena = TestClient.connect(http, ws("/ws/" + listenKey));
        TestClient mona = privateClient("mona")) {
      await().atMost(10, SECONDS).until(() -> accounts.sessions("lena") == 1);
      OrderEvent lenas = orderEvent(1, "lena", "0190a0b0-0000-7000-8000-00000000a001");
      lenas.setSymbol("LKUSDT");
      OrderEvent monas = orderEvent(2, "mona", "0190a0b0-0000-7000-8000-00000000a002");
      monas.setSymbol("LKUSDT");
      feed.send(Topics.ORDER_EVENTS, "LKUSDT", lenas);
      feed.send(Topics.ORDER_EVENTS, "LKUSDT", monas);
      BalanceEvent deposit = balance("lena", 1, LedgerEntryKind.DEPOSIT, 150_000_000L, 0);
      deposit.setFreeDelta(150_000_000L);
      BalanceEvent hold = balance("lena", 2, LedgerEntryKind.HOLD, 140_000_000L, 10_000_000L);
      feed.send(Topics.BALANCES, "lena", deposit);
      feed.send(Topics.BALANCES, "lena", hold);
      feed.flush();

      await().atMost(10, SECONDS).until(() -> lena.events("outboundAccountPosition").size() >= 2);
      await().atMost(10, SECONDS).until(() -> mona.events("executionReport").size() >= 1);
      assertThat(orderIds(lena)).containsExactly(lenas.getOrderId());
      assertThat(orderIds(mona)).containsExactly(monas.getOrderId());
      List<JsonNode> transfers = json(lena.events("balanceUpdate"));
      assertThat(transfers).hasSize(1);
      assertThat(transfers.get(0).get("a").asString()).isEqualTo("USDT");
      assertThat(transfers.get(0).get("d").asString()).isEqualTo("1.50000000");
      assertThat(transfers.get(0).get("T").asLong()).isEqualTo(deposit.getTime());
      assertThat(json(lena.events("outboundAccountPosition")))
          .extracting(p -> p.get("B").get(0).get("l").asString())
          .containsExactly("0.00000000", "0.10000000");

      assertThat(listenKeys.close(key.apiKey(), listenKey, System.currentTimeMillis())).isTrue();
      await().atMost(10, SECONDS).until(() -> lena.events("listenKeyExpired").size() == 1);
      assertThat(lena.events("listenKeyExpired").get(0).json().get("listenKey").asString())
          .isEqualTo(listenKey);
      assertThat(accounts.sessions("lena")).isZero();
    }
    assertThatThrownBy(() -> TestClient.connect(http, ws("/ws/" + listenKey)))
        .as("a closed listen key opens nothing")
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(400));
  }

  @Test
  void theWebSocketApiSubscribesBySignatureLikeBinanceAndEndsWhenTheKeyIsRevoked() {
    String apiKey = apiKeys.hmacKey('W', "wanda", SECRET, Permission.READ);
    String tradeOnly = apiKeys.hmacKey('T', "wanda", SECRET, Permission.TRADE);
    long now = System.currentTimeMillis();
    try (TestClient c = TestClient.connect(http, ws("/ws-api/v3"))) {
      Map<Integer, String> refused =
          Map.of(
              1, subscribe(1, apiKey, "wrong-secret", now),
              2, subscribe(2, tradeOnly, SECRET, now),
              3, subscribe(3, apiKey, SECRET, now - 70_000),
              4, "{\"id\":4,\"method\":\"userDataStream.subscribe.signature\",\"params\":{}}",
              5, "{\"id\":5,\"method\":\"order.place\",\"params\":{}}");
      refused.values().forEach(c::send);
      await().atMost(10, SECONDS).until(() -> c.reply(5) != null && c.reply(4) != null);
      Map<Integer, Integer> codes = new TreeMap<>();
      for (int id = 1; id <= 5; id++) {
        await().atMost(10, SECONDS).until(reply(c, id));
        codes.put(id, c.reply(id).get("error").get("code").asInt());
        assertThat(c.reply(id).get("status").asInt()).isBetween(400, 401);
      }
      assertThat(codes).isEqualTo(Map.of(1, -1022, 2, -2015, 3, -1021, 4, -2014, 5, -1020));
      assertThat(accounts.sessions("wanda")).isZero();

      c.send(subscribe(6, apiKey, SECRET, System.currentTimeMillis()));
      await().atMost(10, SECONDS).until(reply(c, 6));
      assertThat(c.reply(6).get("status").asInt()).isEqualTo(200);
      assertThat(c.reply(6).get("result").get("subscriptionId").asInt()).isZero();
      c.send("{\"id\":7,\"method\":\"session.subscriptions\"}");
      await().atMost(10, SECONDS).until(reply(c, 7));
      assertThat(c.reply(7).get("result").get(0).get("subscriptionId").asInt()).isZero();

      OrderEvent wandas = orderEvent(1, "wanda", "0190a0b0-0000-7000-8000-00000000b001");
      wandas.setSymbol("WSAPIUSDT");
      feed.send(Topics.ORDER_EVENTS, "WSAPIUSDT", wandas);
      feed.flush();
      await().atMost(10, SECONDS).until(() -> !userEvents(c, "executionReport").isEmpty());
      JsonNode report = userEvents(c, "executionReport").get(0);
      assertThat(report.get("subscriptionId").asInt()).isZero();
      assertThat(report.get("event").get("i").asString()).isEqualTo(wandas.getOrderId());

      assertThat(keyStore.revoke("wanda", apiKey, System.currentTimeMillis())).isTrue();
      await().atMost(10, SECONDS).until(() -> userEvents(c, "eventStreamTerminated").size() == 1);
      assertThat(accounts.sessions("wanda")).isZero();
    }
  }

  /** A signed {@code userDataStream.subscribe.signature} request, as ccxt sends it. */
  private static String subscribe(int id, String apiKey, String secret, long timestamp) {
    String payload = "apiKey=" + apiKey + "&timestamp=" + timestamp;
    String signature = Signatures.hmacHex(secret.getBytes(StandardCharsets.UTF_8), payload);
    return "{\"id\":"
        + id
        + ",\"method\":\"userDataStream.subscribe.signature\",\"params\":{\"apiKey\":\""
        + apiKey
        + "\",\"timestamp\":"
        + timestamp
        + ",\"signature\":\""
        + signature
        + "\"}}";
  }

  private static java.util.concurrent.Callable<Boolean> reply(TestClient c, int id) {
    return () -> c.reply(id) != null;
  }

  /** The WebSocket API's user data frames {@code {"subscriptionId":0,"event":{"e":event,…}}}. */
  private static List<JsonNode> userEvents(TestClient c, String event) {
    return c.frames.stream()
        .map(TestClient.Received::json)
        .filter(j -> j.has("event") && j.get("event").get("e").asString().equals(event))
        .toList();
  }

  @Test
  void thePrivateStreamOpensWithASingleUseTicketNeverWithTheBearerToken() {
    String token = traderToken("erin");
    assertThatThrownBy(() -> TestClient.connect(http, ws("/ws/private?access_token=" + token)))
        .cause()
        .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(401));

    HttpResponse<String> answer = askTicket(token);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = TestClient.JSON.readTree(answer.body());
    assertThat(body.get("expiresAt").asLong())
        .isBetween(System.currentTimeMillis() + 20_000, System.currentTimeMillis() + 31_000);
    String ticket = body.get("ticket").asString();
    try (TestClient erin = TestClient.connect(http, ws("/ws/private?ticket=" + ticket))) {
      await().atMost(10, SECONDS).until(() -> accounts.sessions("erin") == 1);
      assertThatThrownBy(() -> TestClient.connect(http, ws("/ws/private?ticket=" + ticket)))
          .as("a ticket opens one session")
          .cause()
          .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(401));
    }
    String tampered = ticket.substring(0, ticket.length() - 2) + "AA";
    assertThatThrownBy(() -> TestClient.connect(http, ws("/ws/private?ticket=" + tampered)))
        .cause()
        .satisfies(e -> assertThat(handshakeStatus(e)).isEqualTo(401));
  }

  @Test
  void aTicketIsRefusedWithoutAValidTradingToken() {
    assertThat(askTicket(null).statusCode()).isEqualTo(401);
    HttpResponse<String> forged = askTicket(TestTokens.OTHER_KEY.token("alice", "trader"));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(forged.body()).contains("invalid bearer token");
    assertThat(askTicket(TestTokens.KEY.token("bob")).statusCode()).isEqualTo(403);
  }

  @Test
  void aStalledClientIsSkippedThenDroppedWithoutDelayingAHealthyOne() throws Exception {
    Feed.Book book = new Feed.Book("STALLUSDT", 9).seed(40);
    feed.instrument(book.symbol);
    sendSnapshot(book);
    feed.flush();
    String heavy =
        "/ws/stallusdt@depth20/stallusdt@depth20@100ms/stallusdt@depth20@1000ms"
            + "/stallusdt@depth10/stallusdt@depth10@100ms/stallusdt@depth5";
    try (Socket stalled = stalledClient(heavy);
        TestClient healthy = TestClient.connect(http, ws("/ws/stallusdt@trade"))) {
      await().atMost(10, SECONDS).until(() -> hub.subscriberCount("stallusdt@depth20") == 1);
      await().atMost(10, SECONDS).until(() -> hub.subscriberCount("stallusdt@trade") == 1);
      RelaySession stuck =
          registry.sessions().stream()
              .filter(s -> s.subscriptionsView().contains("stallusdt@depth20"))
              .findFirst()
              .orElseThrow();
      // 1. Stall it: ~4 KB of partial-depth frames per delta until its socket buffers are full,
      // a write has been outstanding for a while and its queue is full, so the relay skips frames.
      for (int round = 0; round < 100 && !skipsFramesWhileStalled(stuck); round++) {
        for (int i = 0; i < 200; i++) {
          feed.send(Topics.BOOK, book.symbol, book.next());
        }
        feed.flush();
        try {
          await().atMost(1, SECONDS).until(() -> skipsFramesWhileStalled(stuck));
        } catch (ConditionTimeoutException notYet) {
          // the kernel still takes data: send more
        }
      }
      assertThat(stuck.stalledForMillis()).isGreaterThanOrEqualTo(500);
      assertThat(stuck.dropped()).isPositive();
      long droppedBefore = stuck.dropped();

      // 2. One trade at a time while the stalled client is connected, until the send-time limit
      // closes it (or 100 trades): each trade must reach the healthy client while no write to the
      // stalled one has completed for 500 ms and it is still connected, so its delivery waited
      // neither for the stalled write nor for the close. The limit runs from the stall, whatever
      // the test does: a trade that crosses the close is delivered but not counted.
      long sent = 0;
      long whileStalled = 0;
      while (sent < 100 && !stuck.isClosed()) {
        sent++;
        feed.send(Topics.TRADES, book.symbol, trade(book.symbol, sent));
        feed.send(Topics.BOOK, book.symbol, book.next());
        feed.flush();
        long expected = sent;
        await()
            .pollInterval(Duration.ofMillis(1))
            .atMost(10, SECONDS)
            .until(() -> lastT(healthy) == expected);
        if (stuck.isClosed()) {
          break;
        }
        assertThat(stuck.stalledForMillis())
            .as("trade %d reached the healthy client while the stalled one made no progress", sent)
            .isGreaterThanOrEqualTo(500);
        whileStalled++;
      }
      assertThat(whileStalled).as("trades delivered next to the stalled client").isPositive();
      assertThat(stuck.dropped())
          .as("frames skipped for it meanwhile")
          .isGreaterThan(droppedBefore);

      // 3. The send-time limit closes it.
      await().atMost(20, SECONDS).until(stuck::isClosed);
      await().atMost(20, SECONDS).until(() -> hub.subscriberCount("stallusdt@depth20") == 0);

      List<TestClient.Received> received = healthy.events("trade");
      assertThat(received.stream().map(r -> r.json().get("t").asLong()).toList())
          .containsExactlyElementsOf(LongStream.rangeClosed(1, sent).boxed().toList());
      // Latency is printed, not asserted: on the shared 2-core machine it measures the load
      // (p50 56 ms, p99 193 ms at load average 20); the p99 target is RelayFanout's to check.
      Histogram latency = new Histogram(3);
      for (TestClient.Received r : received) {
        latency.recordValue(Math.max(0, r.receivedMillis() - r.json().get("E").asLong()));
      }
      System.out.printf(
          "healthy client next to a stalled one (%d of %d trades while it was stalled, frames"
              + " skipped for it: %d): p50=%d ms p99=%d ms max=%d ms; slowest (trade id=ms): %s%n",
          whileStalled,
          sent,
          stuck.dropped(),
          latency.getValueAtPercentile(50),
          latency.getValueAtPercentile(99),
          latency.getMaxValue(),
          received.stream()
              .sorted(
                  Comparator.comparingLong(
                      (TestClient.Received r) -> r.json().get("E").asLong() - r.receivedMillis()))
              .limit(5)
              .map(
                  r ->
                      r.json().get("t").asLong()
                          + "="
                          + (r.receivedMillis() - r.json().get("E").asLong()))
              .toList());
    }
  }

  /** A write to it has been outstanding for 500 ms and its queue is full: frames are skipped. */
  private static boolean skipsFramesWhileStalled(RelaySession session) {
    return session.stalledForMillis() >= 500 && session.dropped() > 0;
  }

  @Test
  void theMethodProtocolAnswersLikeBinanceAndEnforcesTheLimits() {
    try (TestClient client =
        TestClient.connect(http, ws("/stream?streams=ethusdt@trade/ethusdt@depth"))) {
      client.send(
          "{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@kline_1m\",\"ethusdt@bookTicker\"],\"id\":7}");
      client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":8}");
      client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@nonsense\"],\"id\":9}");
      client.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"ethusdt@depth\"],\"id\":\"x\"}");
      client.send("not json");
      List<String> many = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        many.add("\"s" + i + "usdt@trade\"");
      }
      client.send(
          "{\"method\":\"SUBSCRIBE\",\"params\":[" + String.join(",", many) + "],\"id\":10}");
      await().atMost(10, SECONDS).until(() -> client.reply(10) != null);
      assertThat(client.reply(7).toString()).isEqualTo("{\"result\":null,\"id\":7}");
      assertThat(client.reply(8).toString())
          .isEqualTo(
              "{\"result\":[\"ethusdt@bookTicker\",\"ethusdt@depth\",\"ethusdt@kline_1m\","
                  + "\"ethusdt@trade\"],\"id\":8}");
      assertThat(client.reply(9).toString())
          .isEqualTo(
              "{\"error\":{\"code\":2,\"msg\":\"Invalid request: invalid stream name "
                  + "'ethusdt@nonsense'\"},\"id\":9}");
      assertThat(client.frames.stream().map(TestClient.Received::text))
          .contains("{\"result\":null,\"id\":\"x\"}")
          .anyMatch(t -> t.startsWith("{\"error\":{\"code\":3,\"msg\":\"Invalid JSON"));
      assertThat(client.reply(10).get("error").get("msg").asString())
          .isEqualTo("Invalid request: too many subscriptions: at most 20 streams per connection");
    }
  }

  @Test
  void klinesTickersAndTheTickerArrayCarryBinanceFields() throws Exception {
    feed.instrument("TICKUSDT");
    feed.flush();
    await()
        .atMost(10, SECONDS)
        .until(() -> get("/api/v3/ticker/24hr?symbol=TICKUSDT").statusCode() == 200);
    try (TestClient client =
        TestClient.connect(
            http, ws("/stream?streams=tickusdt@kline_1m/tickusdt@ticker/!ticker@arr"))) {
      await().atMost(10, SECONDS).until(() -> hub.subscriberCount("!ticker@arr") >= 1);
      feed.send(Topics.CANDLES, "TICKUSDT", candle());
      feed.send(Topics.CANDLES, "TICKUSDT", candle()); // duplicate
      feed.send(Topics.TICKERS, "TICKUSDT", ticker());
      feed.flush();
      await().atMost(10, SECONDS).until(() -> !client.data("!ticker@arr").isEmpty());
      await().atMost(10, SECONDS).until(() -> client.data("tickusdt@ticker").size() == 1);
      assertThat(client.data("tickusdt@kline_1m")).hasSize(1);
      JsonNode k = client.data("tickusdt@kline_1m").get(0).get("k");
      assertThat(k.toString())
          .isEqualTo(
              "{\"t\":1700000040000,\"T\":1700000099999,\"s\":\"TICKUSDT\",\"i\":\"1m\","
                  + "\"f\":11,\"L\":14,\"o\":\"100.00\",\"c\":\"101.50\",\"h\":\"102.00\","
                  + "\"l\":\"99.50\",\"v\":\"4.000\",\"n\":4,\"x\":false,\"q\":\"403.00000\","
                  + "\"V\":\"1.500\",\"Q\":\"151.00000\",\"B\":\"0\"}");
      JsonNode t = client.data("tickusdt@ticker").get(0);
      assertThat(t.get("e").asString()).isEqualTo("24hrTicker");
      assertThat(t.get("p").asString()).isEqualTo("1.50");
      assertThat(t.get("P").asString()).isEqualTo("1.500");
      assertThat(t.get("w").asString()).isEqualTo("100.75");
      assertThat(t.get("c").asString()).isEqualTo("101.50");
      assertThat(t.get("v").asString()).isEqualTo("4.000");
      assertThat(t.get("q").asString()).isEqualTo("403.00000");
      assertThat(t.get("F").asLong()).isEqualTo(11);
      assertThat(t.get("L").asLong()).isEqualTo(14);
      assertThat(t.get("n").asLong()).isEqualTo(4);
      JsonNode array = client.data("!ticker@arr").get(0);
      assertThat(array.isArray()).isTrue();
      assertThat(array.get(0).get("s").asString()).isEqualTo("TICKUSDT");
    }
    JsonNode rest = getJson("/api/v3/ticker/24hr?symbol=TICKUSDT");
    assertThat(rest.get("symbol").asString()).isEqualTo("TICKUSDT");
    assertThat(rest.get("priceChangePercent").asString()).isEqualTo("1.500");
    assertThat(rest.get("lastPrice").asString()).isEqualTo("101.50");
    assertThat(rest.get("count").asLong()).isEqualTo(4);
    HttpResponse<String> unknown = get("/api/v3/ticker/24hr?symbol=NOPEUSDT");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    HttpResponse<String> missing = get("/api/v3/depth");
    assertThat(missing.body())
        .isEqualTo(
            "{\"code\":-1102,\"msg\":\"Mandatory parameter 'symbol' was not sent, was empty/null,"
                + " or malformed.\"}");
  }

  // ---- helpers ----

  private static Candle candle() {
    return Candle.newBuilder()
        .setSymbol("TICKUSDT")
        .setInterval("1m")
        .setOpenTime(1_700_000_040_000L)
        .setCloseTime(1_700_000_099_999L)
        .setOpen(10_000)
        .setHigh(10_200)
        .setLow(9_950)
        .setClose(10_150)
        .setVolume(4_000)
        .setQuoteVolume(40_300_000)
        .setTradeCount(4)
        .setTakerBuyVolume(1_500)
        .setTakerBuyQuoteVolume(15_100_000)
        .setFirstTradeId(11)
        .setLastTradeId(14)
        .setClosed(false)
        .setPriceScale(2)
        .setQuantityScale(3)
        .build();
  }

  private static Ticker ticker() {
    return Ticker.newBuilder()
        .setSymbol("TICKUSDT")
        .setTime(1_700_000_060_000L)
        .setOpenTime(1_699_913_660_000L)
        .setCloseTime(1_700_000_060_000L)
        .setOpen(10_000)
        .setHigh(10_200)
        .setLow(9_950)
        .setLast(10_150)
        .setVolume(4_000)
        .setQuoteVolume(40_300_000)
        .setPriceChange(150)
        .setPriceChangePercent(1_500)
        .setFirstTradeId(11)
        .setLastTradeId(14)
        .setTradeCount(4)
        .setPriceScale(2)
        .setQuantityScale(3)
        .build();
  }

  private static Trade trade(String symbol, long id) {
    return Trade.newBuilder()
        .setSymbol(symbol)
        .setTradeId(id)
        .setPrice(10_101)
        .setQuantity(501)
        .setQuoteQuantity(10_101L * 501)
        .setPriceScale(2)
        .setQuantityScale(3)
        .setTakerSide(Side.SELL)
        .setMakerOrderId("m")
        .setTakerOrderId("t")
        .setMakerAccount("alice")
        .setTakerAccount("bob")
        .setTime(1_700_000_000_000L + id)
        .build();
  }

  private static OrderEvent orderEvent(long seq, String account, String orderId) {
    return OrderEvent.newBuilder()
        .setSymbol("PRIVUSDT")
        .setSequence(seq)
        .setAccount(account)
        .setOrderId(orderId)
        .setClientOrderId("web-" + seq)
        .setSide(Side.BUY)
        .setOrderType(OrderType.LIMIT)
        .setTimeInForce(TimeInForce.GTC)
        .setExecutionType(ExecutionType.TRADE)
        .setStatus(OrderStatus.PARTIALLY_FILLED)
        .setPrice(10_100L)
        .setQuantity(2_000L)
        .setExecutedQuantity(500L)
        .setCumulativeQuote(5_050_000L)
        .setLastQuantity(500L)
        .setLastPrice(10_100L)
        .setLastQuote(5_050_000L)
        .setTradeId(seq)
        .setMaker(true)
        .setPriceScale(2)
        .setQuantityScale(3)
        .setTime(1_700_000_000_000L + seq)
        .setCreatedTime(1_700_000_000_000L)
        .setCommission(50L)
        .setCommissionAsset("PRIV")
        .setCommissionScale(5)
        .build();
  }

  private static List<String> orderIds(TestClient client) {
    return client.events("executionReport").stream()
        .map(r -> r.json().get("i").asString())
        .toList();
  }

  private static long lastT(TestClient client) {
    List<TestClient.Received> trades = client.events("trade");
    return trades.isEmpty() ? -1 : trades.get(trades.size() - 1).json().get("t").asLong();
  }

  private static long lastU(List<JsonNode> diffs) {
    return diffs.isEmpty() ? -1 : diffs.get(diffs.size() - 1).get("u").asLong();
  }

  private static List<JsonNode> json(List<TestClient.Received> frames) {
    return frames.stream().map(TestClient.Received::json).toList();
  }

  /** Opens a WebSocket with a tiny receive buffer and then never reads from it. */
  private Socket stalledClient(String path) throws Exception {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("localhost", port), 5000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: localhost:"
                + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.append((char) c);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 101");
    return socket;
  }

  private String ws(String path) {
    return "ws://localhost:" + port + path;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return TestClient.JSON.readTree(response.body());
  }

  /** A client-side book kept by Binance's rules (as ccxt and the web app do). */
  static final class LocalBook {
    final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    final TreeMap<Long, Long> asks = new TreeMap<>();

    static LocalBook sync(JsonNode snapshot, List<JsonNode> diffs) {
      LocalBook book = new LocalBook();
      long last = snapshot.get("lastUpdateId").asLong();
      book.apply(book.bids, snapshot.get("bids"));
      book.apply(book.asks, snapshot.get("asks"));
      boolean first = true;
      for (JsonNode d : diffs) {
        long u = d.get("u").asLong();
        long bigU = d.get("U").asLong();
        if (u <= last) {
          continue;
        }
        if (first) {
          assertThat(bigU)
              .as("first diff must straddle the snapshot")
              .isLessThanOrEqualTo(last + 1);
          first = false;
        } else {
          assertThat(bigU).as("diffs must be gapless").isEqualTo(last + 1);
        }
        book.apply(book.bids, d.get("b"));
        book.apply(book.asks, d.get("a"));
        last = u;
      }
      return book;
    }

    private void apply(Map<Long, Long> side, JsonNode levels) {
      for (JsonNode level : levels) {
        long price = FixedPoint.parse(level.get(0).asString(), Feed.PRICE_SCALE);
        long qty = FixedPoint.parse(level.get(1).asString(), Feed.QUANTITY_SCALE);
        if (qty == 0) {
          side.remove(price);
        } else {
          side.put(price, qty);
        }
      }
    }
  }
}
