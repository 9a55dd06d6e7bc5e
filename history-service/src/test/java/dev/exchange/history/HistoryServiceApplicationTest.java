package dev.exchange.history;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.history.klines.KlineInterval;
import dev.exchange.history.testing.CandleFixture;
import dev.exchange.history.testing.ColdTier;
import dev.exchange.history.testing.FillFixture;
import dev.exchange.history.testing.HotTier;
import dev.exchange.history.testing.Http;
import dev.exchange.history.testing.LedgerFixture;
import dev.exchange.history.testing.Reference;
import dev.exchange.history.testing.TradeFixture;
import dev.exchange.history.testing.TradeGenerator;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.service.testing.InstrumentsTopic;
import dev.exchange.service.testing.TestTokens;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole service against real PostgreSQL (the history job's migration), the real S3 server with
 * Iceberg tables (the cold tier) and the real Kafka broker (instruments). 45 days of BTCUSDT trades
 * are in the cold tier; the hot tier holds the last {@value #RETENTION_DAYS} days and 2 more (as if
 * retention had not run yet) and every stored candle interval. Every answer is compared with a
 * computation from the one list of trades.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(LocalServicesExtension.class)
class HistoryServiceApplicationTest {

  static final int RETENTION_DAYS = 10;
  static final String BTC = "BTCUSDT";
  static final String ETH = "ETHUSDT";

  /** Klines only (no trades), with a cold tier whose 1m and 1h tables hold disjoint hours. */
  static final String SOL = "SOLUSDT";

  static final List<String> STORED = List.of("1m", "5m", "15m", "1h", "4h", "1d");
  static final String ALICE = TestTokens.KEY.token("alice", "trader");
  static final String BOB = TestTokens.KEY.token("bob", "trader");

  static KafkaBroker kafka;
  static PostgresServer postgres;
  static String database;
  static HotTier hot;
  static ColdTier cold;
  static long now;
  static long hotStart;
  static long dataStart;
  static List<TradeFixture> trades;
  static List<TradeFixture> solTrades;
  static long solHourlyStart;
  static List<FillFixture> aliceFills = new ArrayList<>();

  @Value("${local.server.port}")
  int port;

  @Value("${local.management.port}")
  int managementPort;

  Http http;

  @BeforeAll
  static void seed(KafkaBroker broker, PostgresServer pg, S3Server s3) throws Exception {
    kafka = broker;
    postgres = pg;
    now = System.currentTimeMillis();
    LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
    hotStart =
        today.minusDays(RETENTION_DAYS).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    dataStart = today.minusDays(45).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    database = "history_" + Long.toHexString(now);
    pg.createDatabase(database);
    hot = HotTier.migrate(pg.jdbcUrl(database), pg.user(), pg.password(), pg.dataSource(database));
    hot.partitions(today.minusDays(46), today.plusDays(1));

    TradeGenerator generator = new TradeGenerator(BTC, 7);
    trades = new ArrayList<>(generator.between(dataStart, hotStart - 30_000, 1_200_000));
    // A burst of trades across the seam, several per second, for 1s klines and aggTrades.
    trades.addAll(generator.between(hotStart - 30_000, hotStart + 30_000, 700));
    trades.addAll(generator.between(hotStart + 30_000, now - 120_000, 1_200_000));

    // Hot tier: trades from 2 days before its start (retention lags), every stored interval.
    hot.insertTrades(trades.stream().filter(t -> t.time() >= hotStart - 2 * 86_400_000L).toList());
    for (String interval : STORED) {
      hot.insertCandles(interval, Reference.candles(trades, interval));
    }
    // Cold tier: everything, as the lakehouse job writes it: closed 1m candles, and closed 1h
    // candles from the hour the job started writing candles_1h on (mid-day, 20 days in).
    cold = ColdTier.create(pg, s3);
    cold.appendTrades(trades);
    cold.appendCandles1m(Reference.candles(trades, "1m"));
    long hourlyStart = dataStart + 20 * 86_400_000L + 7 * 3_600_000L;
    cold.appendCandles1h(
        Reference.candles(trades, "1h").stream().filter(k -> k.openTime() >= hourlyStart).toList());

    // SOLUSDT: 1m candles in the cold tier only before solHourlyStart, 1h candles only from it on,
    // so a cold answer after it is right only if it was read from candles_1h.
    solTrades = new TradeGenerator(SOL, 13).between(dataStart, now - 120_000, 600_000);
    solHourlyStart = dataStart + 15 * 86_400_000L + 13 * 3_600_000L;
    for (String interval : STORED) {
      hot.insertCandles(interval, Reference.candles(solTrades, interval));
    }
    cold.appendCandles1m(
        Reference.candles(solTrades, "1m").stream()
            .filter(k -> k.openTime() < solHourlyStart)
            .toList());
    cold.appendCandles1h(
        Reference.candles(solTrades, "1h").stream()
            .filter(k -> k.openTime() >= solHourlyStart)
            .toList());

    seedOrders();
    seedLedger();
    publishInstruments(
        spec(BTC, InstrumentStatus.TRADING),
        withBinanceBand(spec(ETH, InstrumentStatus.TRADING).withFees(2, 7)),
        spec(SOL, InstrumentStatus.TRADING),
        spec("HALTUSDT", InstrumentStatus.HALTED));
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
    registry.add("spring.datasource.username", () -> postgres.user());
    registry.add("spring.datasource.password", () -> postgres.password());
    registry.add("exchange.kafka.bootstrap-servers", () -> kafka.bootstrapServers());
    TestTokens.serviceSettings().forEach((k, v) -> registry.add(k, () -> v));
    registry.add("exchange.history.hot-retention", () -> RETENTION_DAYS + "d");
    registry.add("management.server.port", () -> "0");
    cold.properties().forEach((k, v) -> registry.add("exchange.lakehouse." + k, () -> v));
  }

  @BeforeEach
  void ready() {
    http = new Http("http://localhost:" + port);
    await()
        .atMost(60, SECONDS)
        .until(() -> http.get("/api/v3/exchangeInfo").body().contains("\"HALTUSDT\""));
  }

  // ---------------------------------------------------------------------------------------------
  // Klines

  @ParameterizedTest
  @EnumSource(KlineInterval.class)
  void everyIntervalAcrossTheSeamEqualsTheSingleSourceComputation(KlineInterval interval) {
    String code = interval.code();
    int limit = interval == KlineInterval.S1 ? 1000 : 10_000;
    long start;
    if (interval == KlineInterval.S1) {
      start = hotStart - 500_000;
    } else if (Reference.bucket(code, dataStart) + 10_000 * approxMillis(code) > now) {
      start = dataStart;
    } else {
      start = hotStart - 2 * 86_400_000L - 7_777; // not on a boundary: rounds up
    }
    JsonNode body =
        http.json(
            "/api/v1/history/klines?symbol=BTCUSDT&interval="
                + code
                + "&startTime="
                + start
                + "&limit="
                + limit);
    assertThat(body.get("interval").asString()).isEqualTo(code);
    long from = interval.bucketStartAtOrAfter(start);
    long to = interval.plus(from, limit);
    List<String> expected =
        Reference.candles(
                trades.stream().filter(t -> t.time() >= from && t.time() < to).toList(), code)
            .stream()
            .map(HistoryServiceApplicationTest::canonical)
            .toList();
    List<String> actual = new ArrayList<>();
    List<Long> openTimes = new ArrayList<>();
    for (JsonNode k : body.get("items")) {
      openTimes.add(k.get("openTime").asLong());
      actual.add(canonical(k));
    }
    assertThat(expected).as("reference candles in the window").isNotEmpty();
    assertThat(actual).containsExactlyElementsOf(expected);
    if (from <= hotStart && to > hotStart) {
      // The bucket at the seam (its start, or the one straddling it) is served: trades exist on
      // both sides of the hot tier's start.
      long seamBucket = interval.bucketStart(hotStart);
      assertThat(openTimes).contains(seamBucket);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = KlineInterval.class,
      names = {"H1", "H6", "D1", "D3", "W1", "MONTH1"})
  void hourlyAndCoarserColdRangesAreServedFromCandles1hAndEqualTheSingleSourceComputation(
      KlineInterval interval) {
    String code = interval.code();
    long start = interval.bucketStart(dataStart); // the month of dataStart starts before it
    JsonNode body =
        http.json(
            "/api/v1/history/klines?symbol=SOLUSDT&interval="
                + code
                + "&startTime="
                + start
                + "&limit=10000");
    long from = interval.bucketStartAtOrAfter(start);
    long to = interval.plus(from, 10_000);
    List<String> expected =
        Reference.candles(
                solTrades.stream().filter(t -> t.time() >= from && t.time() < to).toList(), code)
            .stream()
            .map(HistoryServiceApplicationTest::canonical)
            .toList();
    List<String> actual = new ArrayList<>();
    for (JsonNode k : body.get("items")) {
      actual.add(canonical(k));
    }
    // The window covers the 1m-only cold hours, the 1h-only cold hours and the hot tier.
    assertThat(from).isLessThan(solHourlyStart);
    assertThat(to).isGreaterThan(hotStart);
    assertThat(expected).hasSizeGreaterThan(1);
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void binanceKlinesAreTwelveFieldRowsEqualToTheOwnApiAndUnknownParametersAreIgnored() {
    long start = hotStart - 3 * 86_400_000L;
    JsonNode rows =
        http.json(
            "/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime="
                + start
                + "&limit=1000&recvWindow=5000&timeZone=0&foo=bar");
    JsonNode own =
        http.json(
            "/api/v1/history/klines?symbol=BTCUSDT&interval=1h&startTime=" + start + "&limit=1000");
    assertThat(rows.size()).isEqualTo(own.get("items").size()).isGreaterThan(100);
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      JsonNode k = own.get("items").get(i);
      assertThat(row.size()).isEqualTo(12);
      assertThat(row.get(0).isNumber()).isTrue();
      assertThat(row.get(0).asLong()).isEqualTo(k.get("openTime").asLong());
      assertThat(row.get(1).asString())
          .isEqualTo(k.get("open").asString())
          .matches("\\d+\\.\\d{2}");
      assertThat(row.get(2).asString()).isEqualTo(k.get("high").asString());
      assertThat(row.get(3).asString()).isEqualTo(k.get("low").asString());
      assertThat(row.get(4).asString()).isEqualTo(k.get("close").asString());
      assertThat(row.get(5).asString())
          .isEqualTo(k.get("volume").asString())
          .matches("\\d+\\.\\d{5}");
      assertThat(row.get(6).asLong()).isEqualTo(row.get(0).asLong() + 3_600_000L - 1);
      assertThat(row.get(7).asString()).isEqualTo(k.get("quoteVolume").asString());
      assertThat(row.get(8).isNumber()).isTrue();
      assertThat(row.get(9).asString()).isEqualTo(k.get("takerBuyVolume").asString());
      assertThat(row.get(10).asString()).isEqualTo(k.get("takerBuyQuoteVolume").asString());
      assertThat(row.get(11).asString()).isEqualTo("0");
    }
    // Without a range: the latest candles, ending with the bucket of the last trade.
    JsonNode latest = http.json("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1000");
    long lastTrade = trades.get(trades.size() - 1).time();
    assertThat(latest.get(latest.size() - 1).get(0).asLong())
        .isEqualTo(KlineInterval.M1.bucketStart(lastTrade));
    // The default window of months reaches 500 months back; only the months with data come back.
    JsonNode months = http.json("/api/v3/klines?symbol=BTCUSDT&interval=1M");
    assertThat(months.get(0).get(0).asLong()).isEqualTo(Reference.bucket("1M", dataStart));
    assertThat(months.get(months.size() - 1).get(0).asLong())
        .isEqualTo(Reference.bucket("1M", lastTrade));
    // endTime only: the window ends with the bucket that contains it.
    JsonNode before = http.json("/api/v3/klines?symbol=BTCUSDT&interval=1d&endTime=" + hotStart);
    assertThat(before.get(before.size() - 1).get(0).asLong()).isEqualTo(hotStart);
    assertThat(before.get(0).get(0).asLong()).isEqualTo(dataStart);
  }

  // ---------------------------------------------------------------------------------------------
  // Trades

  @Test
  void recentAndHistoricalTradesAcrossTheSeam() {
    JsonNode recent = http.json("/api/v3/trades?symbol=BTCUSDT&limit=1000");
    assertThat(recent.size()).isEqualTo(1000);
    List<TradeFixture> last1000 = trades.subList(trades.size() - 1000, trades.size());
    for (int i = 0; i < 1000; i++) {
      assertBinanceTrade(recent.get(i), last1000.get(i));
    }
    long firstHot = trades.stream().filter(t -> t.time() >= hotStart).findFirst().get().tradeId();
    long fromId = firstHot - 400;
    JsonNode older =
        http.json("/api/v3/historicalTrades?symbol=BTCUSDT&limit=1000&fromId=" + fromId);
    assertThat(older.size()).isEqualTo(1000);
    for (int i = 0; i < 1000; i++) {
      assertBinanceTrade(older.get(i), trades.get((int) (fromId - 1 + i)));
    }
    JsonNode defaults = http.json("/api/v3/trades?symbol=BTCUSDT");
    assertThat(defaults.size()).isEqualTo(500);
  }

  @Test
  void aggTradesEqualTheReferenceGroupingFromIdTimeAndLatest() {
    List<long[]> groups = referenceAggregates(trades);
    long firstHot = trades.stream().filter(t -> t.time() >= hotStart).findFirst().get().tradeId();
    // fromId in the middle of a group starts with the next group.
    int gi = 0;
    while (groups.get(gi)[2] < firstHot - 300) {
      gi++;
    }
    long[] inside = groups.get(gi);
    long fromId = inside[2] > inside[1] ? inside[1] + 1 : inside[1];
    int first = inside[2] > inside[1] ? gi + 1 : gi;
    JsonNode byId = http.json("/api/v3/aggTrades?symbol=BTCUSDT&limit=600&fromId=" + fromId);
    assertAggregates(byId, groups.subList(first, first + 600));

    long start = hotStart - 20_000;
    long end = hotStart + 20_000;
    JsonNode byTime =
        http.json(
            "/api/v3/aggTrades?symbol=BTCUSDT&limit=1000&startTime=" + start + "&endTime=" + end);
    List<long[]> inRange = groups.stream().filter(g -> g[3] >= start && g[3] <= end).toList();
    assertThat(inRange).hasSizeGreaterThan(20);
    assertAggregates(byTime, inRange);

    JsonNode latest = http.json("/api/v3/aggTrades?symbol=BTCUSDT&limit=300");
    assertAggregates(latest, groups.subList(groups.size() - 300, groups.size()));
  }

  @Test
  void ownTradePagesWalkTheColdAndHotTiersWithoutDuplicatesAtTheSeam() {
    long start = hotStart - 3 * 86_400_000L;
    long end = hotStart + 86_400_000L;
    List<Long> visited = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          http.json(
              "/api/v1/history/trades?symbol=BTCUSDT&limit=97&startTime="
                  + start
                  + "&endTime="
                  + end
                  + (cursor == null ? "" : "&cursor=" + cursor));
      for (JsonNode t : page.get("items")) {
        visited.add(t.get("tradeId").asLong());
        TradeFixture f = trades.get((int) t.get("tradeId").asLong() - 1);
        assertThat(t.get("price").asString()).isEqualTo(f.price().toPlainString());
        assertThat(t.get("quantity").asString()).isEqualTo(f.quantity().toPlainString());
        assertThat(t.get("time").asLong()).isEqualTo(f.time());
        assertThat(t.get("takerSide").asString()).isEqualTo(f.takerBuy() ? "BUY" : "SELL");
      }
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      pages++;
    } while (cursor != null);
    List<Long> expected =
        trades.stream()
            .filter(t -> t.time() >= start && t.time() <= end)
            .map(TradeFixture::tradeId)
            .toList();
    assertThat(visited).containsExactlyElementsOf(expected);
    assertThat(pages).isGreaterThan(3);
  }

  @Test
  void tradePagesVisitEveryTradeExactlyOnceUnderConcurrentInserts() throws Exception {
    TradeGenerator generator = new TradeGenerator(ETH, 11);
    long start = now - 3 * 3_600_000L;
    List<TradeFixture> before = generator.between(start, now - 2 * 3_600_000L, 2_000);
    hot.insertTrades(before);
    List<TradeFixture> all = new ArrayList<>(before);
    AtomicBoolean inserting = new AtomicBoolean(true);
    CompletableFuture<Void> inserter =
        CompletableFuture.runAsync(
            () -> {
              try {
                long t = now - 2 * 3_600_000L;
                for (int batch = 0; batch < 60; batch++) {
                  List<TradeFixture> more = new ArrayList<>();
                  for (int i = 0; i < 10; i++) {
                    t += 1_000;
                    more.addAll(generator.takerOrder(t));
                  }
                  hot.insertTrades(more);
                  synchronized (all) {
                    all.addAll(more);
                  }
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              } finally {
                inserting.set(false);
              }
            });
    List<Long> visited = new ArrayList<>();
    String cursor = null;
    boolean sawInsertsWhilePaging = false;
    do {
      JsonNode page =
          http.json(
              "/api/v1/history/trades?symbol=ETHUSDT&limit=25&startTime="
                  + start
                  + (cursor == null ? "" : "&cursor=" + cursor));
      sawInsertsWhilePaging |= inserting.get();
      for (JsonNode t : page.get("items")) {
        visited.add(t.get("tradeId").asLong());
      }
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    inserter.get(60, SECONDS);
    assertThat(sawInsertsWhilePaging).isTrue();
    // Strictly increasing and gapless from the first trade: nothing repeated, nothing skipped.
    for (int i = 0; i < visited.size(); i++) {
      assertThat(visited.get(i)).isEqualTo(i + 1L);
    }
    assertThat(visited.size()).isGreaterThanOrEqualTo(before.size());
    // Paging again after the inserts visits every trade exactly once.
    Set<Long> again = new HashSet<>();
    cursor = null;
    int count = 0;
    do {
      JsonNode page =
          http.json(
              "/api/v1/history/trades?symbol=ETHUSDT&limit=1000&startTime="
                  + start
                  + (cursor == null ? "" : "&cursor=" + cursor));
      for (JsonNode t : page.get("items")) {
        again.add(t.get("tradeId").asLong());
        count++;
      }
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    assertThat(count).isEqualTo(all.size()).isEqualTo(again.size());
  }

  // ---------------------------------------------------------------------------------------------
  // Orders

  @Test
  void myOrdersAreTheOwnersOnlyWithFillsFromBothTiers() {
    JsonNode page = http.json("/api/v1/history/orders?limit=2", ALICE);
    assertThat(page.get("items").size()).isEqualTo(2);
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(o -> ids.add(o.get("orderId").asString()));
    JsonNode next =
        http.json(
            "/api/v1/history/orders?limit=2&cursor=" + page.get("nextCursor").asString(), ALICE);
    next.get("items").forEach(o -> ids.add(o.get("orderId").asString()));
    assertThat(next.get("nextCursor").isNull()).isTrue();
    assertThat(ids).containsExactly("alice-3", "alice-2", "alice-1");

    JsonNode open = http.json("/api/v1/history/orders?open=true", ALICE);
    assertThat(open.get("items")).hasSize(1);
    assertThat(open.get("items").get(0).get("orderId").asString()).isEqualTo("alice-3");
    assertThat(open.get("items").get(0).get("status").asString()).isEqualTo("PARTIALLY_FILLED");
    JsonNode finished = http.json("/api/v1/history/orders?open=false&symbol=BTCUSDT", ALICE);
    assertThat(finished.get("items")).hasSize(2);

    JsonNode one = http.json("/api/v1/history/orders/alice-1", ALICE);
    assertThat(one.get("symbol").asString()).isEqualTo(BTC);
    assertThat(one.get("price").asString()).isEqualTo("30000.00");
    List<FillFixture> expected =
        aliceFills.stream().filter(f -> f.orderId().equals("alice-1")).toList();
    assertThat(one.get("fills")).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode f = one.get("fills").get(i);
      assertThat(f.get("tradeId").asLong()).isEqualTo(expected.get(i).tradeId());
      assertThat(f.get("price").asString()).isEqualTo(expected.get(i).price().toPlainString());
      assertThat(f.get("quantity").asString())
          .isEqualTo(expected.get(i).quantity().toPlainString());
      assertThat(f.get("time").asLong()).isEqualTo(expected.get(i).time());
    }
    assertThat(expected.stream().anyMatch(f -> f.time() < hotStart)).isTrue();
    assertThat(expected.stream().anyMatch(f -> f.time() >= hotStart)).isTrue();

    HttpResponse<String> notHers = http.get("/api/v1/history/orders/bob-1", ALICE);
    assertThat(notHers.statusCode()).isEqualTo(404);
    assertThat(notHers.body()).contains("\"code\":\"ORDER_NOT_FOUND\"");
    assertThat(http.json("/api/v1/history/orders/bob-1", BOB).get("orderId").asString())
        .isEqualTo("bob-1");
    assertThat(http.json("/api/v1/history/orders", BOB).get("items")).hasSize(1);

    HttpResponse<String> anonymous = http.get("/api/v1/history/orders");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(anonymous.body()).contains("\"code\":\"UNAUTHENTICATED\"");
    String noRole = TestTokens.KEY.token("alice");
    assertThat(http.get("/api/v1/history/orders", noRole).statusCode()).isEqualTo(403);
    String forged = TestTokens.OTHER_KEY.token("alice", "trader");
    assertThat(http.get("/api/v1/history/orders", forged).statusCode()).isEqualTo(401);
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  @Test
  void binanceErrorsCarryBinanceCodes() {
    assertBinanceError("/api/v3/klines?interval=1m", 400, -1102, "'symbol'");
    assertBinanceError("/api/v3/klines?symbol=btc%20usdt&interval=1m", 400, -1100, "'symbol'");
    assertBinanceError("/api/v3/klines?symbol=NOPEUSDT&interval=1m", 400, -1121, "Invalid symbol.");
    assertBinanceError("/api/v3/klines?symbol=BTCUSDT", 400, -1102, "'interval'");
    assertBinanceError(
        "/api/v3/klines?symbol=BTCUSDT&interval=7m", 400, -1120, "Invalid interval.");
    assertBinanceError("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=0", 400, -1130, "'limit'");
    assertBinanceError(
        "/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1001", 400, -1130, "'limit'");
    assertBinanceError(
        "/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=ten", 400, -1100, "'limit'");
    assertBinanceError(
        "/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=2000&endTime=1000",
        400,
        -1023,
        "Start time is greater than end time.");
    assertBinanceError(
        "/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=-5", 400, -1100, "'startTime'");
    assertBinanceError("/api/v3/trades?symbol=BTCUSDT&limit=5000", 400, -1130, "'limit'");
    assertBinanceError("/api/v3/historicalTrades?symbol=BTCUSDT&fromId=x", 400, -1100, "'fromId'");
    assertBinanceError(
        "/api/v3/aggTrades?symbol=BTCUSDT&fromId=5&startTime=1", 400, -1128, "Combination");
    assertBinanceError("/api/v3/exchangeInfo?symbol=NOPEUSDT", 400, -1121, "Invalid symbol.");
  }

  @Test
  void ownApiErrorsAreProblemDocumentsNamingTheField() {
    assertProblem("/api/v1/history/klines?interval=1m", "FIELD_REQUIRED", "symbol");
    assertProblem("/api/v1/history/klines?symbol=btcusdt&interval=1m", "SYMBOL_INVALID", "symbol");
    assertProblem("/api/v1/history/klines?symbol=NOPEUSDT&interval=1m", "UNKNOWN_SYMBOL", "symbol");
    assertProblem(
        "/api/v1/history/klines?symbol=BTCUSDT&interval=2w", "INTERVAL_INVALID", "interval");
    assertProblem(
        "/api/v1/history/klines?symbol=BTCUSDT&interval=1m&limit=10001",
        "LIMIT_OUT_OF_RANGE",
        "limit");
    assertProblem(
        "/api/v1/history/trades?symbol=BTCUSDT&startTime=10&endTime=5", "RANGE_INVALID", "endTime");
    assertProblem(
        "/api/v1/history/trades?symbol=BTCUSDT&startTime=-1", "TIME_INVALID", "startTime");
    assertProblem(
        "/api/v1/history/trades?symbol=BTCUSDT&startTime=soon", "INVALID_FIELD_TYPE", "startTime");
    assertProblem("/api/v1/history/trades?symbol=BTCUSDT&limit=0", "LIMIT_OUT_OF_RANGE", "limit");
    assertProblem(
        "/api/v1/history/trades?symbol=BTCUSDT&cursor=garbage", "CURSOR_INVALID", "cursor");
    JsonNode page =
        http.json("/api/v1/history/trades?symbol=BTCUSDT&limit=1&startTime=" + hotStart);
    assertProblem(
        "/api/v1/history/trades?symbol=ETHUSDT&limit=1&startTime="
            + hotStart
            + "&cursor="
            + page.get("nextCursor").asString(),
        "CURSOR_INVALID",
        "cursor");
  }

  // ---------------------------------------------------------------------------------------------
  // My account: balances, ledger, and the fee ledger

  @Test
  void myBalancesAreMyOwnAtEachAssetsScaleAndOnlyOfAssetsITouched() {
    JsonNode alice = http.json("/api/v1/account", ALICE);
    assertThat(alice.get("account").asString()).isEqualTo("alice");
    assertThat(alice.get("balances").toString())
        .isEqualTo(
            "[{\"asset\":\"BTC\",\"free\":\"0.00099900\",\"locked\":\"0.00000000\"},"
                + "{\"asset\":\"USDT\",\"free\":\"990.000000\",\"locked\":\"0.000000\"}]");
    JsonNode bob = http.json("/api/v1/account", BOB);
    assertThat(bob.get("account").asString()).isEqualTo("bob");
    assertThat(bob.get("balances").toString())
        .isEqualTo("[{\"asset\":\"USDT\",\"free\":\"4.990000\",\"locked\":\"0.000000\"}]");
    String nobody = TestTokens.KEY.token("carol", "trader");
    assertThat(http.json("/api/v1/account", nobody).get("balances")).isEmpty();
    assertThat(http.get("/api/v1/account").statusCode()).isEqualTo(401);
    assertThat(http.get("/api/v1/account", TestTokens.KEY.token("alice")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void myLedgerIsKeysetPagedNewestFirstAndNeverShowsAnotherAccountsEntries() {
    JsonNode first = http.json("/api/v1/account/ledger?limit=4", ALICE);
    assertThat(sequences(first)).containsExactly(6L, 5L, 4L, 3L);
    JsonNode second =
        http.json(
            "/api/v1/account/ledger?limit=4&cursor=" + first.get("nextCursor").asString(), ALICE);
    assertThat(sequences(second)).containsExactly(2L, 1L);
    assertThat(second.get("nextCursor").isNull()).isTrue();

    JsonNode fee = first.get("items").get(1);
    assertThat(fee.get("kind").asString()).isEqualTo("FEE");
    assertThat(fee.get("asset").asString()).isEqualTo("BTC");
    assertThat(fee.get("freeDelta").asString()).isEqualTo("-0.00000100");
    assertThat(fee.get("lockedDelta").asString()).isEqualTo("0.00000000");
    assertThat(fee.get("free").asString()).isEqualTo("0.00099900");
    assertThat(fee.get("symbol").asString()).isEqualTo(BTC);
    assertThat(fee.get("orderId").asString()).isEqualTo("alice-9");
    assertThat(fee.get("tradeId").asLong()).isEqualTo(77);
    assertThat(fee.get("time").asLong()).isEqualTo(now - 1000 + 5);
    JsonNode refused = first.get("items").get(0);
    assertThat(refused.get("kind").asString()).isEqualTo("WITHDRAWAL");
    assertThat(refused.get("rejectReason").asString()).isEqualTo("INSUFFICIENT_BALANCE");
    assertThat(refused.get("transferId").asString()).isEqualTo("w-1");
    assertThat(refused.get("tradeId").isNull()).isTrue();

    JsonNode usdt = http.json("/api/v1/account/ledger?asset=USDT", ALICE);
    assertThat(sequences(usdt)).containsExactly(3L, 2L, 1L);
    assertThat(usdt.get("items").get(2).get("freeDelta").asString()).isEqualTo("1000.000000");

    JsonNode bob = http.json("/api/v1/account/ledger", BOB);
    assertThat(sequences(bob)).containsExactly(2L, 1L);
    bob.get("items").forEach(e -> assertThat(e.get("asset").asString()).isEqualTo("USDT"));
    // Alice's cursor on Bob's ledger pages Bob's entries only.
    JsonNode bobAfter =
        http.json("/api/v1/account/ledger?cursor=" + first.get("nextCursor").asString(), BOB);
    assertThat(sequences(bobAfter)).containsExactly(2L, 1L);

    assertProblem("/api/v1/account/ledger?limit=0", ALICE, "LIMIT_OUT_OF_RANGE", "limit");
    assertProblem("/api/v1/account/ledger?limit=1001", ALICE, "LIMIT_OUT_OF_RANGE", "limit");
    assertProblem("/api/v1/account/ledger?limit=ten", ALICE, "INVALID_FIELD_TYPE", "limit");
    assertProblem("/api/v1/account/ledger?cursor=garbage", ALICE, "CURSOR_INVALID", "cursor");
    assertProblem("/api/v1/account/ledger?asset=usdt", ALICE, "ASSET_INVALID", "asset");
    String orderCursor =
        http.json("/api/v1/history/orders?limit=1", ALICE).get("nextCursor").asString();
    assertProblem(
        "/api/v1/account/ledger?cursor=" + orderCursor, ALICE, "CURSOR_INVALID", "cursor");
    assertThat(http.get("/api/v1/account/ledger").statusCode()).isEqualTo(401);
  }

  @Test
  void theFeeLedgerSumsFeesPerAssetForAdminsOnly() {
    String admin = TestTokens.KEY.token("operator", "admin");
    JsonNode fees = http.json("/api/v1/history/fees", admin);
    assertThat(fees.toString())
        .isEqualTo(
            "[{\"asset\":\"BTC\",\"collected\":\"0.00000100\",\"entries\":1},"
                + "{\"asset\":\"USDT\",\"collected\":\"0.010000\",\"entries\":1}]");
    assertThat(http.get("/api/v1/history/fees", ALICE).statusCode()).isEqualTo(403);
    assertThat(http.get("/api/v1/history/fees").statusCode()).isEqualTo(401);
  }

  private static List<Long> sequences(JsonNode page) {
    List<Long> out = new ArrayList<>();
    page.get("items").forEach(e -> out.add(e.get("sequence").asLong()));
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // exchangeInfo, readiness, OpenAPI

  @Test
  void exchangeInfoListsInstrumentsWithBinanceFilters() {
    JsonNode info = http.json("/api/v3/exchangeInfo");
    assertThat(info.get("timezone").asString()).isEqualTo("UTC");
    assertThat(info.get("serverTime").asLong()).isGreaterThanOrEqualTo(now);
    Map<String, JsonNode> bySymbol = new java.util.HashMap<>();
    info.get("symbols").forEach(s -> bySymbol.put(s.get("symbol").asString(), s));
    JsonNode btc = bySymbol.get(BTC);
    assertThat(btc.get("status").asString()).isEqualTo("TRADING");
    assertThat(bySymbol.get("HALTUSDT").get("status").asString()).isEqualTo("HALT");
    assertThat(btc.get("baseAsset").asString()).isEqualTo("BTC");
    assertThat(btc.get("quoteAsset").asString()).isEqualTo("USDT");
    assertThat(btc.get("baseAssetPrecision").asInt()).isEqualTo(5);
    JsonNode filters = btc.get("filters");
    assertThat(filters.get(0).get("filterType").asString()).isEqualTo("PRICE_FILTER");
    assertThat(filters.get(0).get("tickSize").asString()).isEqualTo("0.01");
    assertThat(filters.get(0).get("minPrice").asString()).isEqualTo("0.01");
    assertThat(filters.get(1).get("filterType").asString()).isEqualTo("LOT_SIZE");
    assertThat(filters.get(1).get("stepSize").asString()).isEqualTo("0.00001");
    assertThat(filters.get(1).get("minQty").asString()).isEqualTo("0.00010");
    assertThat(filters.get(1).get("maxQty").asString()).isEqualTo("100.00000");
    assertThat(filters.get(2).get("filterType").asString()).isEqualTo("NOTIONAL");
    assertThat(new BigDecimal(filters.get(2).get("minNotional").asString()))
        .isEqualByComparingTo("5");
    JsonNode one = http.json("/api/v3/exchangeInfo?symbol=ETHUSDT");
    assertThat(one.get("symbols")).hasSize(1);
    assertThat(one.at("/symbols/0/makerFeeBps").asInt()).isEqualTo(2);
    assertThat(one.at("/symbols/0/takerFeeBps").asInt()).isEqualTo(7);
    assertThat(one.at("/symbols/0/filters/3").toString())
        .isEqualTo(
            "{\"filterType\":\"PERCENT_PRICE_BY_SIDE\",\"bidMultiplierUp\":\"5\","
                + "\"bidMultiplierDown\":\"0.2\",\"askMultiplierUp\":\"5\","
                + "\"askMultiplierDown\":\"0.2\",\"avgPriceMins\":0}");
    assertThat(filters).as("a pair listed before the filter existed has none").hasSize(3);
    assertThat(btc.get("makerFeeBps").asInt()).isZero();
    JsonNode two = http.json("/api/v3/exchangeInfo?symbols=%5B%22ETHUSDT%22,%22BTCUSDT%22%5D");
    assertThat(two.get("symbols")).hasSize(2);
  }

  @Test
  void readinessAndTheOpenApiDocument() {
    Http management = new Http("http://localhost:" + managementPort);
    await()
        .atMost(30, SECONDS)
        .until(() -> management.get("/actuator/health/readiness").statusCode() == 200);
    JsonNode doc = http.json("/v3/api-docs");
    assertThat(doc.get("paths").has("/api/v1/history/klines")).isTrue();
    assertThat(doc.get("paths").has("/api/v1/history/trades")).isTrue();
    assertThat(doc.get("paths").has("/api/v1/history/orders/{orderId}")).isTrue();
    assertThat(doc.get("paths").has("/api/v1/account")).isTrue();
    assertThat(doc.get("paths").has("/api/v1/account/ledger")).isTrue();
    assertThat(doc.get("paths").has("/api/v3/klines")).isTrue();
    assertThat(doc.at("/info/title").asString()).isEqualTo("exchange history-service");
    assertThat(doc.at("/info/description").asString())
        .endsWith("answer errors as {\"code\":-1121,\"msg\":\"Invalid symbol.\"}.");
    assertThat(doc.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
  }

  // ---------------------------------------------------------------------------------------------

  private void assertBinanceError(String path, int status, int code, String msgPart) {
    HttpResponse<String> response = http.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    JsonNode body = Http.JSON.readTree(response.body());
    assertThat(body.get("code").asInt()).as(path + " " + response.body()).isEqualTo(code);
    assertThat(body.get("msg").asString()).as(path).contains(msgPart);
  }

  private void assertProblem(String path, String code, String field) {
    assertProblem(path, null, code, field);
  }

  private void assertProblem(String path, String token, String code, String field) {
    HttpResponse<String> response = http.get(path, token);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode body = Http.JSON.readTree(response.body());
    assertThat(body.get("code").asString()).as(path).isEqualTo(code);
    assertThat(body.get("field").asString()).as(path).isEqualTo(field);
    assertThat(body.get("detail").asString()).as(path).contains(field);
  }

  private static void assertBinanceTrade(JsonNode t, TradeFixture f) {
    assertThat(t.get("id").asLong()).isEqualTo(f.tradeId());
    assertThat(t.get("price").asString()).isEqualTo(f.price().toPlainString());
    assertThat(t.get("qty").asString()).isEqualTo(f.quantity().toPlainString());
    assertThat(t.get("quoteQty").asString()).isEqualTo(f.quoteQuantity().toPlainString());
    assertThat(t.get("time").asLong()).isEqualTo(f.time());
    assertThat(t.get("isBuyerMaker").asBoolean()).isEqualTo(!f.takerBuy());
    assertThat(t.get("isBestMatch").asBoolean()).isTrue();
  }

  /** Reference aggregate trades: {quantityUnits, firstId, lastId, time, priceUnits}. */
  private static List<long[]> referenceAggregates(List<TradeFixture> all) {
    List<long[]> out = new ArrayList<>();
    TradeFixture first = null;
    long[] current = null;
    for (TradeFixture t : all) {
      if (first != null
          && t.takerOrderId().equals(first.takerOrderId())
          && t.priceUnits() == first.priceUnits()
          && t.time() == first.time()) {
        current[0] += t.quantityUnits();
        current[2] = t.tradeId();
        continue;
      }
      first = t;
      current = new long[] {t.quantityUnits(), t.tradeId(), t.tradeId(), t.time(), t.priceUnits()};
      out.add(current);
    }
    return out;
  }

  private static void assertAggregates(JsonNode actual, List<long[]> expected) {
    assertThat(actual.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode a = actual.get(i);
      long[] e = expected.get(i);
      assertThat(a.get("a").asLong()).isEqualTo(e[1]);
      assertThat(a.get("f").asLong()).isEqualTo(e[1]);
      assertThat(a.get("l").asLong()).isEqualTo(e[2]);
      assertThat(a.get("T").asLong()).isEqualTo(e[3]);
      assertThat(a.get("p").asString())
          .isEqualTo(BigDecimal.valueOf(e[4], TradeFixture.PRICE_SCALE).toPlainString());
      assertThat(a.get("q").asString())
          .isEqualTo(BigDecimal.valueOf(e[0], TradeFixture.QUANTITY_SCALE).toPlainString());
      assertThat(a.get("M").asBoolean()).isTrue();
    }
  }

  private static long approxMillis(String code) {
    return switch (code) {
      case "1w" -> 7 * 86_400_000L;
      case "1M" -> 31 * 86_400_000L;
      default -> Reference.millis(code);
    };
  }

  /** A kline of the own API's JSON in canonical form. */
  private static String canonical(JsonNode k) {
    return canonical(
        k.get("openTime").asLong(),
        k.get("closeTime").asLong(),
        k.get("open").asString(),
        k.get("high").asString(),
        k.get("low").asString(),
        k.get("close").asString(),
        k.get("volume").asString(),
        k.get("quoteVolume").asString(),
        k.get("trades").asLong(),
        k.get("takerBuyVolume").asString(),
        k.get("takerBuyQuoteVolume").asString());
  }

  private static String canonical(CandleFixture k) {
    return canonical(
        k.openTime(),
        k.closeTime(),
        k.open().toPlainString(),
        k.high().toPlainString(),
        k.low().toPlainString(),
        k.close().toPlainString(),
        k.volume().toPlainString(),
        k.quoteVolume().toPlainString(),
        k.trades(),
        k.takerBuyVolume().toPlainString(),
        k.takerBuyQuoteVolume().toPlainString());
  }

  private static String canonical(
      long open,
      long close,
      String o,
      String h,
      String l,
      String c,
      String v,
      String q,
      long n,
      String bv,
      String bq) {
    StringBuilder s =
        new StringBuilder().append(Instant.ofEpochMilli(open)).append('|').append(close);
    for (String d : List.of(o, h, l, c, v, q)) {
      s.append('|').append(new BigDecimal(d).stripTrailingZeros().toPlainString());
    }
    s.append('|').append(n);
    for (String d : List.of(bv, bq)) {
      s.append('|').append(new BigDecimal(d).stripTrailingZeros().toPlainString());
    }
    return s.toString();
  }

  private static void seedOrders() throws Exception {
    long oldTime = hotStart - 5 * 86_400_000L;
    long newTime = hotStart + 86_400_000L;
    BigDecimal price = new BigDecimal("30000.00");
    hot.insertOrder(
        "alice-1",
        "alice",
        BTC,
        "FILLED",
        price,
        new BigDecimal("1.00000"),
        new BigDecimal("1.00000"),
        new BigDecimal("30000.0000000"),
        oldTime,
        newTime);
    hot.insertOrder(
        "alice-2",
        "alice",
        BTC,
        "CANCELED",
        price,
        new BigDecimal("2.00000"),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        oldTime + 1000,
        newTime + 1000);
    hot.insertOrder(
        "alice-3",
        "alice",
        ETH,
        "PARTIALLY_FILLED",
        price,
        new BigDecimal("2.00000"),
        new BigDecimal("0.50000"),
        new BigDecimal("15000.0000000"),
        newTime,
        newTime + 2000);
    hot.insertOrder(
        "bob-1",
        "bob",
        BTC,
        "NEW",
        price,
        new BigDecimal("1.00000"),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        newTime,
        newTime);
    // alice-1 filled in three parts: two before the hot tier's start (cold only), one after.
    aliceFills.add(
        new FillFixture(
            BTC,
            900_001,
            oldTime + 10,
            "alice",
            "alice-1",
            90_001,
            3_000_000,
            30_000,
            false,
            oldTime));
    aliceFills.add(
        new FillFixture(
            BTC,
            900_002,
            oldTime + 20,
            "alice",
            "alice-1",
            90_002,
            3_000_000,
            20_000,
            true,
            oldTime));
    aliceFills.add(
        new FillFixture(
            BTC,
            900_003,
            hotStart + 5,
            "alice",
            "alice-1",
            90_003,
            3_000_000,
            50_000,
            false,
            oldTime));
    aliceFills.add(
        new FillFixture(
            ETH,
            800_001,
            newTime + 2000,
            "alice",
            "alice-3",
            80_001,
            3_000_000,
            50_000,
            false,
            newTime));
    for (FillFixture f : aliceFills) {
      if (f.time() >= hotStart - 2 * 86_400_000L) {
        hot.insertFill(f);
      }
    }
    cold.appendFills(aliceFills.stream().filter(f -> f.time() < hotStart).toList());
  }

  /**
   * Alice: a USDT deposit, a buy of BTC (hold, pay, receive, fee) and a refused withdrawal of ETH
   * (no ETH balance: a refused entry touches nothing). Bob: a USDT deposit and a fee. USDT at scale
   * 6, BTC at 8.
   */
  private static void seedLedger() throws Exception {
    long t = now - 1000;
    hot.insertLedger(
        List.of(
            entry("alice", 1, t, "DEPOSIT", "USDT", 1_000_000_000, 0, 1_000_000_000, 0, "d-1"),
            fill(
                "alice",
                2,
                t + 1,
                "HOLD",
                "USDT",
                -10_000_000,
                10_000_000,
                990_000_000,
                10_000_000,
                null),
            fill("alice", 3, t + 3, "TRADE", "USDT", 0, -10_000_000, 990_000_000, 0, 77L),
            fill("alice", 4, t + 4, "TRADE", "BTC", 100_000, 0, 100_000, 0, 77L),
            fill("alice", 5, t + 5, "FEE", "BTC", -100, 0, 99_900, 0, 77L),
            new LedgerFixture(
                "alice",
                6,
                t + 6,
                "WITHDRAWAL",
                "ETH",
                8,
                0,
                0,
                0,
                0,
                null,
                null,
                null,
                "w-1",
                "INSUFFICIENT_BALANCE"),
            entry("bob", 1, t, "DEPOSIT", "USDT", 5_000_000, 0, 5_000_000, 0, "d-2"),
            new LedgerFixture(
                "bob", 2, t + 2, "FEE", "USDT", 6, -10_000, 0, 4_990_000, 0, ETH, "bob-9", 78L,
                null, null)));
  }

  private static LedgerFixture entry(
      String account,
      long sequence,
      long time,
      String kind,
      String asset,
      long freeDelta,
      long lockedDelta,
      long free,
      long locked,
      String transferId) {
    return new LedgerFixture(
        account,
        sequence,
        time,
        kind,
        asset,
        asset.equals("BTC") ? 8 : 6,
        freeDelta,
        lockedDelta,
        free,
        locked,
        null,
        null,
        null,
        transferId,
        null);
  }

  private static LedgerFixture fill(
      String account,
      long sequence,
      long time,
      String kind,
      String asset,
      long freeDelta,
      long lockedDelta,
      long free,
      long locked,
      Long tradeId) {
    return new LedgerFixture(
        account,
        sequence,
        time,
        kind,
        asset,
        asset.equals("BTC") ? 8 : 6,
        freeDelta,
        lockedDelta,
        free,
        locked,
        BTC,
        "alice-9",
        tradeId,
        null,
        null);
  }

  private static InstrumentSpec spec(String symbol, InstrumentStatus status) {
    return new InstrumentSpec(
        symbol,
        symbol.substring(0, symbol.length() - 4),
        "USDT",
        status,
        TradeFixture.PRICE_SCALE,
        TradeFixture.QUANTITY_SCALE,
        1,
        1,
        10,
        100_00000L,
        5_0000000L,
        200);
  }

  /** The spec with Binance's usual percent price multipliers (5 and 0.2 on each side). */
  private static InstrumentSpec withBinanceBand(InstrumentSpec spec) {
    return spec.withFilters(
        InstrumentFilters.newBuilder(spec.filters())
            .setBidMultiplierUp(50_000)
            .setBidMultiplierDown(2_000)
            .setAskMultiplierUp(50_000)
            .setAskMultiplierDown(2_000)
            .build());
  }

  private static void publishInstruments(InstrumentSpec... specs) throws Exception {
    InstrumentsTopic.publish(kafka.bootstrapServers(), specs);
  }
}
