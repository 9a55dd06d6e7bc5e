package dev.exchange.edge.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.exchange.edge.TestInstruments;
import dev.exchange.edge.errors.ProblemWriter;
import dev.exchange.edge.kafka.CommandPublisher;
import dev.exchange.edge.kafka.PublisherProperties;
import dev.exchange.edge.security.SecurityConfig;
import dev.exchange.edge.system.HttpProperties;
import dev.exchange.edge.system.WebConfig;
import dev.exchange.service.assets.AssetCache;
import dev.exchange.service.instruments.InstrumentCache;
import dev.exchange.service.kafka.KafkaConfig;
import dev.exchange.service.ratelimit.RateLimitProperties;
import dev.exchange.service.ratelimit.RateLimiters;
import dev.exchange.service.security.SecurityProperties;
import dev.exchange.service.testing.TestTokens;
import dev.exchange.service.web.ClockConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Validation and error rendering of the order endpoint in a web slice. The publisher is the real
 * Kafka producer pointed at a port where nothing listens, so a valid order shows the outage path.
 */
@WebMvcTest(OrderController.class)
@Import({
  OrderService.class,
  InstrumentCache.class,
  AssetCache.class,
  CommandPublisher.class,
  ProblemWriter.class,
  RateLimiters.class,
  SecurityConfig.class,
  WebConfig.class,
  ClockConfig.class,
  OrderValidationSliceTest.Support.class
})
class OrderValidationSliceTest {

  /** Each request gets its own account, so only the rate-limit test meets the tiny budget. */
  private static String trader() {
    return TestTokens.KEY.token(java.util.UUID.randomUUID().toString(), "trader");
  }

  @TestConfiguration
  @Import(KafkaConfig.class)
  @EnableConfigurationProperties({
    PublisherProperties.class,
    SecurityProperties.class,
    RateLimitProperties.class,
    HttpProperties.class
  })
  static class Support {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("exchange.kafka.bootstrap-servers", () -> "localhost:1");
    registry.add("exchange.kafka.send-timeout", () -> "300ms");
    TestTokens.serviceSettings().forEach((k, v) -> registry.add(k, () -> v));
    registry.add("exchange.rate-limits.per-account.capacity", () -> "3");
    registry.add("exchange.rate-limits.per-account.refill-tokens", () -> "1");
    registry.add("exchange.rate-limits.per-account.refill-period", () -> "1h");
    registry.add("exchange.http.max-body-size", () -> "1KB");
  }

  @Autowired MockMvc mvc;
  @Autowired InstrumentCache instruments;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void instruments() {
    instruments.put(TestInstruments.BTCUSDT);
    instruments.put(TestInstruments.ETHUSDT);
  }

  private static MockHttpServletRequestBuilder order(String token, String json) {
    return post("/api/v1/orders")
        .header("Authorization", "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON)
        .content(json);
  }

  @Test
  void everyShapeErrorIsReportedAtOnceWithTheFirstAsCodeAndField() throws Exception {
    mvc.perform(
            order(
                trader(),
                "{\"symbol\":\"BTCUSDT\",\"side\":\"SIDEWAYS\",\"clientOrderId\":\"no spaces\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Bad Request"))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.code").value("UNKNOWN_FIELD_VALUE"))
        .andExpect(jsonPath("$.field").value("side"))
        .andExpect(jsonPath("$.detail").value("side must be one of BUY, SELL"))
        .andExpect(jsonPath("$.errors", hasSize(3)))
        .andExpect(jsonPath("$.errors[1].field").value("type"))
        .andExpect(jsonPath("$.errors[1].code").value("FIELD_REQUIRED"))
        .andExpect(jsonPath("$.errors[2].code").value("CLIENT_ORDER_ID_INVALID"));
  }

  @Test
  void aJsonNumberIsReadFromItsExactTextNeverThroughBinaryFloatingPoint() throws Exception {
    mvc.perform(
            order(
                trader(),
                "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":0.1,"
                    + "\"price\":100.001}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("PRICE_TOO_MANY_DECIMALS"))
        .andExpect(jsonPath("$.detail").value(containsString("'100.001'")));
  }

  @Test
  void anUnknownSymbolIsA503UntilTheInstrumentsAreReadThenA400() throws Exception {
    String order =
        "{\"symbol\":\"SOLUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"1\","
            + "\"price\":\"150\"}";
    assertThat(instruments.caughtUp()).as("no follower in this slice").isFalse();
    mvc.perform(order(trader(), order))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(jsonPath("$.code").value("INSTRUMENTS_LOADING"));
    instruments.markCaughtUp();
    mvc.perform(order(trader(), order))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("UNKNOWN_SYMBOL"));
  }

  @Test
  void filterViolationsNameTheInstrumentsLimit() throws Exception {
    mvc.perform(
            order(
                trader(),
                "{\"symbol\":\"ETHUSDT\",\"side\":\"SELL\",\"type\":\"LIMIT\",\"quantity\":\"0.001\","
                    + "\"price\":\"2000\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("QUANTITY_BELOW_MIN"))
        .andExpect(jsonPath("$.field").value("quantity"))
        .andExpect(jsonPath("$.detail").value("quantity is below the minimum (minimum 0.01)"));
  }

  @Test
  void anUnreachableKafkaAnswers503WithinTheBoundAndCountsNoAcceptance() throws Exception {
    long start = System.nanoTime();
    mvc.perform(
            order(
                trader(),
                "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"0.5\","
                    + "\"price\":\"100.00\"}"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(jsonPath("$.code").value("KAFKA_UNAVAILABLE"))
        .andExpect(jsonPath("$.detail").value(containsString("within 300 ms")));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(meters.counter("exchange.orders.accepted").count()).isZero();
    assertThat(meters.counter("exchange.orders.rejected", "reason", "KAFKA_UNAVAILABLE").count())
        .isEqualTo(1);
  }

  @Test
  void anAccountOverItsBudgetGets429WithRetryAfter() throws Exception {
    String limited = TestTokens.KEY.token("limited-account", "trader");
    for (int i = 0; i < 3; i++) {
      mvc.perform(order(limited, "{}")).andExpect(status().isBadRequest());
    }
    MvcResult refused =
        mvc.perform(order(limited, "{}"))
            .andExpect(status().isTooManyRequests())
            .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
            .andExpect(jsonPath("$.detail").value(containsString("for this account")))
            .andReturn();
    long retryAfter = Long.parseLong(refused.getResponse().getHeader("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 3600L);
    mvc.perform(order(trader(), "{}")).andExpect(status().isBadRequest());
  }

  @Test
  void aBodyAboveTheLimitIsRefusedWith413() throws Exception {
    mvc.perform(order(trader(), "{\"clientOrderId\":\"" + "x".repeat(2000) + "\"}"))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.code").value("BODY_TOO_LARGE"))
        .andExpect(jsonPath("$.detail").value("the request body exceeds 1024 bytes"));
  }
}
