package dev.exchange.edge;

import dev.exchange.service.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The table of malformed and unauthorised requests: each must get its 4xx with the stated code,
 * field and message, and nothing may reach Kafka.
 */
final class BadRequests {

  private static final String TRADER = TestTokens.KEY.token("alice", "trader");
  private static final String ADMIN = TestTokens.KEY.token("root", "admin");
  private static final String NO_ROLE = TestTokens.KEY.token("bob");
  private static final String EXPIRED =
      TestTokens.KEY.issue(
          "alice",
          TestTokens.ISSUER,
          Instant.now().minus(Duration.ofHours(2)),
          Duration.ofHours(1),
          "trader");
  private static final String WRONG_KEY = TestTokens.OTHER_KEY.token("alice", "trader");
  private static final String WRONG_ISSUER =
      TestTokens.KEY.issue(
          "alice", "https://evil.test", Instant.now(), Duration.ofHours(1), "trader");

  private static final String UNSIGNED =
      TestTokens.unsigned(TestTokens.KEY.token("alice", "trader"));
  private static final String NO_EXPIRY =
      TestTokens.KEY.sign(c -> c.claims(m -> m.remove("exp")), "trader");
  private static final String OTHER_APPLICATION =
      TestTokens.KEY.sign(c -> c.subject("root").audience(List.of("another-application")), "admin");
  private static final String GENERIC_ADMIN_CLAIM =
      TestTokens.KEY.sign(c -> c.subject("root").claim("roles", List.of("admin")), "trader");

  private static final String ORDERS = "/api/v1/orders";
  private static final String ADMIN_INSTRUMENTS = "/api/v1/admin/instruments";
  private static final String LIMIT =
      "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"0.5\",\"price\":\"100.00\"";
  private static final String NEW_PAIR =
      "{\"symbol\":\"ADAUSDT\",\"baseAsset\":\"ADA\",\"quoteAsset\":\"USDT\",\"tickSize\":\"0.0001\","
          + "\"stepSize\":\"1\",\"minQuantity\":\"1\",\"maxQuantity\":\"1000000\","
          + "\"minNotional\":\"1\",\"maxOpenOrders\":100";
  private static final String ADMIN_ASSETS = "/api/v1/admin/assets";
  private static final String ADMIN_TRANSFERS = "/api/v1/admin/transfers";
  private static final String DEPOSIT =
      "{\"account\":\"alice\",\"asset\":\"USDT\",\"amount\":\"10\",\"kind\":\"DEPOSIT\","
          + "\"transferId\":\"bad-request-1\"";
  private static final String FILTERS =
      "{\"tickSize\":\"0.01\",\"stepSize\":\"0.00001\",\"minQuantity\":\"0.0001\","
          + "\"maxQuantity\":\"100\",\"minNotional\":\"5\",\"maxOpenOrders\":200";

  /** One request and the answer it must get. */
  record Case(
      String name,
      String method,
      String path,
      String token,
      String contentType,
      String body,
      int status,
      String code,
      String field,
      String detail) {

    HttpRequest request(String baseUrl) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
      if (token != null) {
        builder.header("Authorization", "Bearer " + token);
      }
      if (contentType != null) {
        builder.header("Content-Type", contentType);
      }
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body);
      return builder.method(method, publisher).build();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private final List<Case> cases = new ArrayList<>();

  static Stream<Case> cases() {
    BadRequests t = new BadRequests();
    t.auth();
    t.body();
    t.fields();
    t.amounts();
    t.cancels();
    t.admin();
    t.assets();
    t.transfers();
    return t.cases.stream();
  }

  private void order(
      String name, String json, int status, String code, String field, String detail) {
    cases.add(
        new Case(
            name, "POST", ORDERS, TRADER, "application/json", json, status, code, field, detail));
  }

  private void limit(String name, String extra, String code, String field, String detail) {
    order(name, LIMIT + extra + "}", 400, code, field, detail);
  }

  private void auth() {
    String json = LIMIT + "}";
    cases.add(
        new Case(
            "no token",
            "POST",
            ORDERS,
            null,
            "application/json",
            json,
            401,
            "UNAUTHENTICATED",
            null,
            "bearer token"));
    cases.add(
        new Case(
            "garbage token",
            "POST",
            ORDERS,
            "not.a.jwt",
            "application/json",
            json,
            401,
            "UNAUTHENTICATED",
            null,
            "invalid bearer token"));
    cases.add(
        new Case(
            "expired token",
            "POST",
            ORDERS,
            EXPIRED,
            "application/json",
            json,
            401,
            "UNAUTHENTICATED",
            null,
            "expired"));
    cases.add(
        new Case(
            "token signed by another key",
            "POST",
            ORDERS,
            WRONG_KEY,
            "application/json",
            json,
            401,
            "UNAUTHENTICATED",
            null,
            "invalid bearer token"));
    cases.add(
        new Case(
            "token from another issuer",
            "POST",
            ORDERS,
            WRONG_ISSUER,
            "application/json",
            json,
            401,
            "UNAUTHENTICATED",
            null,
            "iss"));
    cases.add(
        new Case(
            "unsigned token (alg none)",
            "POST",
            ORDERS,
            UNSIGNED,
            "application/json",
            json,
            401,
            "UNAUTHENTICATED",
            null,
            "algorithm of none"));
    cases.add(
        new Case(
            "token without exp",
            "POST",
            ORDERS,
            NO_EXPIRY,
            "application/json",
            json,
            401,
            "UNAUTHENTICATED",
            null,
            "exp claim is required"));
    cases.add(
        new Case(
            "another application's admin token",
            "POST",
            ADMIN_INSTRUMENTS + "/BTCUSDT/halt",
            OTHER_APPLICATION,
            null,
            null,
            401,
            "UNAUTHENTICATED",
            null,
            "aud claim is not exchange"));
    cases.add(
        new Case(
            "admin only in a generic roles claim",
            "POST",
            ADMIN_INSTRUMENTS + "/BTCUSDT/halt",
            GENERIC_ADMIN_CLAIM,
            null,
            null,
            403,
            "FORBIDDEN",
            null,
            "roles"));
    cases.add(
        new Case(
            "token without a role",
            "POST",
            ORDERS,
            NO_ROLE,
            "application/json",
            json,
            403,
            "FORBIDDEN",
            null,
            "roles"));
    cases.add(
        new Case(
            "cancel without token",
            "DELETE",
            ORDERS + "?symbol=BTCUSDT",
            null,
            null,
            null,
            401,
            "UNAUTHENTICATED",
            null,
            "bearer token"));
    cases.add(
        new Case(
            "listing as a trader",
            "POST",
            ADMIN_INSTRUMENTS,
            TRADER,
            "application/json",
            NEW_PAIR + "}",
            403,
            "FORBIDDEN",
            null,
            "roles"));
    cases.add(
        new Case(
            "halting without token",
            "POST",
            ADMIN_INSTRUMENTS + "/BTCUSDT/halt",
            null,
            null,
            null,
            401,
            "UNAUTHENTICATED",
            null,
            "bearer token"));
    cases.add(
        new Case(
            "halting with a role-less token",
            "POST",
            ADMIN_INSTRUMENTS + "/BTCUSDT/halt",
            NO_ROLE,
            null,
            null,
            403,
            "FORBIDDEN",
            null,
            "roles"));
  }

  private void body() {
    cases.add(
        new Case(
            "text/plain body",
            "POST",
            ORDERS,
            TRADER,
            "text/plain",
            LIMIT + "}",
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            null,
            "application/json"));
    cases.add(
        new Case(
            "no content type",
            "POST",
            ORDERS,
            TRADER,
            null,
            LIMIT + "}",
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            null,
            "application/json"));
    order("truncated JSON", "{\"symbol\":", 400, "MALFORMED_JSON", null, "malformed JSON");
    order("empty body", "", 400, "MALFORMED_JSON", null, "missing");
    order("JSON array", "[1,2]", 400, "INVALID_FIELD_TYPE", null, "JSON object");
    order("unknown field", LIMIT + ",\"qty\":\"1\"}", 400, "UNKNOWN_FIELD", "qty", "'qty'");
    order(
        "price as object",
        "{\"symbol\":\"BTCUSDT\",\"price\":{\"v\":1}}",
        400,
        "INVALID_FIELD_TYPE",
        "price",
        "'price'");
    cases.add(
        new Case(
            "oversized body",
            "POST",
            ORDERS,
            TRADER,
            "application/json",
            LIMIT + ",\"clientOrderId\":\"" + "x".repeat(20_000) + "\"}",
            413,
            "BODY_TOO_LARGE",
            null,
            "exceeds"));
    cases.add(
        new Case(
            "PUT on orders",
            "PUT",
            ORDERS,
            TRADER,
            "application/json",
            LIMIT + "}",
            405,
            "METHOD_NOT_ALLOWED",
            null,
            "PUT"));
  }

  private void fields() {
    order(
        "symbol missing",
        "{\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"1\",\"price\":\"1\"}",
        400,
        "FIELD_REQUIRED",
        "symbol",
        "symbol is required");
    order(
        "symbol with a dash",
        "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"1\",\"price\":\"1\"}",
        400,
        "INVALID_SYMBOL",
        "symbol",
        "upper-case");
    order(
        "unknown symbol",
        "{\"symbol\":\"XYZUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"1\",\"price\":\"1\"}",
        400,
        "UNKNOWN_SYMBOL",
        "symbol",
        "XYZUSDT");
    order(
        "halted symbol",
        "{\"symbol\":\"HALTUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"1\",\"price\":\"1\"}",
        400,
        "SYMBOL_HALTED",
        "symbol",
        "halted");
    order(
        "delisted symbol",
        "{\"symbol\":\"DEADUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"1\",\"price\":\"1\"}",
        400,
        "SYMBOL_NOT_TRADING",
        "symbol",
        "delisted");
    order(
        "side missing",
        "{\"symbol\":\"BTCUSDT\",\"type\":\"LIMIT\",\"quantity\":\"1\",\"price\":\"1\"}",
        400,
        "FIELD_REQUIRED",
        "side",
        "side is required");
    order(
        "side HOLD",
        "{\"symbol\":\"BTCUSDT\",\"side\":\"HOLD\",\"type\":\"LIMIT\",\"quantity\":\"1\",\"price\":\"1\"}",
        400,
        "UNKNOWN_FIELD_VALUE",
        "side",
        "BUY, SELL");
    order(
        "type missing",
        "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"quantity\":\"1\",\"price\":\"1\"}",
        400,
        "FIELD_REQUIRED",
        "type",
        "type is required");
    order(
        "type STOP",
        "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"STOP\",\"quantity\":\"1\",\"price\":\"1\"}",
        400,
        "UNKNOWN_FIELD_VALUE",
        "type",
        "LIMIT, MARKET, LIMIT_MAKER");
    limit(
        "timeInForce DAY",
        ",\"timeInForce\":\"DAY\"",
        "UNKNOWN_FIELD_VALUE",
        "timeInForce",
        "GTC, IOC, FOK");
    limit(
        "selfTradePrevention MAYBE",
        ",\"selfTradePrevention\":\"MAYBE\"",
        "UNKNOWN_FIELD_VALUE",
        "selfTradePrevention",
        "EXPIRE_TAKER");
    limit(
        "clientOrderId of 37 characters",
        ",\"clientOrderId\":\"" + "a".repeat(37) + "\"",
        "CLIENT_ORDER_ID_INVALID",
        "clientOrderId",
        "1 to 36");
    limit(
        "clientOrderId with a space",
        ",\"clientOrderId\":\"my order\"",
        "CLIENT_ORDER_ID_INVALID",
        "clientOrderId",
        "[A-Za-z0-9._:-]");
    order(
        "LIMIT without price",
        "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"1\"}",
        400,
        "PRICE_REQUIRED",
        "price",
        "price is required");
    order(
        "LIMIT without quantity",
        "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"1\"}",
        400,
        "QUANTITY_REQUIRED",
        "quantity",
        "quantity is required");
    limit(
        "LIMIT with quoteQuantity",
        ",\"quoteQuantity\":\"10\"",
        "QUOTE_QUANTITY_NOT_ALLOWED",
        "quoteQuantity",
        "MARKET buy");
    limit(
        "LIMIT_MAKER with IOC",
        ",\"timeInForce\":\"IOC\"".replace("IOC", "IOC"),
        "TIME_IN_FORCE_NOT_ALLOWED",
        "timeInForce",
        "LIMIT_MAKER is GTC");
    cases.set(
        cases.size() - 1,
        new Case(
            "LIMIT_MAKER with IOC",
            "POST",
            ORDERS,
            TRADER,
            "application/json",
            LIMIT.replace("\"LIMIT\"", "\"LIMIT_MAKER\"") + ",\"timeInForce\":\"IOC\"}",
            400,
            "TIME_IN_FORCE_NOT_ALLOWED",
            "timeInForce",
            "LIMIT_MAKER is GTC"));
    String market = "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"MARKET\"";
    order(
        "MARKET with price",
        market + ",\"quantity\":\"1\",\"price\":\"1\"}",
        400,
        "PRICE_NOT_ALLOWED",
        "price",
        "MARKET");
    order(
        "MARKET with quantity and quoteQuantity",
        market + ",\"quantity\":\"1\",\"quoteQuantity\":\"100\"}",
        400,
        "QUANTITY_AND_QUOTE_QUANTITY",
        "quoteQuantity",
        "not both");
    order(
        "MARKET without any quantity",
        market + "}",
        400,
        "QUANTITY_REQUIRED",
        "quantity",
        "quantity is required");
    order(
        "MARKET SELL by quote amount",
        market.replace("BUY", "SELL") + ",\"quoteQuantity\":\"100\"}",
        400,
        "QUOTE_QUANTITY_NOT_ALLOWED",
        "quoteQuantity",
        "MARKET buy");
    order(
        "MARKET GTC",
        market + ",\"quantity\":\"1\",\"timeInForce\":\"GTC\"}",
        400,
        "TIME_IN_FORCE_NOT_ALLOWED",
        "timeInForce",
        "MARKET is IOC");
  }

  private void amounts() {
    String btc = "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\"";
    String eth = "{\"symbol\":\"ETHUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\"";
    order(
        "price not a number",
        btc + ",\"quantity\":\"1\",\"price\":\"abc\"}",
        400,
        "PRICE_MALFORMED",
        "price",
        "not a plain decimal");
    order(
        "price in exponent notation",
        btc + ",\"quantity\":\"1\",\"price\":\"1e2\"}",
        400,
        "PRICE_MALFORMED",
        "price",
        "'1e2'");
    order(
        "price as JSON number in exponent notation",
        btc + ",\"quantity\":\"1\",\"price\":1E2}",
        400,
        "PRICE_MALFORMED",
        "price",
        "'1E2'");
    order(
        "price empty",
        btc + ",\"quantity\":\"1\",\"price\":\"\"}",
        400,
        "PRICE_MALFORMED",
        "price",
        "empty");
    order(
        "price with 3 decimals at scale 2",
        btc + ",\"quantity\":\"1\",\"price\":\"100.001\"}",
        400,
        "PRICE_TOO_MANY_DECIMALS",
        "price",
        "more than 2 decimal places");
    order(
        "price too large",
        btc + ",\"quantity\":\"1\",\"price\":\"99999999999999999999\"}",
        400,
        "PRICE_MALFORMED",
        "price",
        "too large");
    order(
        "price zero",
        btc + ",\"quantity\":\"1\",\"price\":\"0\"}",
        400,
        "PRICE_NOT_POSITIVE",
        "price",
        "greater than zero");
    order(
        "price negative",
        btc + ",\"quantity\":\"1\",\"price\":\"-5.00\"}",
        400,
        "PRICE_NOT_POSITIVE",
        "price",
        "greater than zero");
    order(
        "price off the tick",
        eth + ",\"quantity\":\"1\",\"price\":\"100.01\"}",
        400,
        "PRICE_NOT_ON_TICK",
        "price",
        "tick size 0.05");
    order(
        "quantity not a number",
        btc + ",\"quantity\":\"one\",\"price\":\"1\"}",
        400,
        "QUANTITY_MALFORMED",
        "quantity",
        "not a plain decimal");
    order(
        "quantity with 6 decimals at scale 5",
        btc + ",\"quantity\":\"0.000001\",\"price\":\"1\"}",
        400,
        "QUANTITY_TOO_MANY_DECIMALS",
        "quantity",
        "more than 5 decimal places");
    order(
        "quantity zero",
        btc + ",\"quantity\":\"0\",\"price\":\"100\"}",
        400,
        "QUANTITY_NOT_POSITIVE",
        "quantity",
        "greater than zero");
    order(
        "quantity off the step",
        eth + ",\"quantity\":\"1.0005\",\"price\":\"100\"}",
        400,
        "QUANTITY_NOT_ON_STEP",
        "quantity",
        "step size 0.001");
    order(
        "quantity below minimum",
        btc + ",\"quantity\":\"0.00005\",\"price\":\"100000\"}",
        400,
        "QUANTITY_BELOW_MIN",
        "quantity",
        "minimum 0.0001");
    order(
        "quantity above maximum",
        btc + ",\"quantity\":\"101\",\"price\":\"100\"}",
        400,
        "QUANTITY_ABOVE_MAX",
        "quantity",
        "maximum 100");
    order(
        "notional below minimum",
        btc + ",\"quantity\":\"0.001\",\"price\":\"1.00\"}",
        400,
        "NOTIONAL_BELOW_MIN",
        "quantity",
        "minimum notional 5");
    order(
        "notional overflow",
        btc + ",\"quantity\":\"100\",\"price\":\"90000000000000000.00\"}",
        400,
        "NOTIONAL_OVERFLOW",
        "quantity",
        "too large");
    String market = "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"MARKET\"";
    order(
        "quoteQuantity with 8 decimals at scale 7",
        market + ",\"quoteQuantity\":\"10.00000001\"}",
        400,
        "QUOTE_QUANTITY_TOO_MANY_DECIMALS",
        "quoteQuantity",
        "more than 7 decimal places");
    order(
        "quoteQuantity not a number",
        market + ",\"quoteQuantity\":\"lots\"}",
        400,
        "QUOTE_QUANTITY_MALFORMED",
        "quoteQuantity",
        "not a plain decimal");
    order(
        "quoteQuantity zero",
        market + ",\"quoteQuantity\":\"0\"}",
        400,
        "QUOTE_QUANTITY_NOT_POSITIVE",
        "quoteQuantity",
        "greater than zero");
    order(
        "quoteQuantity below minimum notional",
        market + ",\"quoteQuantity\":\"1\"}",
        400,
        "NOTIONAL_BELOW_MIN",
        "quantity",
        "minimum notional");
  }

  private void cancels() {
    cases.add(
        new Case(
            "cancel with a malformed orderId",
            "DELETE",
            ORDERS + "/42?symbol=BTCUSDT",
            TRADER,
            null,
            null,
            400,
            "ORDER_ID_INVALID",
            "orderId",
            "UUID"));
    cases.add(
        new Case(
            "cancel without symbol",
            "DELETE",
            ORDERS + "?clientOrderId=abc",
            TRADER,
            null,
            null,
            400,
            "FIELD_REQUIRED",
            "symbol",
            "'symbol' is required"));
    cases.add(
        new Case(
            "cancel on an unknown symbol",
            "DELETE",
            ORDERS + "?symbol=NOPE1",
            TRADER,
            null,
            null,
            400,
            "UNKNOWN_SYMBOL",
            "symbol",
            "NOPE1"));
    cases.add(
        new Case(
            "cancel on a delisted symbol",
            "DELETE",
            ORDERS + "?symbol=DEADUSDT",
            TRADER,
            null,
            null,
            400,
            "SYMBOL_NOT_TRADING",
            "symbol",
            "delisted"));
    cases.add(
        new Case(
            "cancel with a bad clientOrderId",
            "DELETE",
            ORDERS + "?symbol=BTCUSDT&clientOrderId=a%20b",
            TRADER,
            null,
            null,
            400,
            "CLIENT_ORDER_ID_INVALID",
            "clientOrderId",
            "1 to 36"));
  }

  private void admin() {
    cases.add(
        adminCase(
            "listing without quoteAsset",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR.replace("\"quoteAsset\":\"USDT\",", "") + "}",
            400,
            "FIELD_REQUIRED",
            "quoteAsset",
            "quoteAsset is required"));
    cases.add(
        adminCase(
            "listing an existing symbol",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR.replace("ADAUSDT", "BTCUSDT") + "}",
            409,
            "INSTRUMENT_ALREADY_LISTED",
            "symbol",
            "already listed"));
    cases.add(
        adminCase(
            "listing with a zero tick",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR.replace("\"0.0001\"", "\"0.0000\"") + "}",
            400,
            "INVALID_INSTRUMENT",
            "tickSize",
            "tickSize must be greater than zero"));
    cases.add(
        adminCase(
            "listing with minQuantity off the step",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR
                    .replace("\"minQuantity\":\"1\"", "\"minQuantity\":\"1\"")
                    .replace("\"stepSize\":\"1\"", "\"stepSize\":\"2\"")
                + "}",
            400,
            "INVALID_INSTRUMENT",
            "minQuantity",
            "multiple of stepSize"));
    cases.add(
        adminCase(
            "listing a lower-case asset",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR.replace("\"ADA\"", "\"ad!\"") + "}",
            400,
            "INVALID_INSTRUMENT",
            "baseAsset",
            "baseAsset must be"));
    cases.add(
        adminCase(
            "listing with scales above 18",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR + ",\"priceScale\":10,\"quantityScale\":10}",
            400,
            "INVALID_INSTRUMENT",
            "priceScale",
            "at most 18"));
    cases.add(
        adminCase(
            "halting an unknown symbol",
            "POST",
            ADMIN_INSTRUMENTS + "/NOPEUSDT/halt",
            null,
            404,
            "UNKNOWN_SYMBOL",
            "symbol",
            "NOPEUSDT"));
    cases.add(
        adminCase(
            "resuming a trading symbol",
            "POST",
            ADMIN_INSTRUMENTS + "/BTCUSDT/resume",
            null,
            409,
            "INSTRUMENT_TRANSITION",
            null,
            "TRADING"));
    cases.add(
        adminCase(
            "halting a halted symbol",
            "POST",
            ADMIN_INSTRUMENTS + "/HALTUSDT/halt",
            null,
            409,
            "INSTRUMENT_TRANSITION",
            null,
            "HALTED"));
    cases.add(
        adminCase(
            "updating a delisted symbol",
            "PUT",
            ADMIN_INSTRUMENTS + "/DEADUSDT",
            FILTERS + "}",
            409,
            "INSTRUMENT_TRANSITION",
            null,
            "DELISTED"));
    cases.add(
        adminCase(
            "updating with too fine a tick",
            "PUT",
            ADMIN_INSTRUMENTS + "/BTCUSDT",
            FILTERS.replace("\"0.01\"", "\"0.001\"") + "}",
            400,
            "INVALID_INSTRUMENT",
            "tickSize",
            "more than 2 decimal places"));
    cases.add(
        adminCase(
            "updating with max below min",
            "PUT",
            ADMIN_INSTRUMENTS + "/BTCUSDT",
            FILTERS.replace("\"100\"", "\"0.00001\"") + "}",
            400,
            "INVALID_INSTRUMENT",
            "maxQuantity",
            "maxQuantity must not be below minQuantity"));
  }

  private void assets() {
    cases.add(
        adminCase(
            "listing a pair on an unlisted asset",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR + "}",
            400,
            "UNKNOWN_ASSET",
            "baseAsset",
            "baseAsset 'ADA' is not listed"));
    cases.add(
        adminCase(
            "listing a pair whose base asset scale is below its quantity scale",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR.replace("ADA", "TINY").replace("\"stepSize\":\"1\"", "\"stepSize\":\"0.001\"")
                + "}",
            400,
            "ASSET_SCALE_TOO_SMALL",
            "symbol",
            "asset TINY has scale 2, which cannot hold quantityScale 3"));
    cases.add(
        adminCase(
            "listing a pair whose quote asset scale is below its notional scale",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR.replace("ADAUSDT", "BTCTINY").replace("ADA", "BTC").replace("USDT", "TINY")
                + "}",
            400,
            "ASSET_SCALE_TOO_SMALL",
            "symbol",
            "asset TINY has scale 2, which cannot hold priceScale + quantityScale = 4"));
    cases.add(
        adminCase(
            "listing a pair with a maker fee above 1000 bps",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR + ",\"makerFeeBps\":1001}",
            400,
            "FEE_OUT_OF_RANGE",
            "makerFeeBps",
            "0 to 1000"));
    cases.add(
        adminCase(
            "updating a pair with a negative taker fee",
            "PUT",
            ADMIN_INSTRUMENTS + "/BTCUSDT",
            FILTERS + ",\"takerFeeBps\":-1}",
            400,
            "FEE_OUT_OF_RANGE",
            "takerFeeBps",
            "0 to 1000"));
    cases.add(
        adminCase(
            "listing a pair with an up multiplier below 1",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR + ",\"bidMultiplierUp\":\"0.5\"}",
            400,
            "PRICE_MULTIPLIER_INVALID",
            "bidMultiplierUp",
            "bidMultiplierUp must be at least 1"));
    cases.add(
        adminCase(
            "listing a pair with a down multiplier above 1",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR + ",\"bidMultiplierDown\":\"1.5\"}",
            400,
            "PRICE_MULTIPLIER_INVALID",
            "bidMultiplierDown",
            "bidMultiplierDown must be greater than 0 and at most 1"));
    cases.add(
        adminCase(
            "listing a pair with a down multiplier of 0",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR + ",\"askMultiplierDown\":\"0\"}",
            400,
            "PRICE_MULTIPLIER_INVALID",
            "askMultiplierDown",
            "askMultiplierDown must be greater than 0"));
    cases.add(
        adminCase(
            "listing a pair with a multiplier of five decimals",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR + ",\"askMultiplierDown\":\"0.00001\"}",
            400,
            "PRICE_MULTIPLIER_INVALID",
            "askMultiplierDown",
            "askMultiplierDown: '0.00001' has more than 4 decimal places"));
    cases.add(
        adminCase(
            "listing a pair with a multiplier that is not a decimal",
            "POST",
            ADMIN_INSTRUMENTS,
            NEW_PAIR + ",\"askMultiplierUp\":\"five\"}",
            400,
            "PRICE_MULTIPLIER_INVALID",
            "askMultiplierUp",
            "askMultiplierUp: 'five' is not a plain decimal number"));
    cases.add(
        adminCase(
            "updating a pair with a negative down multiplier",
            "PUT",
            ADMIN_INSTRUMENTS + "/BTCUSDT",
            FILTERS + ",\"bidMultiplierDown\":\"-0.2\"}",
            400,
            "PRICE_MULTIPLIER_INVALID",
            "bidMultiplierDown",
            "bidMultiplierDown: '-0.2' must not be negative"));
    cases.add(
        adminCase(
            "updating a pair with an up multiplier above 100000",
            "PUT",
            ADMIN_INSTRUMENTS + "/BTCUSDT",
            FILTERS + ",\"askMultiplierUp\":\"100001\"}",
            400,
            "PRICE_MULTIPLIER_INVALID",
            "askMultiplierUp",
            "askMultiplierUp: '100001' is above 100000"));
    cases.add(
        adminCase(
            "listing an asset with a lower-case code",
            "POST",
            ADMIN_ASSETS,
            "{\"code\":\"btc\",\"scale\":8}",
            400,
            "ASSET_CODE_INVALID",
            "code",
            "1 to 10 upper-case letters or digits"));
    cases.add(
        adminCase(
            "listing an asset with an 11-character code",
            "POST",
            ADMIN_ASSETS,
            "{\"code\":\"ABCDEFGHIJK\",\"scale\":8}",
            400,
            "ASSET_CODE_INVALID",
            "code",
            "1 to 10"));
    cases.add(
        adminCase(
            "listing an asset with scale 19",
            "POST",
            ADMIN_ASSETS,
            "{\"code\":\"NEWC\",\"scale\":19}",
            400,
            "ASSET_SCALE_INVALID",
            "scale",
            "0..18"));
    cases.add(
        adminCase(
            "listing an asset with a negative scale",
            "POST",
            ADMIN_ASSETS,
            "{\"code\":\"NEWC\",\"scale\":-1}",
            400,
            "ASSET_SCALE_INVALID",
            "scale",
            "0..18"));
    cases.add(
        adminCase(
            "listing an asset without a scale",
            "POST",
            ADMIN_ASSETS,
            "{\"code\":\"NEWC\"}",
            400,
            "FIELD_REQUIRED",
            "scale",
            "scale is required"));
    cases.add(
        adminCase(
            "relisting an asset with another scale",
            "POST",
            ADMIN_ASSETS,
            "{\"code\":\"BTC\",\"scale\":6}",
            409,
            "ASSET_ALREADY_LISTED",
            "code",
            "already listed with scale 8"));
    cases.add(
        new Case(
            "listing an asset as a trader",
            "POST",
            ADMIN_ASSETS,
            TRADER,
            "application/json",
            "{\"code\":\"NEWC\",\"scale\":8}",
            403,
            "FORBIDDEN",
            null,
            "roles do not allow"));
  }

  private void transfers() {
    cases.add(
        adminCase(
            "a transfer of an unlisted asset",
            "POST",
            ADMIN_TRANSFERS,
            DEPOSIT.replace("USDT", "NOPE") + "}",
            400,
            "UNKNOWN_ASSET",
            "asset",
            "asset 'NOPE' is not listed"));
    cases.add(
        adminCase(
            "a transfer of zero",
            "POST",
            ADMIN_TRANSFERS,
            DEPOSIT.replace("\"10\"", "\"0\"") + "}",
            400,
            "AMOUNT_NOT_POSITIVE",
            "amount",
            "greater than zero"));
    cases.add(
        adminCase(
            "a transfer of a negative amount",
            "POST",
            ADMIN_TRANSFERS,
            DEPOSIT.replace("\"10\"", "\"-5\"") + "}",
            400,
            "AMOUNT_NOT_POSITIVE",
            "amount",
            "greater than zero"));
    cases.add(
        adminCase(
            "a transfer with more decimals than the asset",
            "POST",
            ADMIN_TRANSFERS,
            DEPOSIT.replace("\"10\"", "\"0.000000001\"") + "}",
            400,
            "AMOUNT_TOO_MANY_DECIMALS",
            "amount",
            "USDT has scale 8"));
    cases.add(
        adminCase(
            "a transfer of a malformed amount",
            "POST",
            ADMIN_TRANSFERS,
            DEPOSIT.replace("\"10\"", "\"1e3\"") + "}",
            400,
            "AMOUNT_MALFORMED",
            "amount",
            "not a decimal number"));
    cases.add(
        adminCase(
            "a transfer with a space in its id",
            "POST",
            ADMIN_TRANSFERS,
            DEPOSIT.replace("bad-request-1", "bad request") + "}",
            400,
            "TRANSFER_ID_INVALID",
            "transferId",
            "1 to 64 characters"));
    cases.add(
        adminCase(
            "a transfer with a 65-character id",
            "POST",
            ADMIN_TRANSFERS,
            DEPOSIT.replace("bad-request-1", "x".repeat(65)) + "}",
            400,
            "TRANSFER_ID_INVALID",
            "transferId",
            "1 to 64 characters"));
    cases.add(
        adminCase(
            "a transfer of an unknown kind",
            "POST",
            ADMIN_TRANSFERS,
            DEPOSIT.replace("DEPOSIT", "GIFT") + "}",
            400,
            "UNKNOWN_FIELD_VALUE",
            "kind",
            "kind must be one of DEPOSIT, WITHDRAWAL"));
    cases.add(
        adminCase(
            "a transfer without an account",
            "POST",
            ADMIN_TRANSFERS,
            DEPOSIT.replace("\"account\":\"alice\",", "") + "}",
            400,
            "FIELD_REQUIRED",
            "account",
            "account is required"));
    cases.add(
        new Case(
            "a transfer by a trader",
            "POST",
            ADMIN_TRANSFERS,
            TRADER,
            "application/json",
            DEPOSIT + "}",
            403,
            "FORBIDDEN",
            null,
            "roles do not allow"));
  }

  private static Case adminCase(
      String name,
      String method,
      String path,
      String body,
      int status,
      String code,
      String field,
      String detail) {
    return new Case(
        name,
        method,
        path,
        ADMIN,
        body == null ? null : "application/json",
        body,
        status,
        code,
        field,
        detail);
  }
}
