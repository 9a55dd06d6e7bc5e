package dev.exchange.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pairs the local stack lists on first start, through the edge-api admin endpoint, after their
 * assets ({@link Funding}).
 */
public final class Instruments {

  /**
   * A pair to list, with the simulator's starting price and its usual order size in steps.
   *
   * @param startPrice decimal string, on the tick
   */
  public record Definition(
      String symbol,
      String baseAsset,
      String quoteAsset,
      String tickSize,
      String stepSize,
      String minQuantity,
      String maxQuantity,
      String minNotional,
      int maxOpenOrders,
      String startPrice,
      long minSteps,
      long maxSteps) {

    public BigDecimal tick() {
      return new BigDecimal(tickSize);
    }

    public BigDecimal step() {
      return new BigDecimal(stepSize);
    }

    ObjectNode listing() {
      return JSON.createObjectNode()
          .put("symbol", symbol)
          .put("baseAsset", baseAsset)
          .put("quoteAsset", quoteAsset)
          .put("tickSize", tickSize)
          .put("stepSize", stepSize)
          .put("minQuantity", minQuantity)
          .put("maxQuantity", maxQuantity)
          .put("minNotional", minNotional)
          .put("maxOpenOrders", maxOpenOrders);
    }
  }

  public static final List<Definition> DEFAULTS =
      List.of(
          new Definition(
              "BTCUSDT",
              "BTC",
              "USDT",
              "0.01",
              "0.00001",
              "0.00001",
              "100",
              "5",
              1000,
              "65000.00",
              200,
              5000),
          new Definition(
              "ETHUSDT", "ETH", "USDT", "0.01", "0.0001", "0.0001", "1000", "5", 1000, "3200.00",
              100, 20000),
          new Definition(
              "SOLUSDT", "SOL", "USDT", "0.01", "0.001", "0.001", "100000", "5", 1000, "150.00",
              100, 30000));

  static final ObjectMapper JSON = new ObjectMapper();

  private Instruments() {}

  /**
   * Lists the stack's assets ({@link Funding#ASSETS}), then every default pair that is not listed
   * yet, and waits until all of them trade.
   */
  static void ensureListed(HttpClient http, String baseUrl, String adminToken, Duration timeout) {
    Funding.ensureAssetsListed(http, baseUrl, adminToken);
    Map<String, String> status = listed(http, baseUrl);
    for (Definition d : DEFAULTS) {
      if (!status.containsKey(d.symbol())) {
        list(http, baseUrl, adminToken, d.listing());
      }
    }
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Map<String, String> now = listed(http, baseUrl);
      if (DEFAULTS.stream().allMatch(d -> now.containsKey(d.symbol()))) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "instruments not listed after " + timeout + "; listed: " + now);
      }
      FlinkRest.pause(Duration.ofMillis(250));
    }
  }

  /** Symbol to status of every listed pair. */
  public static Map<String, String> listed(HttpClient http, String baseUrl) {
    Map<String, String> result = new HashMap<>();
    for (JsonNode node :
        send(
            http, HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/instruments")).GET(), 200)) {
      result.put(node.path("symbol").asText(), node.path("status").asText());
    }
    return result;
  }

  /**
   * Lists a new asset (scale {@link Funding#SCALE}) and a pair of it against USDT with small
   * filters that any test flow fits (tick 0.01, step 0.001, up to a million open orders), and waits
   * until the pair trades: what the end-to-end tests and the chaos run trade on alone.
   */
  public static void listTestPair(
      HttpClient http, String baseUrl, String adminToken, String symbol, String baseAsset) {
    Funding.listAsset(http, baseUrl, adminToken, baseAsset, Funding.SCALE); // 200 if listed
    ObjectNode listing =
        JSON.createObjectNode()
            .put("symbol", symbol)
            .put("baseAsset", baseAsset)
            .put("quoteAsset", "USDT")
            .put("tickSize", "0.01")
            .put("stepSize", "0.001")
            .put("minQuantity", "0.001")
            .put("maxQuantity", "1000000")
            .put("minNotional", "1")
            .put("maxOpenOrders", 1_000_000);
    list(http, baseUrl, adminToken, listing);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!"TRADING".equals(listed(http, baseUrl).get(symbol))) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(symbol + " is not trading 60 s after its listing");
      }
      FlinkRest.pause(Duration.ofMillis(250));
    }
  }

  /** Lists a pair (admin); answers 202 once the command is on Kafka. */
  public static void list(HttpClient http, String baseUrl, String adminToken, ObjectNode listing) {
    try {
      send(
          http,
          HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/admin/instruments"))
              .header("Authorization", "Bearer " + adminToken)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(listing))),
          202);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends the request and reads the JSON answer, which must have one of the expected statuses. */
  static JsonNode send(HttpClient http, HttpRequest.Builder request, int... expected) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (Arrays.stream(expected).noneMatch(s -> s == response.statusCode())) {
        throw new IllegalStateException(
            response.request().method()
                + " "
                + response.uri().getPath()
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
