package dev.exchange.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady flow of crossing pairs on one symbol: a sell of one step-sized lot at a fixed price,
 * then a buy of the same lot at the same price, from rotating accounts. Every pair makes one trade,
 * so the outcome of the whole flow is known exactly. Records every order the edge accepted (202).
 * Its accounts are funded first, generously (sellers the base asset, buyers the quote asset, each
 * enough for {@link #AFFORDABLE_LOTS} lots), so every order is affordable.
 */
final class OrderFlow implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SELLERS =
      List.of("flow-seller-1", "flow-seller-2", "flow-seller-3");
  private static final List<String> BUYERS =
      List.of("flow-buyer-1", "flow-buyer-2", "flow-buyer-3");

  /** Lots each account can afford: far more than a test sends. */
  static final long AFFORDABLE_LOTS = 1_000_000;

  /** An accepted order: its side and quantity as sent. */
  record Accepted(String orderId, boolean buy, String quantity) {}

  private final HttpClient http;
  private final String baseUrl;

  /** The quote asset of every pair the flow trades (its base is the rest of the symbol). */
  private static final String QUOTE_ASSET = "USDT";

  private final String symbol;
  private final String price;
  private final String quantity;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final Thread thread;
  private volatile boolean running = true;

  OrderFlow(
      HttpClient http,
      LocalStack stack,
      String symbol,
      String price,
      String quantity,
      int pairsPerSecond) {
    this.http = http;
    this.baseUrl = stack.baseUrl();
    this.symbol = symbol;
    this.price = price;
    this.quantity = quantity;
    if (!symbol.endsWith(QUOTE_ASSET)) {
      throw new IllegalArgumentException("the flow trades pairs quoted in USDT: " + symbol);
    }
    String baseAsset = symbol.substring(0, symbol.length() - QUOTE_ASSET.length());
    BigDecimal lots = BigDecimal.valueOf(AFFORDABLE_LOTS);
    BigDecimal base = new BigDecimal(quantity).multiply(lots);
    BigDecimal quote = new BigDecimal(price).multiply(new BigDecimal(quantity)).multiply(lots);
    String admin = stack.token("admin", true);
    String funding = "order-flow-" + UUID.randomUUID();
    for (String account : SELLERS) {
      tokens.put(account, stack.token(account, false));
      fund(stack, admin, account, baseAsset, base, funding);
    }
    for (String account : BUYERS) {
      tokens.put(account, stack.token(account, false));
      fund(stack, admin, account, QUOTE_ASSET, quote, funding);
    }
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / pairsPerSecond;
    this.thread =
        new Thread(
            () -> {
              long next = System.nanoTime();
              int i = 0;
              while (running) {
                send(SELLERS.get(i % SELLERS.size()), false);
                send(BUYERS.get(i % BUYERS.size()), true);
                i++;
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                  java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
              }
            },
            "order-flow-" + symbol);
  }

  private void fund(
      LocalStack stack,
      String admin,
      String account,
      String asset,
      BigDecimal amount,
      String transferId) {
    Funding.deposit(
        http,
        stack.baseUrl(),
        admin,
        account,
        asset,
        amount.stripTrailingZeros().toPlainString(),
        transferId);
  }

  void start() {
    thread.start();
  }

  private void send(String account, boolean buy) {
    String body =
        "{\"symbol\":\""
            + symbol
            + "\",\"side\":\""
            + (buy ? "BUY" : "SELL")
            + "\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\""
            + price
            + "\",\"quantity\":\""
            + quantity
            + "\"}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/orders"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + tokens.get(account))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    // Sequential per pair, so sells and buys stay balanced. Each account's commands reach the
    // matcher through the accounts job, so a buy may arrive before its sell: whichever comes first
    // rests, and the other fills it completely at the same price.
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 202) {
        String orderId = JSON.readTree(response.body()).path("orderId").asText();
        accepted.put(orderId, new Accepted(orderId, buy, quantity));
      } else {
        refused.incrementAndGet();
      }
    } catch (java.io.IOException e) {
      refused.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  Map<String, Accepted> accepted() {
    return Map.copyOf(accepted);
  }

  long acceptedBuys() {
    return accepted.values().stream().filter(Accepted::buy).count();
  }

  long acceptedSells() {
    return accepted.values().stream().filter(a -> !a.buy()).count();
  }

  int refused() {
    return refused.get();
  }

  BigDecimal lot() {
    return new BigDecimal(quantity);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(30_000);
  }
}
