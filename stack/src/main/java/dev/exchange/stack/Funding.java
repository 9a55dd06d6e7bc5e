package dev.exchange.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local stack's money: the assets it lists before its pairs, deposits through the edge-api
 * admin endpoint ({@code POST /api/v1/admin/transfers}) and the starter balance the dev sign-in
 * grants (docs/accounts.md). Deposits are idempotent by (account, transferId) in the accounts job,
 * so a repeated grant with the same id never credits twice.
 */
public final class Funding {

  /** The scale every asset of the local stack is listed with. */
  public static final int SCALE = 8;

  /** The assets the stack lists, before its pairs (every asset of {@link Instruments#DEFAULTS}). */
  public static final List<String> ASSETS = List.of("BTC", "ETH", "SOL", "USDT");

  /**
   * What {@code POST /dev/token} deposits to the account it signs in, once per account: transfer
   * ids {@code starter-<ASSET>}.
   */
  public static final Map<String, String> STARTER_BALANCE = starter();

  private Funding() {}

  private static Map<String, String> starter() {
    Map<String, String> amounts = new LinkedHashMap<>();
    amounts.put("USDT", "100000");
    amounts.put("BTC", "5");
    amounts.put("ETH", "50");
    amounts.put("SOL", "500");
    return Collections.unmodifiableMap(amounts);
  }

  /** Lists every asset of {@link #ASSETS} at {@link #SCALE}; one listed already is fine. */
  static void ensureAssetsListed(HttpClient http, String baseUrl, String adminToken) {
    for (String code : ASSETS) {
      listAsset(http, baseUrl, adminToken, code, SCALE);
    }
  }

  /** Lists an asset (admin): 201 when new, 200 when listed already with the same scale. */
  public static void listAsset(
      HttpClient http, String baseUrl, String adminToken, String code, int scale) {
    post(
        http,
        baseUrl + "/api/v1/admin/assets",
        adminToken,
        Instruments.JSON.createObjectNode().put("code", code).put("scale", scale),
        201,
        200);
  }

  /** Deposits the {@link #STARTER_BALANCE} to the account, with transfer ids {@code starter-*}. */
  static void grantStarterBalance(
      HttpClient http, String baseUrl, String adminToken, String account) {
    STARTER_BALANCE.forEach(
        (asset, amount) ->
            deposit(http, baseUrl, adminToken, account, asset, amount, "starter-" + asset));
  }

  /**
   * Deposits {@code amount} (a decimal string) of {@code asset} to the account; answers once the
   * transfer is on Kafka (202), the accounts job credits it.
   */
  public static void deposit(
      HttpClient http,
      String baseUrl,
      String adminToken,
      String account,
      String asset,
      String amount,
      String transferId) {
    post(
        http,
        baseUrl + "/api/v1/admin/transfers",
        adminToken,
        Instruments.JSON
            .createObjectNode()
            .put("account", account)
            .put("asset", asset)
            .put("amount", amount)
            .put("kind", "DEPOSIT")
            .put("transferId", transferId),
        202);
  }

  private static void post(
      HttpClient http, String url, String adminToken, ObjectNode body, int... expected) {
    try {
      Instruments.send(
          http,
          HttpRequest.newBuilder(URI.create(url))
              .header("Authorization", "Bearer " + adminToken)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofByteArray(Instruments.JSON.writeValueAsBytes(body))),
          expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
