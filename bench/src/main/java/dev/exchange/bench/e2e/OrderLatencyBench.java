package dev.exchange.bench.e2e;

import dev.exchange.bench.support.Args;
import dev.exchange.bench.support.Json;
import dev.exchange.bench.support.KeepAliveHttp;
import dev.exchange.bench.support.Machine;
import dev.exchange.bench.support.Percentiles;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latency of the running exchange (what {@code ./exchange bench} runs): orders at a
 * fixed rate through {@code POST <base>/api/v1/orders} from many accounts, in crossing pairs, and
 * the time from each order's <em>scheduled</em> send time to the trade frame on WebSocket
 * subscribers of {@code <ws>/stream} ({@code SUBSCRIBE <symbol>@trade}). Trades are tied to the
 * bench's orders by trade id, through the accounts' private streams ({@code <ws>/ws/private}: fills
 * carry the {@code clientOrderId}); see {@link LatencyMatcher} and {@link RateSchedule}. Every
 * account also holds an {@code ORDER_FILLED} alert on its fills, and the report gives the alerts
 * job's latency under the same load: a fill's match time to its alert frame on the private stream.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.exchange.bench.e2e.OrderLatencyBench \
 *   --base-url http://localhost:8080 --ws-url ws://localhost:8080 --rate 2500 --seconds 60 \
 *   [--accounts K] [--symbol BTCUSDT] [--connections C] [--stack-pid PID --stack-data DIR] \
 *   [--idle-seconds 30] [--kafka localhost:9092]
 * </pre>
 *
 * With {@code --stack-pid} (the launcher's, from {@code <data>/stack.json}; {@code ./exchange
 * bench} passes it) the report adds the CPU of every process of the stack, read from {@code /proc},
 * over an idle window of {@code --idle-seconds} before any connection or order and over the load
 * ({@link StackCpu}); {@code --stack-data} (the stack's data folder) adds the processes that run
 * from it without being the launcher's children (PostgreSQL). With {@code --kafka} (the stack's
 * broker; {@code ./exchange bench} passes it) the report adds the accounts stage's own latency,
 * account-commands to orders, as a Kafka consumer sees it ({@link StageLatency}); against a secured
 * broker, the connection's other settings come from {@code EXCHANGE_KAFKA_*} (KafkaConnection).
 *
 * <p>Orders go over HTTP/1.1 keep-alive connections, at most {@code --connections} (default 64) at
 * once: a bounded pool like a real order gateway's, instead of one new connection per request in
 * flight, which under a backlog exhausts the proxy's connections and the client's sockets. An order
 * whose slot comes while every connection is busy is sent late, and its latency still counts from
 * its slot.
 *
 * <p>Tokens come from the dev issuer ({@code POST <base>/dev/token}). The report is printed and
 * appended to {@code docs/benchmarks.md} (system property {@code exchange.bench.report-file}
 * overrides the path; {@code exchange.bench.command} the command line written with it).
 */
public final class OrderLatencyBench {

  private static final Set<String> OPTIONS =
      Set.of(
          "base-url",
          "ws-url",
          "rate",
          "seconds",
          "accounts",
          "symbol",
          "connections",
          "stack-pid",
          "stack-data",
          "idle-seconds",
          "kafka");
  private static final int SUBSCRIBERS = 2;
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final URI ws;
  private final int rate;
  private final int seconds;
  private final int accountCount;
  private final String symbol;
  private final String run;
  private final int connections;
  private final long stackPid;
  private final Path stackData;
  private final int idleSeconds;
  private final String kafka;
  private final ExecutorService executor;
  private final HttpClient http;

  OrderLatencyBench(Args a) {
    base = URI.create(stripSlash(a.required("base-url")));
    ws = URI.create(stripSlash(a.required("ws-url")));
    rate = a.positiveInt("rate", 2500);
    seconds = a.positiveInt("seconds", 60);
    // The default per-account limit refills 50 requests/s: stay at or below half of it.
    accountCount = a.positiveInt("accounts", Math.max(4, (rate + 24) / 25));
    if (accountCount < 2) {
      throw new IllegalArgumentException(
          "--accounts must be at least 2 (pairs cross between accounts)");
    }
    symbol = a.string("symbol", "BTCUSDT").toUpperCase(Locale.ROOT);
    connections = a.positiveInt("connections", 64);
    stackPid = a.has("stack-pid") ? Long.parseLong(a.required("stack-pid")) : -1;
    stackData = a.has("stack-data") ? Path.of(a.required("stack-data")) : null;
    idleSeconds = a.has("idle-seconds") ? Integer.parseInt(a.required("idle-seconds")) : 30;
    kafka = a.has("kafka") ? a.required("kafka") : null;
    run = "b" + Long.toString(System.currentTimeMillis() % 2_000_000_000_000L, 36);
    executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "bench-http");
              t.setDaemon(true);
              return t;
            });
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(executor)
            .connectTimeout(HTTP_TIMEOUT)
            .build();
  }

  public static void main(String[] argv) throws Exception {
    Args a;
    try {
      a = Args.parse(argv, OPTIONS);
      a.required("base-url");
      a.required("ws-url");
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: OrderLatencyBench --base-url URL --ws-url URL --rate N --seconds S"
              + " [--accounts K] [--symbol S] [--connections C] [--stack-pid PID]"
              + " [--stack-data DIR]"
              + " [--idle-seconds S] [--kafka HOST:PORT]");
      System.exit(2);
      return;
    }
    String command =
        System.getProperty(
            "exchange.bench.command",
            "java -cp bench/target/benchmarks.jar "
                + OrderLatencyBench.class.getName()
                + " "
                + String.join(" ", argv));
    BenchReport report;
    try {
      report = new OrderLatencyBench(a).run(command);
    } catch (IOException e) {
      System.err.println("cannot reach the exchange: " + e);
      System.exit(1);
      return;
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(report.text());
    Path file = Path.of(System.getProperty("exchange.bench.report-file", "docs/benchmarks.md"));
    report.appendTo(file);
    System.out.println("appended to " + file.toAbsolutePath());
    if (report.statuses().getOrDefault(202, 0L) == 0) {
      System.err.println("no order was accepted: see the HTTP statuses above");
      System.exit(1);
    }
    if (report.join().tradesMeasured() == 0) {
      System.err.println(
          "no trade of the bench's orders reached the subscribers: is the matching job running,"
              + " and does the relay serve <ws>/stream and <ws>/ws/private?");
      System.exit(1);
    }
  }

  BenchReport run(String command) throws Exception {
    // The idle window comes first: the stack as it is without the bench's clients or orders.
    StackCpu.Sample idleStart = StackCpu.Sample.take(stackPid, stackData);
    if (stackPid > 0 && idleSeconds > 0) {
      System.out.printf(Locale.ROOT, "idle window: %d s without orders%n", idleSeconds);
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(idleSeconds));
    }
    StackCpu.Sample idleEnd = StackCpu.Sample.take(stackPid, stackData);
    String loadBefore = Machine.loadAverage();
    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, Object> instrument = instrument();
    OrderPlan plan = OrderPlan.from(instrument, depth());
    System.out.printf(
        Locale.ROOT,
        "%s: %,d orders/s for %d s, %d accounts, pairs of %s @ %s; run id %s%n",
        symbol,
        rate,
        seconds,
        accountCount,
        plan.quantity().toPlainString(),
        plan.price().toPlainString(),
        run);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < accountCount; i++) {
      tokens.add(token(run + "-acct" + i));
    }
    // Every account has an alert on each of its fills (ORDER_FILLED with partialFills): the alerts
    // job's latency under the same load, trade → alert frame on the owner's private stream.
    for (String token : tokens) {
      fillAlert(token);
    }
    Histogram alertMicros = new ConcurrentHistogram(600_000_000L, 3);
    long startNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    RateSchedule schedule = new RateSchedule(startNanos, rate, seconds);
    LatencyMatcher matcher = new LatencyMatcher(schedule, run);
    AtomicLong frames = new AtomicLong();
    HistoryLag history = new HistoryLag(http, base, symbol, System::currentTimeMillis);
    List<WebSocket> sockets = new ArrayList<>();
    for (String token : tokens) {
      sockets.add(
          open(
              ws.resolve(
                  "/ws/private?ticket="
                      + URLEncoder.encode(wsTicket(token), StandardCharsets.UTF_8)),
              text -> onPrivate(text, matcher, alertMicros)));
    }
    for (int i = 0; i < SUBSCRIBERS; i++) {
      CompletableFuture<Void> subscribed = new CompletableFuture<>();
      WebSocket socket =
          open(ws.resolve("/stream"), text -> onPublic(text, matcher, history, frames, subscribed));
      socket.sendText(
          "{\"method\":\"SUBSCRIBE\",\"params\":[\""
              + symbol.toLowerCase(Locale.ROOT)
              + "@trade\"],\"id\":1}",
          true);
      subscribed.get(10, TimeUnit.SECONDS);
      sockets.add(socket);
    }
    history.start();
    StageLatency stage =
        kafka == null ? null : new StageLatency(kafka, id -> matcher.slotOf(id) >= 0);
    StackCpu.Sample loadStart = StackCpu.Sample.take(stackPid, stackData);
    // Send: open loop. One thread hands each order to the sender threads when its slot comes and
    // never waits; each sender owns one keep-alive connection. An order that finds every sender
    // busy waits in the queue, and its latency still counts from its slot.
    Histogram ack = new ConcurrentHistogram(600_000_000L, 3);
    Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    Map<String, Long> transportErrors = new ConcurrentHashMap<>();
    AtomicLong outstanding = new AtomicLong();
    BlockingQueue<Long> due = new LinkedBlockingQueue<>();
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread t =
          new Thread(
              () -> send(due, schedule, plan, tokens, ack, statuses, transportErrors, outstanding),
              "bench-sender-" + c);
      t.setDaemon(true);
      t.start();
      senders.add(t);
    }
    long sent = 0;
    for (long k = 0; k < schedule.orders(); k++) {
      schedule.awaitSlot(k);
      outstanding.incrementAndGet();
      due.add(k);
      sent++;
    }
    double achieved = sent / ((System.nanoTime() - startNanos) / 1e9);
    awaitQuiet(() -> outstanding.get() == 0, outstanding::get, Duration.ofSeconds(15));
    // Trades still in flight: wait until no frame came for 5 s (at most 30 s).
    awaitQuiet(() -> false, frames::get, Duration.ofSeconds(30));
    for (WebSocket socket : sockets) {
      socket.abort();
    }
    senders.forEach(Thread::interrupt);
    StackCpu.Sample loadEnd = StackCpu.Sample.take(stackPid, stackData);
    history.stop(Duration.ofSeconds(60));
    Histogram historyMicros = new Histogram(600_000_000L, 3);
    HistoryLag.Outcome historyJoin = history.finish(historyMicros);
    Histogram trade = new Histogram(60_000_000L, 3);
    LatencyMatcher.Outcome join = matcher.finish(trade);
    Histogram alerts = alertMicros.copy();
    StageLatency.Outcome stageOutcome = null;
    if (stage != null) {
      stageOutcome = stage.finish();
      stage.close();
    }
    executor.shutdownNow();
    return new BenchReport(
        startedAt,
        command,
        symbol,
        rate,
        seconds,
        accountCount,
        SUBSCRIBERS,
        schedule.orders(),
        sent,
        Map.copyOf(statuses),
        Map.copyOf(transportErrors),
        achieved,
        Percentiles.ofMicros(trade),
        Percentiles.ofMicros(ack),
        join,
        Percentiles.ofMicros(historyMicros),
        historyJoin,
        Percentiles.ofMicros(alerts),
        loadBefore,
        Machine.loadAverage(),
        stackPid <= 0
            ? null
            : new StackCpu(
                idleSeconds > 0 ? idleStart.seconds(idleEnd) : 0,
                idleStart.until(idleEnd),
                loadStart.seconds(loadEnd),
                loadStart.until(loadEnd),
                idleEnd.self() - idleStart.self(),
                loadEnd.self() - loadStart.self(),
                sent),
        stageOutcome);
  }

  /** A sender thread: takes due orders, posts each over its own connection, records the answer. */
  private void send(
      BlockingQueue<Long> due,
      RateSchedule schedule,
      OrderPlan plan,
      List<String> tokens,
      Histogram ack,
      Map<Integer, Long> statuses,
      Map<String, Long> transportErrors,
      AtomicLong outstanding) {
    String path = base.resolve("/api/v1/orders").getRawPath();
    try (KeepAliveHttp connection = new KeepAliveHttp(base, (int) HTTP_TIMEOUT.toMillis())) {
      while (true) {
        long k = due.take();
        long scheduled = schedule.scheduledNanos(k);
        try {
          int status =
              connection.postJson(
                  path,
                  tokens.get(RateSchedule.account(k, accountCount)),
                  plan.body(symbol, k, LatencyMatcher.clientOrderId(run, k)));
          statuses.merge(status, 1L, Long::sum);
          ack.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
        } catch (IOException | RuntimeException e) {
          transportErrors.merge(errorKind(e), 1L, Long::sum);
        } finally {
          outstanding.decrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The root cause of a failed request, as its class and message, to tell failures apart. */
  static String errorKind(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + message.strip());
  }

  /** Waits until {@code done}, or until {@code progress} stopped changing for 5 s, or the bound. */
  private static void awaitQuiet(
      java.util.function.BooleanSupplier done,
      java.util.function.LongSupplier progress,
      Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    long last = progress.getAsLong();
    long lastChange = System.nanoTime();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      long now = progress.getAsLong();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(5)) {
        return;
      }
    }
  }

  static void onPublic(
      String text,
      LatencyMatcher matcher,
      HistoryLag history,
      AtomicLong frames,
      CompletableFuture<Void> subscribed) {
    long now = System.nanoTime();
    Map<String, Object> m = Json.object(text);
    if (m.containsKey("result") && Json.longValue(m, "id") == 1) {
      subscribed.complete(null);
      return;
    }
    if (m.get("error") != null) {
      subscribed.completeExceptionally(new IllegalStateException("SUBSCRIBE refused: " + text));
      return;
    }
    if (m.get("data") instanceof Map<?, ?> data) {
      @SuppressWarnings("unchecked")
      Map<String, Object> d = (Map<String, Object>) data;
      if ("trade".equals(Json.string(d, "e"))) {
        long tradeId = Json.longValue(d, "t");
        if (tradeId >= 0) {
          matcher.tradeReceived(tradeId, now);
          history.traded(tradeId, Json.longValue(d, "T"));
          frames.incrementAndGet();
        }
      }
    }
  }

  static void onPrivate(String text, LatencyMatcher matcher, Histogram alertMicros) {
    if (text.startsWith("{\"e\":\"alert\"")) {
      // An ORDER_FILLED firing: from the fill's match time to its frame on the owner's stream.
      long time = Json.longValue(Json.object(text), "T");
      alertMicros.recordValue(Math.max(0, System.currentTimeMillis() - time) * 1000);
      return;
    }
    if (!text.contains("TRADE")) {
      return; // NEW, CANCELED and the like: not parsed, the load generator's CPU is measured too
    }
    Map<String, Object> m = Json.object(text);
    if ("executionReport".equals(Json.string(m, "e")) && "TRADE".equals(Json.string(m, "x"))) {
      matcher.filled(Json.string(m, "c"), Json.longValue(m, "t"));
    }
  }

  private WebSocket open(URI uri, Consumer<String> onText) throws Exception {
    return http.newWebSocketBuilder()
        .connectTimeout(HTTP_TIMEOUT)
        .buildAsync(uri, new TextListener(onText))
        .get(HTTP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private Map<String, Object> instrument() throws IOException, InterruptedException {
    HttpResponse<String> r = get(base.resolve("/api/v1/instruments"));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "GET /api/v1/instruments answered " + r.statusCode() + ": " + r.body());
    }
    if (!(Json.parse(r.body()) instanceof List<?> list)) {
      throw new IllegalStateException("GET /api/v1/instruments is not an array: " + r.body());
    }
    List<String> known = new ArrayList<>();
    for (Object o : list) {
      if (o instanceof Map<?, ?> i) {
        known.add(String.valueOf(i.get("symbol")));
        if (symbol.equals(i.get("symbol"))) {
          @SuppressWarnings("unchecked")
          Map<String, Object> found = (Map<String, Object>) i;
          return found;
        }
      }
    }
    throw new IllegalArgumentException("unknown symbol " + symbol + "; listed: " + known);
  }

  /** The current book from the relay's REST (through the same origin), or null if unavailable. */
  private Map<String, Object> depth() {
    try {
      HttpResponse<String> r = get(base.resolve("/api/v3/depth?symbol=" + symbol + "&limit=5"));
      return r.statusCode() == 200 ? Json.object(r.body()) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private String token(String account) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/dev/token"))
                .timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"account\":\"" + account + "\",\"admin\":false}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String token =
        r.statusCode() == 200 ? Json.string(Json.object(r.body()), "access_token") : null;
    if (token == null) {
      throw new IllegalStateException(
          "POST /dev/token answered " + r.statusCode() + ": " + r.body());
    }
    return token;
  }

  /** An ORDER_FILLED alert on every fill of the token's account on the bench's symbol. */
  private void fillAlert(String token) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/alerts"))
                .timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"symbol\":\""
                            + symbol
                            + "\",\"type\":\"ORDER_FILLED\",\"partialFills\":true,"
                            + "\"clientAlertId\":\"bench-fills\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw new IllegalStateException(
          "POST /api/v1/alerts answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** A single-use ticket for the private stream (POST /api/v1/ws-ticket). */
  private String wsTicket(String token) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/ws-ticket"))
                .timeout(HTTP_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String ticket = r.statusCode() == 200 ? Json.string(Json.object(r.body()), "ticket") : null;
    if (ticket == null) {
      throw new IllegalStateException(
          "POST /api/v1/ws-ticket answered " + r.statusCode() + ": " + r.body());
    }
    return ticket;
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Collects whole text messages and hands them on; a handler error is printed, not fatal. */
  private static final class TextListener implements WebSocket.Listener {
    private final Consumer<String> onText;
    private StringBuilder partial;

    TextListener(Consumer<String> onText) {
      this.onText = onText;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      if (!last) {
        (partial == null ? partial = new StringBuilder() : partial).append(data);
      } else {
        String text = partial == null ? data.toString() : partial.append(data).toString();
        partial = null;
        try {
          onText.accept(text);
        } catch (RuntimeException e) {
          System.err.println("cannot handle frame: " + e.getMessage());
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      System.err.println("WebSocket closed by the server: " + statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      System.err.println("WebSocket error: " + error);
    }
  }
}
