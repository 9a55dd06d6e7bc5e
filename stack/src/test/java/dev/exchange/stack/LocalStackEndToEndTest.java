package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.Trade;
import dev.exchange.stack.verify.FlowCheck;
import dev.exchange.stack.verify.KafkaLog;
import dev.exchange.stack.verify.LedgerCheck;
import dev.exchange.stack.verify.OrderFlow;
import dev.exchange.stack.verify.ReplayCheck;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole stack, started once on free ports from the built artifacts of this checkout, driven
 * only through its public origin (the reverse proxy) like a browser or bot, and checked on the
 * committed Kafka output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LocalStack stack;
  private KafkaLog kafkaLog;

  @BeforeAll
  void startStack() throws Exception {
    Path module = Path.of("").toAbsolutePath();
    Path runs = Files.createDirectories(module.resolve("target/stack-e2e"));
    try (var old = Files.list(runs)) {
      old.forEach(LocalStack::deleteRecursively);
    }
    Path data = runs.resolve("run-" + System.currentTimeMillis());
    stack = LocalStack.start(StackOptions.forTests(module.getParent(), data));
    kafkaLog = new KafkaLog(stack.kafkaConnection());
    // The accounts that trade below hold funds (docs/accounts.md); NEW is the base asset of the
    // pair an admin lists during the tests.
    String admin = stack.token("ops-admin", true);
    Funding.listAsset(http, stack.baseUrl(), admin, "NEW", Funding.SCALE);
    for (String account : List.of("alice", "bob", "carol", "dave", "erin")) {
      Funding.grantStarterBalance(http, stack.baseUrl(), admin, account);
      Funding.deposit(http, stack.baseUrl(), admin, account, "NEW", "1000", "e2e-NEW");
    }
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void ordersOverHttpBecomeTradesOnTheWebSocketAndInHistory() throws Exception {
    List<String> frames = new CopyOnWriteArrayList<>();
    WebSocket ws = subscribe("/ws/btcusdt@trade", frames);
    try {
      assertThat(postOrder("alice", "BTCUSDT", "SELL", "64000.00", "0.01000").statusCode())
          .isEqualTo(202);
      assertThat(postOrder("bob", "BTCUSDT", "BUY", "64000.00", "0.01000").statusCode())
          .isEqualTo(202);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(frames)
                      .anySatisfy(
                          frame -> {
                            JsonNode trade = JSON.readTree(frame);
                            assertThat(trade.path("e").asText()).isEqualTo("trade");
                            assertThat(trade.path("s").asText()).isEqualTo("BTCUSDT");
                            assertThat(new BigDecimal(trade.path("p").asText()))
                                .isEqualByComparingTo("64000");
                            assertThat(new BigDecimal(trade.path("q").asText()))
                                .isEqualByComparingTo("0.01");
                          }));
    } finally {
      ws.abort();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode trades = getJson("/api/v3/trades?symbol=BTCUSDT&limit=50");
              assertThat(trades.isArray()).isTrue();
              assertThat(trades)
                  .anySatisfy(
                      t ->
                          assertThat(new BigDecimal(t.path("price").asText()))
                              .isEqualByComparingTo("64000"));
            });
  }

  @Test
  @Order(2)
  void theJobManagerAndTheTaskManagerServeTheJobsMetricsForPrometheus() {
    Ports ports = stack.options().ports();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              String jobManager = metrics(ports.flinkJobManagerMetrics());
              String taskManager = metrics(ports.flinkTaskManagerMetrics());
              for (String job : List.of("accounts", "matching", "history", "lakehouse")) {
                assertThat(jobManager)
                    .containsPattern(
                        "flink_jobmanager_job_lastCheckpointDuration\\{[^}]*job_name=\""
                            + job
                            + "\"");
              }
              assertThat(taskManager)
                  .containsPattern(
                      "flink_taskmanager_job_task_operator_numRecordsIn\\{[^}]*job_name=\"matching\"")
                  .containsPattern(
                      "flink_taskmanager_job_task_operator_matchingLatencyMs\\{[^}]*quantile=\"0.99\"")
                  .containsPattern(
                      "flink_taskmanager_job_task_operator_pendingRecords\\{[^}]*job_name=\"matching\"");
            });
  }

  private String metrics(int port) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("scrape of port %d", port).isEqualTo(200);
    return response.body();
  }

  @Test
  @Order(2)
  void anAdminListsANewPairAndItTradesWithoutARestart() throws Exception {
    listPair("NEWUSDT", "NEW");
    HttpResponse<String> sell = postOrder("carol", "NEWUSDT", "SELL", "2.50", "10.000");
    assertThat(sell.statusCode()).as(sell.body()).isEqualTo(202);
    assertThat(postOrder("dave", "NEWUSDT", "BUY", "2.50", "4.000").statusCode()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode ticker = getJson("/api/v3/ticker/24hr?symbol=NEWUSDT");
              assertThat(ticker.path("count").asLong()).isEqualTo(1);
              assertThat(new BigDecimal(ticker.path("lastPrice").asText()))
                  .isEqualByComparingTo("2.5");
            });
    JsonNode depth = getJson("/api/v3/depth?symbol=NEWUSDT&limit=5");
    assertThat(new BigDecimal(depth.path("asks").get(0).get(1).asText())).isEqualByComparingTo("6");
  }

  @Test
  @Order(3)
  void theMatchingJobRedeployedFromASavepointInASteadyFlowLosesAndDuplicatesNothing()
      throws Exception {
    listPair("REDEPUSDT", "REDEP");
    OrderFlow flow =
        new OrderFlow(http, stack.baseUrl(), stack::token, "REDEPUSDT", "1.00", "10.000", 15);
    flow.start();
    awaitAccepted(flow, 60);
    JobControl.Submitted redeployed = stack.jobs().redeploy("matching", Optional.empty());
    assertThat(redeployed.restoredFrom()).isPresent();
    assertThat(redeployed.restoredFrom().get().toString())
        .contains("savepoints/matching/savepoint-");
    awaitAccepted(flow, flow.accepted().size() + 60);
    JobControl.Submitted accounts = stack.jobs().redeploy("accounts", Optional.empty());
    assertThat(accounts.restoredFrom()).isPresent();
    awaitAccepted(flow, flow.accepted().size() + 60);
    flow.close();
    assertExactlyOnce(flow, "REDEPUSDT");
    assertSettledAndConserved("REDEPUSDT");
  }

  @Test
  @Order(4)
  void aKilledTaskManagerIsReplacedAndTheJobsRecoverWithNothingLostOrDuplicated() throws Exception {
    listPair("CRASHUSDT", "CRASH");
    OrderFlow flow =
        new OrderFlow(http, stack.baseUrl(), stack::token, "CRASHUSDT", "1.00", "10.000", 15);
    flow.start();
    awaitAccepted(flow, 60);
    long pid = stack.flink().taskManagerPid();
    int restarts = stack.supervisor().restarts(LocalStack.TASK_MANAGER).count();
    Instant killed = Instant.now();
    stack.flink().killTaskManager();
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                stack.supervisor().restarts(LocalStack.TASK_MANAGER).count() > restarts
                    && stack.flink().taskManagerPid() > 0);
    assertThat(stack.flink().taskManagerPid()).isNotEqualTo(pid);
    awaitAccepted(flow, flow.accepted().size() + 60);
    flow.close();
    assertExactlyOnce(flow, "CRASHUSDT");
    assertSettledAndConserved("CRASHUSDT");
    System.out.printf(
        "TaskManager killed at %s; every order of the flow matched exactly once %d s later%n",
        killed, Duration.between(killed, Instant.now()).toSeconds());
  }

  @Test
  @Order(5)
  void aStoppedStackResumesFromItsSavepointsWithNothingLost() throws Exception {
    stack.close();
    stack = LocalStack.start(stack.options().withFresh(false));
    kafkaLog = new KafkaLog(stack.kafkaConnection());
    assertThat(stack.submitted())
        .allSatisfy(
            s ->
                assertThat(s.restoredFrom())
                    .hasValueSatisfying(
                        p ->
                            assertThat(p.toString())
                                .contains("/flink/savepoints/" + s.name() + "/savepoint-")));
    // The rest of carol's NEWUSDT ask survived the restart in the matching state...
    HttpResponse<String> buy = postOrder("erin", "NEWUSDT", "BUY", "2.50", "6.000");
    assertThat(buy.statusCode()).as(buy.body()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              List<Trade> trades = kafkaLog.trades("NEWUSDT");
              assertThat(trades).extracting(Trade::getTradeId).containsExactly(1L, 2L);
              assertThat(trades.get(1).getTakerAccount()).isEqualTo("erin");
              assertThat(trades.get(1).getMakerAccount()).isEqualTo("carol");
            });
    // ...and the market data state too: the 24h ticker counts both trades.
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(getJson("/api/v3/ticker/24hr?symbol=NEWUSDT").path("count").asLong())
                    .isEqualTo(2));
  }

  @Test
  @Order(2)
  void fundsAreHeldSettledReleasedAndConservedThroughTheWholeStack() throws Exception {
    String buyer = "ledger-buyer";
    String seller = "ledger-seller";
    String deposit = "ledger-usdt-1";
    for (int attempt = 0; attempt < 2; attempt++) { // a retried deposit credits once
      assertThat(transfer(buyer, "USDT", "1000", "DEPOSIT", deposit).statusCode()).isEqualTo(202);
    }
    assertThat(transfer(seller, "BTC", "0.05", "DEPOSIT", "ledger-btc-1").statusCode())
        .isEqualTo(202);
    assertThat(postOrder(seller, "BTCUSDT", "SELL", "64000.00", "0.01000").statusCode())
        .isEqualTo(202);
    assertThat(postOrder(buyer, "BTCUSDT", "BUY", "64000.00", "0.01000").statusCode())
        .isEqualTo(202);
    HttpResponse<String> unaffordable = postOrder(buyer, "BTCUSDT", "BUY", "64000.00", "100");
    assertThat(unaffordable.statusCode()).isEqualTo(202);
    String unaffordableId = JSON.readTree(unaffordable.body()).path("orderId").asText();
    HttpResponse<String> resting = postOrder(seller, "BTCUSDT", "SELL", "99000.00", "0.01000");
    String restingId = JSON.readTree(resting.body()).path("orderId").asText();
    assertThat(
            send(HttpRequest.newBuilder(
                        URI.create(
                            stack.baseUrl() + "/api/v1/orders/" + restingId + "?symbol=BTCUSDT"))
                    .header("Authorization", "Bearer " + stack.token(seller, false))
                    .DELETE())
                .statusCode())
        .isEqualTo(202);
    assertThat(transfer(buyer, "USDT", "100000000", "WITHDRAWAL", "ledger-too-much").statusCode())
        .isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              LedgerCheck ledger = LedgerCheck.of(kafkaLog.balances());
              assertThat(ledger.problems()).isEmpty();
              assertThat(ledger.entries(buyer))
                  .filteredOn(e -> deposit.equals(e.getTransferId()))
                  .hasSize(1);
              assertThat(ledger.entries(buyer))
                  .anySatisfy(
                      e -> {
                        assertThat(e.getTransferId()).isEqualTo("ledger-too-much");
                        assertThat(e.getRejectReason()).isEqualTo("INSUFFICIENT_BALANCE");
                      });
              assertThat(ledger.entries(seller))
                  .anySatisfy(
                      e -> {
                        assertThat(e.getKind()).isEqualTo(LedgerEntryKind.RELEASE);
                        assertThat(e.getOrderId()).isEqualTo(restingId);
                      });
              for (String account : List.of(buyer, seller)) {
                for (String asset : List.of("BTC", "USDT")) {
                  assertThat(ledger.balance(account, asset)[1])
                      .as("%s has no open order: nothing of %s locked", account, asset)
                      .isZero();
                }
              }
              // the buyer paid 640 USDT and got 0.01 BTC less the fee; the seller the reverse
              assertThat(ledger.entries(buyer))
                  .anySatisfy(
                      e -> {
                        assertThat(e.getKind()).isEqualTo(LedgerEntryKind.TRADE);
                        assertThat(e.getAsset()).isEqualTo("USDT");
                        assertThat(e.getLockedDelta()).isEqualTo(-640_00000000L);
                      });
              assertThat(ledger.settlementProblems(kafkaLog.trades("BTCUSDT"))).isEmpty();
            });
    assertThat(kafkaLog.orderEvents("BTCUSDT"))
        .anySatisfy(
            e -> {
              assertThat(e.getOrderId()).isEqualTo(unaffordableId);
              assertThat(e.getExecutionType()).isEqualTo(ExecutionType.REJECTED);
              assertThat(e.getRejectReason()).isEqualTo("INSUFFICIENT_BALANCE");
            });
    LedgerCheck ledger = LedgerCheck.of(kafkaLog.balances());
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode account = getJson("/api/v1/account", stack.token(buyer, false));
              assertThat(account.path("account").asText()).isEqualTo(buyer);
              for (JsonNode b : account.path("balances")) {
                if (b.path("asset").asText().equals("USDT")) {
                  assertThat(new BigDecimal(b.path("free").asText()).movePointRight(8))
                      .isEqualByComparingTo(BigDecimal.valueOf(ledger.balance(buyer, "USDT")[0]));
                }
              }
            });
  }

  @Test
  @Order(2)
  void anUnknownApiPathIsAJson404NotTheWebApp() throws Exception {
    for (String path : List.of("/api/v3/tickr", "/api/")) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(JSON.readTree(response.body()).path("code").asInt()).as(path).isEqualTo(-1000);
    }
    HttpResponse<String> v1 = get("/api/v1/nothing-here");
    assertThat(v1.statusCode()).isEqualTo(404);
    assertThat(v1.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(v1.body()).path("status").asInt()).isEqualTo(404);
    assertThat(JSON.readTree(v1.body()).path("code").asText()).isEqualTo("UNKNOWN_PATH");
    assertThat(get("/markets/BTCUSDT").body()).contains("<html");
  }

  /** Every trade of the symbol settled once on both sides; the whole ledger conserves money. */
  private void assertSettledAndConserved(String symbol) {
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              LedgerCheck ledger = LedgerCheck.of(kafkaLog.balances());
              assertThat(ledger.problems()).isEmpty();
              assertThat(ledger.settlementProblems(kafkaLog.trades(symbol))).isEmpty();
            });
  }

  /**
   * Every accepted order was acknowledged exactly once and the pairs matched one trade each, with
   * nothing lost or duplicated ({@link FlowCheck}), and the trades are what the committed command
   * log means ({@link ReplayCheck}).
   */
  private void assertExactlyOnce(OrderFlow flow, String symbol) {
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () ->
                assertThat(
                        FlowCheck.problems(
                            flow.accepted(),
                            flow.refused(),
                            kafkaLog.orderEvents(symbol),
                            kafkaLog.trades(symbol)))
                    .isEmpty());
    assertThat(
            ReplayCheck.problems(symbol, kafkaLog.orderCommands(symbol), kafkaLog.trades(symbol)))
        .isEmpty();
  }

  private void awaitAccepted(OrderFlow flow, int count) {
    await().atMost(Duration.ofSeconds(120)).until(() -> flow.accepted().size() >= count);
  }

  private void listPair(String symbol, String base) {
    Instruments.listTestPair(http, stack.baseUrl(), stack.token("ops-admin", true), symbol, base);
  }

  private HttpResponse<String> postOrder(
      String account, String symbol, String side, String price, String quantity) throws Exception {
    return client().postOrder(account, symbol, side, price, quantity);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client().get(path);
  }

  private HttpResponse<String> transfer(
      String account, String asset, String amount, String kind, String transferId)
      throws Exception {
    String body =
        JSON.createObjectNode()
            .put("account", account)
            .put("asset", asset)
            .put("amount", amount)
            .put("kind", kind)
            .put("transferId", transferId)
            .toString();
    return send(
        HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/v1/admin/transfers"))
            .header("Authorization", "Bearer " + stack.token("ops-admin", true))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(String path, String token) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .header("Authorization", "Bearer " + token));
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode getJson(String path) throws Exception {
    return client().getJson(path);
  }

  private WebSocket subscribe(String path, List<String> frames) {
    return client().subscribe(path, frames);
  }

  /** The stack of the moment: a test restarts it. */
  private StackClient client() {
    return new StackClient(http, stack);
  }
}
