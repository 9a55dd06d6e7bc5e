package dev.exchange.edge;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.service.testing.InstrumentsTopic;
import dev.exchange.service.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The order entry fast path ({@code OrderEntryFilter}) against the regular stack in one running
 * service: the same request sent as a plain JSON request (fast path) and with an {@code Accept}
 * list (left to Spring Security and Spring MVC) gets the same answer, and the fast path applies the
 * per-account rate limit. Which path served a request shows in {@code http.server.requests}, which
 * only the regular stack records.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(LocalServicesExtension.class)
class OrderEntryFastPathTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String REGULAR_ACCEPT = "application/json, application/problem+json";
  private static final String LIMIT =
      "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"0.5\","
          + "\"price\":\"100.00\"";

  private static KafkaBroker kafka;

  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  private int port;

  @Value("${local.management.port}")
  private int managementPort;

  @BeforeAll
  static void broker(KafkaBroker broker) {
    kafka = broker;
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("exchange.kafka.bootstrap-servers", () -> kafka.bootstrapServers());
    TestTokens.serviceSettings().forEach((k, v) -> registry.add(k, () -> v));
    registry.add("exchange.rate-limits.per-account.capacity", () -> "3");
    registry.add("exchange.rate-limits.per-account.refill-tokens", () -> "1");
    registry.add("exchange.rate-limits.per-account.refill-period", () -> "1h");
    registry.add("exchange.rate-limits.per-address.capacity", () -> "100000");
    registry.add("management.server.port", () -> "0");
  }

  @BeforeEach
  void instruments() throws Exception {
    InstrumentsTopic.publish(kafka.bootstrapServers(), TestInstruments.BTCUSDT);
    await()
        .atMost(30, SECONDS)
        .until(() -> send(order(newTrader(), LIMIT + "}", null)).statusCode() == 202);
  }

  @Test
  void theFastPathAndTheRegularStackGiveTheSameAnswers() throws Exception {
    List<String> bodies =
        List.of(
            LIMIT + "}",
            LIMIT + ",\"clientOrderId\":\"same-answer\",\"timeInForce\":\"IOC\"}",
            "{\"symbol\":\"btcusdt\",\"side\":\"BUY\",\"type\":\"MARKET\",\"quoteQuantity\":100.50}",
            "{\"symbol\":\"BTCUSDT\",\"side\":\"SIDEWAYS\",\"clientOrderId\":\"no spaces\"}",
            LIMIT + ",\"qty\":\"1\"}",
            LIMIT + ",\"price\":\"100.001\"}",
            "{\"symbol\":\"BTCUSDT\",\"price\":{\"v\":1}}",
            "{\"symbol\":",
            "[1,2]",
            "",
            LIMIT + "} x",
            "{\"symbol\":\"XYZUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"1\","
                + "\"price\":\"1\"}");
    long regularBefore = regularOrderRequests();
    for (String body : bodies) {
      HttpResponse<String> fast = send(order(newTrader(), body, null));
      HttpResponse<String> regular = send(order(newTrader(), body, REGULAR_ACCEPT));
      assertThat(fast.statusCode()).as(body).isEqualTo(regular.statusCode());
      JsonNode a = JSON.readTree(fast.body());
      JsonNode b = JSON.readTree(regular.body());
      if (fast.statusCode() == 202) {
        assertThat(a.get("status")).isEqualTo(b.get("status"));
        assertThat(a.get("symbol")).isEqualTo(b.get("symbol"));
        assertThat(a.get("orderId").asString()).isNotEqualTo(b.get("orderId").asString());
        assertThat(fast.headers().firstValue("Content-Type")).hasValue("application/json");
      } else {
        for (String member : List.of("status", "title", "detail", "instance", "code", "errors")) {
          assertThat(a.get(member)).as(body + " " + member).isEqualTo(b.get(member));
        }
        assertThat(a.get("field")).as(body).isEqualTo(b.get("field"));
        assertThat(fast.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      }
      for (String header : List.of("X-Content-Type-Options", "Cache-Control", "X-Frame-Options")) {
        assertThat(fast.headers().firstValue(header))
            .as(header)
            .isEqualTo(regular.headers().firstValue(header));
      }
    }
    await()
        .atMost(10, SECONDS)
        .until(() -> regularOrderRequests() - regularBefore == bodies.size());
  }

  @Test
  void requestsTheFastPathDoesNotHandleGetTheRegularAnswers() throws Exception {
    HttpResponse<String> noToken =
        send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LIMIT + "}"))
                .build());
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    HttpResponse<String> noRole = send(order(TestTokens.KEY.token("bob"), LIMIT + "}", null));
    assertThat(noRole.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(noRole.body()).get("code").asString()).isEqualTo("FORBIDDEN");
    HttpResponse<String> lowerCaseScheme =
        send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders"))
                .header("Authorization", "bearer " + newTrader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LIMIT + "}"))
                .build());
    assertThat(lowerCaseScheme.statusCode()).as(lowerCaseScheme.body()).isEqualTo(202);
  }

  @Test
  void theFastPathAppliesThePerAccountBudget() throws Exception {
    String limited = TestTokens.KEY.token("fast-limited", "trader");
    for (int i = 0; i < 3; i++) {
      assertThat(send(order(limited, LIMIT + "}", null)).statusCode()).isEqualTo(202);
    }
    HttpResponse<String> refused = send(order(limited, LIMIT + "}", null));
    assertThat(refused.statusCode()).isEqualTo(429);
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.get("code").asString()).isEqualTo("RATE_LIMITED");
    assertThat(problem.get("detail").asString()).contains("for this account");
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 3600L);
    assertThat(send(order(limited, LIMIT + "}", REGULAR_ACCEPT)).statusCode()).isEqualTo(429);
  }

  private static String newTrader() {
    return TestTokens.KEY.token(UUID.randomUUID().toString(), "trader");
  }

  private HttpRequest order(String token, String body, String accept) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (accept != null) {
      builder.header("Accept", accept);
    }
    return builder.build();
  }

  /** POST /api/v1/orders requests that went through Spring MVC, from the Prometheus page. */
  private long regularOrderRequests() throws Exception {
    String page =
        send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
                .build())
            .body();
    Matcher m =
        Pattern.compile(
                "http_server_requests_seconds_count\\{([^}]*)\\} ([0-9.E]+)", Pattern.MULTILINE)
            .matcher(page);
    double total = 0;
    while (m.find()) {
      String labels = m.group(1);
      if (labels.contains("method=\"POST\"") && labels.contains("uri=\"/api/v1/orders\"")) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return (long) total;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
