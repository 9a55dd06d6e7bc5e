package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The requests {@link Funding} makes of edge-api's admin API, recorded by a local HTTP server that
 * answers as edge-api does: the starter balance as four deposits with fixed transfer ids (so a
 * second sign-in credits nothing in the accounts job), assets listed at scale 8, and an answer
 * other than the expected status as an error naming it.
 */
class FundingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile int status = 202;
  private HttpServer edge;

  @BeforeEach
  void edge() throws Exception {
    edge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    edge.createContext(
        "/api/v1/admin",
        exchange -> {
          try (exchange) {
            paths.add(exchange.getRequestURI().getPath());
            tokens.add(exchange.getRequestHeaders().getFirst("Authorization"));
            bodies.add(JSON.readTree(exchange.getRequestBody()));
            byte[] answer = "{\"code\":\"X\",\"detail\":\"refused\"}".getBytes();
            int answered = exchange.getRequestURI().getPath().endsWith("assets") ? 201 : status;
            exchange.sendResponseHeaders(answered, answer.length);
            exchange.getResponseBody().write(answer);
          }
        });
    edge.start();
  }

  @AfterEach
  void stop() {
    edge.stop(0);
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + edge.getAddress().getPort();
  }

  @Test
  void theStarterBalanceIsFourDepositsWithFixedTransferIds() {
    Funding.grantStarterBalance(http, baseUrl(), "admin-token", "carol");

    assertThat(paths).containsOnly("/api/v1/admin/transfers");
    assertThat(tokens).containsOnly("Bearer admin-token");
    assertThat(bodies)
        .extracting(b -> b.path("asset").asText() + " " + b.path("amount").asText())
        .containsExactly("USDT 100000", "BTC 5", "ETH 50", "SOL 500");
    assertThat(bodies).allSatisfy(b -> assertThat(b.path("account").asText()).isEqualTo("carol"));
    assertThat(bodies).allSatisfy(b -> assertThat(b.path("kind").asText()).isEqualTo("DEPOSIT"));
    assertThat(bodies)
        .extracting(b -> b.path("transferId").asText())
        .containsExactly("starter-USDT", "starter-BTC", "starter-ETH", "starter-SOL");

    Funding.grantStarterBalance(http, baseUrl(), "admin-token", "carol");
    assertThat(bodies.subList(4, 8)).isEqualTo(bodies.subList(0, 4));
  }

  @Test
  void theStacksAssetsAreListedAtScaleEight() {
    Funding.ensureAssetsListed(http, baseUrl(), "admin-token");

    assertThat(paths).containsOnly("/api/v1/admin/assets");
    assertThat(bodies)
        .extracting(b -> b.path("code").asText() + "/" + b.path("scale").asInt())
        .containsExactly("BTC/8", "ETH/8", "SOL/8", "USDT/8");
    assertThat(Instruments.DEFAULTS)
        .allSatisfy(d -> assertThat(Funding.ASSETS).contains(d.baseAsset(), d.quoteAsset()));
  }

  @Test
  void aRefusedDepositIsAnErrorWithEdgeApisAnswer() {
    status = 400;
    assertThatThrownBy(
            () -> Funding.deposit(http, baseUrl(), "admin-token", "carol", "NOPE", "1", "t-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("POST /api/v1/admin/transfers answered 400")
        .hasMessageContaining("refused");
  }
}
