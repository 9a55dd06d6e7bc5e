package dev.exchange.history.bench;

import dev.exchange.history.klines.Buckets;
import dev.exchange.history.klines.KlineInterval;
import dev.exchange.history.rows.Kline;
import dev.exchange.history.testing.CandleFixture;
import dev.exchange.history.testing.ColdTier;
import dev.exchange.history.testing.HotTier;
import dev.exchange.history.testing.TradeFixture;
import dev.exchange.history.testing.TradeGenerator;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.service.testing.InstrumentsTopic;
import dev.exchange.service.testing.TestTokens;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Load generator for history-service against the real jar (docs/benchmarks.md, "history-service").
 * Starts PostgreSQL, the S3 server and Kafka (local-services), seeds 400 days of dense 1m candles
 * of BTCUSDT (the last 30 in the hot tier with every stored interval, everything in the Iceberg
 * cold tier as the lakehouse job writes it: {@code candles_1m} and the hourly fold of the same
 * minutes in {@code candles_1h}) and 3 days of trades in the hot tier, starts {@code
 * history-service/target/history-service.jar} as a child JVM with the default hot retention (30d),
 * and measures sequential requests over HTTP:
 *
 * <ul>
 *   <li>1000 candles from the hot tier ({@code /api/v3/klines?interval=1m&limit=1000}, latest)
 *   <li>one year of 1h candles spanning the cold tier ({@code /api/v1/history/klines}, 8784 rows),
 *       the first request (cold days read from {@code candles_1h}) and cached ones; then the first
 *       request of each of 10 more symbols (same hours, {@code candles_1h} and hot 1h only):
 *       uncached reads once the service's code is warm
 *   <li>a page of 1000 trades ({@code /api/v1/history/trades}, keyset cursor walk)
 * </ul>
 *
 * <pre>
 * ./mvnw -B -q -pl history-service -am package -DskipTests
 * ./mvnw -B -q -pl history-service -am -o test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
 * java -cp history-service/target/test-classes:history-service/target/classes:$(cat history-service/target/bench-cp.txt) \
 *     dev.exchange.history.bench.HistoryBench [workDir]
 * </pre>
 *
 * <p>{@code -Dbench.service-jvm-args="..."} adds options to the service's JVM, e.g. {@code
 * -XX:StartFlightRecording=filename=history.jfr,settings=profile} to profile the tail.
 */
public final class HistoryBench {

  private static final String SYMBOL = "BTCUSDT";

  /**
   * Symbols with the same hours as BTCUSDT in {@code candles_1h} and the hot tier's 1h candles
   * only: their year requests are the uncached reads of a service whose code is warm.
   */
  private static final List<String> OTHERS =
      List.of(
          "ETHUSDT",
          "SOLUSDT",
          "XRPUSDT",
          "ADAUSDT",
          "DOTUSDT",
          "LTCUSDT",
          "BNBUSDT",
          "TRXUSDT",
          "AVAXUSDT",
          "LINKUSDT");

  private static final long DAY = 86_400_000L;

  private HistoryBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "history-service/target/bench");
    Path jar = Path.of("history-service/target/history-service.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the jar first: " + jar.toAbsolutePath());
    }
    Files.createDirectories(work);
    try (PostgresServer pg = PostgresServer.start(work.resolve("postgres"));
        S3Server s3 = S3Server.start(work.resolve("s3"));
        KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"))) {
      kafka.createExchangeTopics(4);
      long now = System.currentTimeMillis();
      LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
      long hotStart = today.minusDays(30).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
      long start = today.minusDays(400).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();

      ColdTier cold = ColdTier.create(pg, s3);
      // Only the trades' times outlive seeding, so the fixtures are garbage before measuring.
      long[] tradeTimes = seed(pg, kafka, cold, start, hotStart, now);
      int port = 18_082;
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx1g");
      String jvmArgs = System.getProperty("bench.service-jvm-args", "").trim();
      if (!jvmArgs.isEmpty()) {
        command.addAll(List.of(jvmArgs.split("\\s+")));
      }
      command.addAll(List.of("-jar", jar.toString()));
      command.add("--server.port=" + port);
      command.add("--management.server.port=" + (port + 1));
      command.add("--spring.datasource.url=" + pg.jdbcUrl("exchange"));
      command.add("--spring.datasource.username=" + pg.user());
      command.add("--spring.datasource.password=" + pg.password());
      command.add("--exchange.kafka.bootstrap-servers=" + kafka.bootstrapServers());
      TestTokens.serviceSettings().forEach((k, v) -> command.add("--" + k + "=" + v));
      cold.properties().forEach((k, v) -> command.add("--exchange.lakehouse." + k + "=" + v));
      File log = work.resolve("history-service.log").toFile();
      Process service =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(log))
              .start();
      Client client = new Client(port);
      try {
        client.awaitReady(service, Duration.ofMinutes(3));
        System.gc();
        run(client, now, tradeTimes);
        // The service connects the lake and reads one file per candle table in the background
        // after start (ColdStoreWarmUp); what that one-time cost was:
        try (var lines = Files.lines(log.toPath())) {
          lines
              .filter(l -> l.contains("cold tier warmed up in"))
              .forEach(l -> System.out.println(l.substring(l.indexOf("cold tier warmed up in"))));
        }
      } finally {
        client.close();
        service.destroy();
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
          service.destroyForcibly();
        }
        cold.close();
      }
    }
  }

  /** Seeds both tiers and the instruments; answers the seeded trades' times, ascending. */
  private static long[] seed(
      PostgresServer pg, KafkaBroker kafka, ColdTier cold, long start, long hotStart, long now)
      throws Exception {
    long t0 = System.nanoTime();
    pg.createDatabase("exchange");
    HotTier hot =
        HotTier.migrate(
            pg.jdbcUrl("exchange"), pg.user(), pg.password(), pg.dataSource("exchange"));
    List<Kline> minutes = minutes(start, now - 60_000);
    List<CandleFixture> hot1m = new ArrayList<>();
    for (Kline k : minutes) {
      if (k.openTime() >= hotStart) {
        hot1m.add(fixture(k, KlineInterval.M1));
      }
    }
    hot.insertCandles("1m", hot1m);
    List<Kline> hotMinutes = minutes.stream().filter(k -> k.openTime() >= hotStart).toList();
    for (KlineInterval i :
        List.of(
            KlineInterval.M5,
            KlineInterval.M15,
            KlineInterval.H1,
            KlineInterval.H4,
            KlineInterval.D1)) {
      hot.insertCandles(
          i.code(), Buckets.fold(hotMinutes, i).stream().map(k -> fixture(k, i)).toList());
    }
    List<TradeFixture> trades =
        new TradeGenerator(SYMBOL, 3).between(now - 3 * DAY, now - 60_000, 3_000);
    for (int i = 0; i < trades.size(); i += 20_000) {
      hot.insertTrades(trades.subList(i, Math.min(trades.size(), i + 20_000)));
    }
    System.out.printf(
        "hot tier: %d 1m candles, %d trades (%.1f s)%n",
        hot1m.size(), trades.size(), (System.nanoTime() - t0) / 1e9);

    t0 = System.nanoTime();
    List<CandleFixture> all1m = minutes.stream().map(k -> fixture(k, KlineInterval.M1)).toList();
    cold.appendCandles1m(all1m);
    // The hours the market-data job closes are the fold of its minutes; the last (open) hour is
    // not stored.
    List<CandleFixture> all1h =
        Buckets.fold(minutes, KlineInterval.H1).stream()
            .filter(k -> k.openTime() + 3_600_000L <= now)
            .map(k -> fixture(k, KlineInterval.H1))
            .toList();
    cold.appendCandles1h(all1h);
    List<Kline> hours = Buckets.fold(minutes, KlineInterval.H1);
    for (String other : OTHERS) {
      cold.appendCandles1h(
          hours.stream()
              .filter(k -> k.openTime() + 3_600_000L <= now)
              .map(k -> fixture(other, k, KlineInterval.H1))
              .toList());
      hot.insertCandles(
          "1h",
          hours.stream()
              .filter(k -> k.openTime() >= hotStart)
              .map(k -> fixture(other, k, KlineInterval.H1))
              .toList());
    }
    System.out.printf(
        "cold tier: %d 1m candles, %d 1h candles (%.1f s)%n",
        all1m.size(), all1h.size(), (System.nanoTime() - t0) / 1e9);
    publishInstrument(kafka, SYMBOL);
    for (String other : OTHERS) {
      publishInstrument(kafka, other);
    }

    return trades.stream().mapToLong(TradeFixture::time).toArray();
  }

  private static void run(Client client, long now, long[] tradeTimes) throws Exception {
    String hotKlines = "/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1000";
    measure(client, "1000 1m candles, hot tier (/api/v3/klines)", hotKlines, 2000, 3000, 990);

    String hourly =
        "/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1000&startTime=" + (now - 20 * DAY);
    measure(client, "480 1h candles, hot tier (/api/v3/klines)", hourly, 300, 2000, -1);

    long yearAgo = now - 366 * DAY;
    String year =
        "/api/v1/history/klines?symbol=BTCUSDT&interval=1h&limit=8784&startTime=" + yearAgo;
    long yearStart = System.nanoTime();
    String yearBody = client.text(year);
    System.out.printf(
        "one year of 1h candles, first request (cold days read from candles_1h): %d rows in %.0f"
            + " ms%n",
        yearBody.split("\\},\\{").length, (System.nanoTime() - yearStart) / 1e6);
    measure(client, "one year of 1h candles across the seam (own API)", year, 0, 50, 8000);
    Histogram uncached = new Histogram(3);
    for (String other : OTHERS) {
      long s = System.nanoTime();
      String body = client.text(year.replace(SYMBOL, other));
      uncached.recordValue((System.nanoTime() - s) / 1000);
      if (body.split("\\},\\{").length < 8000) {
        throw new IllegalStateException(other + ": expected a year of hours");
      }
    }
    report("one year of 1h candles, first request per symbol (uncached)", uncached);

    Random random = new Random(1);
    long first = tradeTimes[0];
    Histogram pages = new Histogram(3);
    for (int i = 0; i < 3200; i++) {
      long from = tradeTimes[random.nextInt(tradeTimes.length - 2_000)];
      String path =
          "/api/v1/history/trades?symbol=BTCUSDT&limit=1000&startTime=" + Math.max(first, from);
      long s = System.nanoTime();
      byte[] page = client.get(path);
      long micros = (System.nanoTime() - s) / 1000;
      String body = new String(page, StandardCharsets.UTF_8);
      if (!body.contains("\"tradeId\"")) {
        throw new IllegalStateException("no trades in " + body.substring(0, 200));
      }
      if (i >= 200) {
        pages.recordValue(micros);
      }
    }
    report("page of 1000 trades (own API, keyset)", pages);
    String recent = "/api/v3/trades?symbol=BTCUSDT&limit=1000";
    measure(client, "1000 recent trades (/api/v3/trades)", recent, 300, 3000, -1);
  }

  private static void measure(
      Client client, String name, String path, int warmup, int count, int expectRows)
      throws Exception {
    Histogram h = new Histogram(3);
    int rows = 0;
    for (int i = 0; i < warmup + count; i++) {
      long s = System.nanoTime();
      byte[] body = client.get(path);
      long micros = (System.nanoTime() - s) / 1000;
      if (i >= warmup) {
        h.recordValue(micros);
      }
      if (i == 0) {
        rows = new String(body, StandardCharsets.UTF_8).split("\\],\\[|\\},\\{").length;
      }
    }
    if (rows < expectRows) {
      throw new IllegalStateException(
          name + ": expected at least " + expectRows + " rows, got " + rows);
    }
    System.out.printf("%s: %d rows%n", name, rows);
    report(name, h);
  }

  private static void report(String name, Histogram h) {
    System.out.printf(
        "%-55s n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms%n",
        name,
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0,
        h.getMaxValue() / 1000.0);
  }

  /** Dense 1m candles with a random-walk price, 2 decimals, quantities with 5. */
  private static List<Kline> minutes(long from, long to) {
    Random random = new Random(5);
    List<Kline> out = new ArrayList<>();
    long price = 3_000_000;
    long id = 1;
    for (long t = from; t < to; t += 60_000) {
      long open = price;
      price = Math.max(100, price + random.nextInt(2001) - 1000);
      long high = Math.max(open, price) + random.nextInt(100);
      long low = Math.min(open, price) - random.nextInt(100);
      long trades = 1 + random.nextInt(50);
      BigDecimal volume = BigDecimal.valueOf(1 + random.nextInt(10_000_000), 5);
      BigDecimal quote = volume.multiply(BigDecimal.valueOf(price, 2));
      out.add(
          new Kline(
              t,
              BigDecimal.valueOf(open, 2),
              BigDecimal.valueOf(high, 2),
              BigDecimal.valueOf(low, 2),
              BigDecimal.valueOf(price, 2),
              volume,
              quote,
              trades,
              volume,
              quote,
              id,
              id + trades - 1,
              2,
              5));
      id += trades;
    }
    return out;
  }

  private static CandleFixture fixture(Kline k, KlineInterval interval) {
    return fixture(SYMBOL, k, interval);
  }

  private static CandleFixture fixture(String symbol, Kline k, KlineInterval interval) {
    return new CandleFixture(
        symbol,
        k.openTime(),
        interval.closeTime(k.openTime()),
        k.open(),
        k.high(),
        k.low(),
        k.close(),
        k.volume(),
        k.quoteVolume(),
        k.trades(),
        k.takerBuyVolume(),
        k.takerBuyQuoteVolume(),
        k.firstTradeId(),
        k.lastTradeId());
  }

  private static void publishInstrument(KafkaBroker kafka, String symbol) throws Exception {
    InstrumentSpec spec =
        new InstrumentSpec(
            symbol,
            symbol.substring(0, symbol.length() - 4),
            "USDT",
            InstrumentStatus.TRADING,
            2,
            5,
            1,
            1,
            10,
            100_00000L,
            5_0000000L,
            200);
    InstrumentsTopic.publish(kafka.bootstrapServers(), spec);
  }

  /**
   * Sequential HTTP/1.1 GETs on one keep-alive socket, read straight into a byte array: the
   * measured time is the service's answer and the loopback, without the thread hand-offs and string
   * decoding of a general-purpose client.
   */
  private static final class Client {
    private final int port;
    private Socket socket;
    private BufferedInputStream in;
    private OutputStream out;

    Client(int port) {
      this.port = port;
    }

    String text(String path) throws IOException {
      return new String(get(path), StandardCharsets.UTF_8);
    }

    byte[] get(String path) throws IOException {
      try {
        if (socket == null) {
          socket = new Socket("localhost", port);
          socket.setTcpNoDelay(true);
          in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
          out = socket.getOutputStream();
        }
        out.write(
            ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line();
        int length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
          String lower = header.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            length = Integer.parseInt(lower.substring(15).trim());
          } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
            chunked = true;
          } else if (lower.startsWith("connection:") && lower.contains("close")) {
            close = true;
          }
        }
        byte[] body = chunked ? chunked() : in.readNBytes(length);
        if (close) {
          close();
        }
        if (!status.startsWith("HTTP/1.1 200")) {
          throw new IllegalStateException(
              path + " answered " + status + ": " + new String(body, StandardCharsets.UTF_8));
        }
        return body;
      } catch (IOException e) {
        close();
        throw e;
      }
    }

    private byte[] chunked() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 18);
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
          size > 0;
          size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        body.write(in.readNBytes(size));
        line();
      }
      line();
      return body.toByteArray();
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new EOFException("connection closed by the service");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a broken connection
        }
        socket = null;
      }
    }

    void awaitReady(Process service, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!service.isAlive()) {
          throw new IllegalStateException("history-service exited; see its log");
        }
        try {
          if (text("/api/v3/exchangeInfo").contains(SYMBOL)) {
            return;
          }
        } catch (Exception notYet) {
          // the service is still starting
        }
        TimeUnit.MILLISECONDS.sleep(500);
      }
      throw new IllegalStateException("history-service did not become ready in " + timeout);
    }
  }
}
