package dev.exchange.stack.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exchange.stack.Funding;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady flow of crossing pairs on one symbol: a sell of one step-sized lot at a fixed price,
 * then a buy of the same lot at the same price, from rotating accounts. Every pair makes one trade,
 * so the outcome of the whole flow is known exactly. Records every order the edge accepted (202).
 * Its accounts are funded first, generously (sellers the base asset, buyers the quote asset, each
 * enough for {@link #AFFORDABLE_LOTS} lots), so every order is affordable.
 */
public final class OrderFlow implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SELLERS =
      List.of("flow-seller-1", "flow-seller-2", "flow-seller-3");
  private static final List<String> BUYERS =
      List.of("flow-buyer-1", "flow-buyer-2", "flow-buyer-3");

  /** Lots each account can afford: far more than a test sends. */
  static final long AFFORDABLE_LOTS = 1_000_000;

  /** An accepted order: its ids, side and quantity as sent, and when the edge answered 202. */
  public record Accepted(
      String orderId, String clientOrderId, boolean buy, String quantity, Instant at) {}

  /**
   * An order the edge did not accept: its HTTP status (0: no answer at all) and when. Its outcome
   * is uncertain, as for any client: the write may have landed before the edge or the proxy failed
   * to answer, and then the order trades; only its client order id can tell.
   */
  public record Refused(String clientOrderId, int status, Instant at) {}

  /** Mints a bearer token for an account ({@code admin}: with the admin role). */
  public interface Tokens {
    String token(String account, boolean admin);
  }

  private final HttpClient http;
  private final String baseUrl;

  /** The quote asset of every pair the flow trades (its base is the rest of the symbol). */
  private static final String QUOTE_ASSET = "USDT";

  private final String symbol;
  private final String price;
  private final String quantity;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
  private final Queue<Refused> refused = new ConcurrentLinkedQueue<>();
  private final String clientOrderIdPrefix = "flow-" + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong sent = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * A flow through the exchange at {@code baseUrl} (its public origin), funding its accounts first
   * through the admin API.
   */
  public OrderFlow(
      HttpClient http,
      String baseUrl,
      Tokens tokens,
      String symbol,
      String price,
      String quantity,
      int pairsPerSecond) {
    this.http = http;
    this.baseUrl = baseUrl;
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
    String admin = tokens.token("admin", true);
    String funding = "order-flow-" + UUID.randomUUID();
    for (String account : SELLERS) {
      this.tokens.put(account, tokens.token(account, false));
      fund(admin, account, baseAsset, base, funding);
    }
    for (String account : BUYERS) {
      this.tokens.put(account, tokens.token(account, false));
      fund(admin, account, QUOTE_ASSET, quote, funding);
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
      String admin, String account, String asset, BigDecimal amount, String transferId) {
    Funding.deposit(
        http,
        baseUrl,
        admin,
        account,
        asset,
        amount.stripTrailingZeros().toPlainString(),
        transferId);
  }

  public void start() {
    thread.start();
  }

  private void send(String account, boolean buy) {
    String clientOrderId = clientOrderIdPrefix + "-" + sent.incrementAndGet();
    String body =
        "{\"symbol\":\""
            + symbol
            + "\",\"side\":\""
            + (buy ? "BUY" : "SELL")
            + "\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\""
            + price
            + "\",\"quantity\":\""
            + quantity
            + "\",\"clientOrderId\":\""
            + clientOrderId
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
        accepted.put(orderId, new Accepted(orderId, clientOrderId, buy, quantity, Instant.now()));
      } else {
        refused.add(new Refused(clientOrderId, response.statusCode(), Instant.now()));
      }
    } catch (java.io.IOException e) {
      refused.add(new Refused(clientOrderId, 0, Instant.now()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  public Map<String, Accepted> accepted() {
    return Map.copyOf(accepted);
  }

  public long acceptedBuys() {
    return accepted.values().stream().filter(Accepted::buy).count();
  }

  public long acceptedSells() {
    return accepted.values().stream().filter(a -> !a.buy()).count();
  }

  /** Every order the edge did not accept, in the order they were refused. */
  public List<Refused> refused() {
    return List.copyOf(refused);
  }

  public String symbol() {
    return symbol;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(30_000);
  }
}
