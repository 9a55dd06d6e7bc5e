package dev.exchange.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Bots that keep the screens alive: makers quote around a drifting mid (a random walk in ticks),
 * takers cross the spread now and then, and old quotes get cancelled. About 15 commands a second
 * over all pairs, from six accounts, through the public REST API like any client. Prices and
 * quantities are whole ticks and steps (longs) turned into exact decimal strings; the random
 * numbers only choose among them. The mid is kept within about 5% of the start price and quotes
 * within 42 ticks of it, so every price stays within about 0.9 to 1.1 times the last trade, well
 * inside the default percent price band of 0.2 to 5 (docs/matching.md).
 */
final class MarketSimulator implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MAKERS =
      List.of("sim-maker-1", "sim-maker-2", "sim-maker-3", "sim-maker-4");
  private static final List<String> TAKERS = List.of("sim-taker-1", "sim-taker-2");
  private static final int MAX_OPEN_PER_BOOK = 40;
  private static final Duration PERIOD = Duration.ofMillis(65);

  private final HttpClient http;
  private final String baseUrl;
  private final BiFunction<String, Boolean, String> tokens;
  private final List<Instruments.Definition> instruments;
  private final Path logFile;
  private final Random random = new Random();
  private final Map<String, Long> midTicks = new HashMap<>();
  private final Map<String, Long> startTicks = new HashMap<>();
  private final Map<String, Deque<String>> openOrders = new HashMap<>();
  private final Map<String, String> tokenCache = new HashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private ScheduledExecutorService executor;
  private Instant tokensMinted = Instant.EPOCH;
  private Instant lastReport = Instant.now();

  MarketSimulator(
      HttpClient http,
      String baseUrl,
      BiFunction<String, Boolean, String> tokens,
      List<Instruments.Definition> instruments,
      Path logFile) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.tokens = tokens;
    this.instruments = instruments;
    this.logFile = logFile;
    for (Instruments.Definition d : instruments) {
      long start = new BigDecimal(d.startPrice()).divide(d.tick()).longValueExact();
      midTicks.put(d.symbol(), start);
      startTicks.put(d.symbol(), start);
    }
  }

  /**
   * What each bot account gets at start, per asset: deep enough that hours of quoting never run a
   * book dry. Transfer ids {@code simulator-<ASSET>} make a restart credit nothing again.
   */
  static final Map<String, String> FUNDS =
      Map.of("USDT", "10000000", "BTC", "1000", "ETH", "10000", "SOL", "1000000");

  void start() {
    fundAccounts();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "market-simulator");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleAtFixedRate(this::safeStep, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Deposits {@link #FUNDS} to every bot account; idempotent, so a restart is a no-op. */
  private void fundAccounts() {
    String admin = tokens.apply("admin", true);
    for (String account : accounts()) {
      FUNDS.forEach(
          (asset, amount) ->
              Funding.deposit(http, baseUrl, admin, account, asset, amount, "simulator-" + asset));
    }
  }

  private static List<String> accounts() {
    List<String> all = new ArrayList<>(MAKERS);
    all.addAll(TAKERS);
    return all;
  }

  private void safeStep() {
    try {
      step();
    } catch (RuntimeException e) {
      log("simulator step failed: " + e);
    }
  }

  private synchronized void step() {
    Instruments.Definition d = instruments.get(random.nextInt(instruments.size()));
    String symbol = d.symbol();
    long mid = drift(symbol);
    int action = random.nextInt(100);
    if (action < 62) {
      String maker = MAKERS.get(random.nextInt(MAKERS.size()));
      boolean buy = random.nextBoolean();
      long offset = 1 + random.nextInt(12) + (random.nextInt(4) == 0 ? random.nextInt(30) : 0);
      long price = buy ? mid - offset : mid + offset;
      place(maker, d, buy, "LIMIT", price, quantity(d), "GTC");
    } else if (action < 80) {
      String taker = TAKERS.get(random.nextInt(TAKERS.size()));
      boolean buy = random.nextBoolean();
      long price = buy ? mid + 3 + random.nextInt(15) : mid - 3 - random.nextInt(15);
      place(taker, d, buy, "LIMIT", price, quantity(d), "IOC");
    } else {
      String maker = MAKERS.get(random.nextInt(MAKERS.size()));
      Deque<String> open = openOrders.get(maker + "/" + symbol);
      if (open != null && !open.isEmpty()) {
        cancel(maker, symbol, open.pollFirst());
      }
    }
    report();
  }

  /** The mid walks by a tick or two now and then and is pulled back gently towards its start. */
  private long drift(String symbol) {
    long mid = midTicks.get(symbol);
    if (random.nextInt(3) == 0) {
      long start = startTicks.get(symbol);
      long pull = mid > start + start / 20 ? -1 : mid < start - start / 20 ? 1 : 0;
      mid = Math.max(100, mid + random.nextInt(5) - 2 + pull);
      midTicks.put(symbol, mid);
    }
    return mid;
  }

  private long quantity(Instruments.Definition d) {
    return d.minSteps() + (long) random.nextInt((int) (d.maxSteps() - d.minSteps() + 1));
  }

  private void place(
      String account,
      Instruments.Definition d,
      boolean buy,
      String type,
      long priceTicks,
      long steps,
      String tif) {
    ObjectNode order =
        JSON.createObjectNode()
            .put("symbol", d.symbol())
            .put("side", buy ? "BUY" : "SELL")
            .put("type", type)
            .put("timeInForce", tif)
            .put("price", BigDecimal.valueOf(priceTicks).multiply(d.tick()).toPlainString())
            .put("quantity", BigDecimal.valueOf(steps).multiply(d.step()).toPlainString())
            .put("selfTradePrevention", "EXPIRE_TAKER");
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/orders"))
              .timeout(Duration.ofSeconds(5))
              .header("Authorization", "Bearer " + token(account))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(order)))
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sent.incrementAndGet();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (response, error) -> {
              if (error == null && response.statusCode() == 202) {
                accepted.incrementAndGet();
                if ("GTC".equals(tif)) {
                  remember(
                      account + "/" + d.symbol(), orderId(response.body()), account, d.symbol());
                }
              } else {
                refused.incrementAndGet();
                log(
                    "order refused: "
                        + (error != null
                            ? error.toString()
                            : response.statusCode() + " " + response.body()));
              }
            });
  }

  private synchronized void remember(String book, String orderId, String account, String symbol) {
    if (orderId == null) {
      return;
    }
    Deque<String> open = openOrders.computeIfAbsent(book, k -> new ArrayDeque<>());
    open.addLast(orderId);
    if (open.size() > MAX_OPEN_PER_BOOK) {
      String oldest = open.pollFirst();
      executor.execute(() -> cancel(account, symbol, oldest));
    }
  }

  private void cancel(String account, String symbol, String orderId) {
    if (orderId == null) {
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(baseUrl + "/api/v1/orders/" + orderId + "?symbol=" + symbol))
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + token(account))
            .DELETE()
            .build();
    sent.incrementAndGet();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (r, e) -> (e == null && r.statusCode() == 202 ? accepted : refused).incrementAndGet());
  }

  private static String orderId(String body) {
    try {
      return JSON.readTree(body).path("orderId").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  private synchronized String token(String account) {
    if (Instant.now().isAfter(tokensMinted.plus(Duration.ofHours(1)))) {
      tokenCache.clear();
      tokensMinted = Instant.now();
    }
    return tokenCache.computeIfAbsent(account, a -> tokens.apply(a, false));
  }

  private void report() {
    if (Instant.now().isAfter(lastReport.plus(Duration.ofMinutes(1)))) {
      lastReport = Instant.now();
      log(
          "sent "
              + sent.get()
              + ", accepted "
              + accepted.get()
              + ", refused "
              + refused.get()
              + ", mids "
              + midTicks);
    }
  }

  private void log(String line) {
    try {
      Files.writeString(
          logFile,
          Instant.now() + " " + line + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      new PrintWriter(System.err, true).println(line);
    }
  }

  long accepted() {
    return accepted.get();
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
