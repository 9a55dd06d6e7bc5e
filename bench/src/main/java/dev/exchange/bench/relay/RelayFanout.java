package dev.exchange.bench.relay;

import dev.exchange.bench.support.Args;
import dev.exchange.bench.support.Machine;
import dev.exchange.bench.support.Percentiles;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.model.EventSerde;
import dev.exchange.model.KafkaConnection;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.PriceLevel;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Trade;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * ws-relay fan-out benchmark: many WebSocket subscribers on one relay, trades (and optionally book
 * deltas) produced into Kafka at a fixed rate, latency from the record's <em>scheduled</em> produce
 * time to its receipt by each subscriber (HdrHistogram; a late producer counts against the result,
 * so coordinated omission is accounted for).
 *
 * <p>With {@code --relay-url} and {@code --bootstrap} it measures a running system; against a
 * secured broker the connection's other settings come from {@code EXCHANGE_KAFKA_*}
 * (KafkaConnection).
 *
 * <p>Without {@code --relay-url} it starts a real Kafka broker (local-services) and the relay jar
 * as its own JVM ({@code --relay-heap}, default 2g; {@code --relay-jvm}, default ZGC; a GC log
 * beside it), both under {@code --dir}. Subscribers are {@link LeanWebSockets} on {@code --clients}
 * selector threads ({@code --client jdk}: the JDK's WebSocket client, which costs the load
 * generator about four times the CPU). At the end the relay's own latency split is read from its
 * Prometheus endpoint. Connection {@code i} subscribes to symbol {@code i % symbols} via {@code
 * /ws/<s>@trade[/<s>@depth]}, so every record is broadcast to {@code connections / symbols}
 * subscribers. Symbols are unique per run, so a long-running relay's duplicate filter (by trade id
 * and update id) never hides a record of this run.
 *
 * <p>The send time of record {@code id} of a symbol is kept in the tool (same JVM, {@link
 * System#nanoTime}), found again by the frame's {@code t} (trade id) or {@code u} (update id).
 *
 * <pre>
 * ulimit -n 20000
 * java -cp bench/target/benchmarks.jar dev.exchange.bench.relay.RelayFanout \
 *   --connections 10000 --symbols 10 --rate 5 --seconds 30 --warmup 10
 * </pre>
 */
public final class RelayFanout {

  private static final int RING = 1 << 16;

  /** The relay's heap: Tomcat holds about 70 KB of buffers per connection (docs/ws-relay.md). */
  private static final String RELAY_HEAP = "2g";

  /** ZGC: no young-collection pauses (G1 paused 24-37 ms once per 30 s run, docs/ws-relay.md). */
  private static final String RELAY_JVM = "-XX:+UseZGC -XX:+AlwaysPreTouch";

  private static final Set<String> OPTIONS =
      Set.of(
          "relay-url",
          "bootstrap",
          "relay-jar",
          "relay-heap",
          "relay-jvm",
          "dir",
          "connections",
          "symbols",
          "streams",
          "rate",
          "seconds",
          "warmup",
          "clients",
          "client",
          "connect-parallelism",
          "relay-arg",
          "kafka-warmup");

  private final int connections;
  private final int symbols;
  private final boolean depth;
  private final int rate;
  private final int seconds;
  private final int warmup;
  private final int kafkaWarmup;
  private final int clientCount;
  private final String client;
  private final int connectParallelism;
  private final String[] symbolNames;

  /**
   * Unique per run, so a long-running relay's duplicate filter never hides a record of this run.
   */
  private final String run;

  private final AtomicLongArray tradeSent;
  private final AtomicLongArray depthSent;
  private final Recorder recorder = new Recorder(60_000_000L, 3);
  private final Recorder kafkaRecorder = new Recorder(60_000_000L, 3);
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong unmatched = new AtomicLong();
  private final AtomicInteger closed = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private volatile long measureFromNanos = Long.MAX_VALUE;

  private RelayFanout(Args a) {
    connections = a.positiveInt("connections", 10_000);
    symbols = a.positiveInt("symbols", 10);
    String streams = a.string("streams", "trade");
    if (!Set.of("trade", "trade,depth").contains(streams)) {
      throw new IllegalArgumentException(
          "--streams is 'trade' or 'trade,depth', got '" + streams + "'");
    }
    depth = streams.contains("depth");
    rate = a.positiveInt("rate", 100);
    seconds = a.positiveInt("seconds", 60);
    warmup = a.positiveInt("warmup", 15);
    kafkaWarmup = a.positiveInt("kafka-warmup", 20_000);
    clientCount = a.positiveInt("clients", 2);
    client = a.string("client", "lean");
    if (!Set.of("lean", "jdk").contains(client)) {
      throw new IllegalArgumentException("--client is 'lean' or 'jdk', got '" + client + "'");
    }
    connectParallelism = a.positiveInt("connect-parallelism", 200);
    run =
        Long.toString(System.currentTimeMillis() / 1000 % 2_000_000_000L, 36)
            .toUpperCase(Locale.ROOT);
    symbolNames = new String[symbols];
    for (int i = 0; i < symbols; i++) {
      symbolNames[i] = String.format(Locale.ROOT, "R%sS%04d", run, i);
    }
    tradeSent = new AtomicLongArray(symbols * RING);
    depthSent = new AtomicLongArray(symbols * RING);
  }

  public static void main(String[] argv) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Args a = Args.parse(argv, OPTIONS);
    RelayFanout bench = new RelayFanout(a);
    Path dir = Path.of(a.string("dir", "bench/target/relay-fanout")).toAbsolutePath();
    if (a.has("relay-url")) {
      bench.run(URI.create(a.required("relay-url")), a.required("bootstrap"), null);
      return;
    }
    List<String> relayArgs = new ArrayList<>();
    if (a.has("relay-arg")) {
      relayArgs.addAll(List.of(a.string("relay-arg", "").split(" ")));
    }
    List<String> relayJvm = List.of(a.string("relay-jvm", RELAY_JVM).trim().split(" +"));
    System.out.println("starting Kafka and the relay under " + dir);
    try (KafkaBroker kafka =
        KafkaBroker.start(dir.resolve("kafka-" + System.currentTimeMillis()))) {
      kafka.createExchangeTopics(4);
      try (RelayProcess relay =
          RelayProcess.start(
              Path.of(a.string("relay-jar", "ws-relay/target/ws-relay.jar")).toAbsolutePath(),
              dir,
              kafka.bootstrapServers(),
              a.string("relay-heap", RELAY_HEAP),
              relayJvm,
              relayArgs)) {
        bench.run(URI.create("ws://localhost:" + relay.port()), kafka.bootstrapServers(), relay);
      }
    }
  }

  private void run(URI relay, String bootstrap, RelayProcess process) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "relay %s, %,d connections over %d symbols (%,d subscribers per stream), streams %s,"
            + " %d records/s for %d s after %d s warm-up, %d %s client thread(s)%n",
        relay,
        connections,
        symbols,
        connections / symbols,
        depth ? "trade+depth" : "trade",
        rate,
        seconds,
        warmup,
        clientCount,
        client);
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      if (depth) {
        for (String s : symbolNames) {
          BookSnapshot snapshot =
              new BookSnapshot(s, 0L, System.currentTimeMillis(), List.of(), List.of(), 2, 4);
          producer.send(record(Topics.BOOK, s, EventSerde.encode(snapshot)));
        }
        producer.flush();
      }
      List<HttpClient> clients = new ArrayList<>();
      List<ExecutorService> executors = new ArrayList<>();
      List<WebSocket> sockets = List.of();
      LeanWebSockets lean = null;
      if (client.equals("jdk")) {
        for (int i = 0; i < clientCount; i++) {
          ExecutorService ex = Executors.newFixedThreadPool(2, daemon("ws-client-" + i));
          executors.add(ex);
          clients.add(HttpClient.newBuilder().executor(ex).build());
        }
        sockets = connect(relay, clients);
      } else {
        lean = connectLean(relay);
      }
      Thread probe = new Thread(() -> probeKafka(bootstrap), "kafka-probe");
      probe.setDaemon(true);
      probe.start();
      warmKafka(producer);
      // Subscriptions by path take effect right after the handshake; the warm-up covers the rest.
      long start = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      measureFromNanos = start + TimeUnit.SECONDS.toNanos(warmup);
      long cpuAtMeasure = -1;
      long selfCpuAtMeasure = 0;
      long selfGcAtMeasure = 0;
      long gcLogAtMeasure = 0;
      long periodNanos = 1_000_000_000L / rate;
      long total = (long) rate * (warmup + seconds);
      long[] nextId = new long[symbols];
      long nextReport = measureFromNanos + TimeUnit.SECONDS.toNanos(5);
      Histogram interval = null;
      Histogram all = new Histogram(60_000_000L, 3);
      for (long n = 0; n < total; n++) {
        long scheduled = start + n * periodNanos;
        long wait;
        while ((wait = scheduled - System.nanoTime()) > 0) {
          LockSupport.parkNanos(Math.min(wait, 200_000));
        }
        if (cpuAtMeasure < 0 && scheduled >= measureFromNanos) {
          cpuAtMeasure = process == null ? 0 : process.cpuMillis();
          selfCpuAtMeasure = selfCpuMillis();
          selfGcAtMeasure = gcMillis();
          gcLogAtMeasure = process == null ? 0 : size(process.gcLog());
        }
        int s = (int) (n % symbols);
        long id = ++nextId[s];
        String symbol = symbolNames[s];
        tradeSent.set(s * RING + (int) (id & (RING - 1)), scheduled);
        producer.send(record(Topics.TRADES, symbol, EventSerde.encode(trade(symbol, id))));
        if (depth) {
          depthSent.set(s * RING + (int) (id & (RING - 1)), scheduled);
          producer.send(record(Topics.BOOK, symbol, EventSerde.encode(delta(symbol, id))));
        }
        if (scheduled >= nextReport) {
          nextReport += TimeUnit.SECONDS.toNanos(5);
          interval = recorder.getIntervalHistogram(interval);
          all.add(interval);
          System.out.printf(
              Locale.ROOT,
              "  last 5 s: %s; %,d frames received so far; open %,d, closed %,d, load %s%n",
              Percentiles.ofMicros(interval).line(),
              received.get(),
              open.get(),
              closed.get(),
              Machine.loadAverage());
        }
      }
      // Let the last frames arrive: until nothing came for a second, at most 10 s.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      long seen = -1;
      while (System.nanoTime() < deadline && received.get() != seen) {
        seen = received.get();
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      }
      long cpuEnd = process == null ? -1 : process.cpuMillis();
      long selfCpu = selfCpuMillis() - selfCpuAtMeasure;
      long selfGc = gcMillis() - selfGcAtMeasure;
      interval = recorder.getIntervalHistogram(interval);
      all.add(interval);
      report(all, cpuAtMeasure, cpuEnd);
      System.out.printf(
          Locale.ROOT,
          "  load generator (this JVM, %d client(s)): CPU %.2f cores, GC %d ms over the measured"
              + " period%n",
          clientCount,
          selfCpu / 1000.0 / seconds,
          selfGc);
      if (process != null) {
        System.out.println("  relay split (last ~30 s, from its /actuator/prometheus):");
        String metrics = process.metrics();
        for (String[] timer : SPLIT) {
          System.out.printf(Locale.ROOT, "    %-44s %s%n", timer[1], quantiles(metrics, timer[0]));
        }
        System.out.println(
            "  relay GC pauses in the measured period: "
                + gcPauses(process.gcLog(), gcLogAtMeasure));
      }
      probe.interrupt();
      for (WebSocket ws : sockets) {
        ws.abort();
      }
      if (lean != null) {
        lean.close();
      }
      for (ExecutorService ex : executors) {
        ex.shutdownNow();
      }
    }
  }

  private static final String[][] SPLIT = {
    {"relay_feed_poll_lag_seconds", "record -> relay poll (Kafka):"},
    {"relay_feed_dispatch_seconds", "relay poll -> record applied and handed on:"},
    {"relay_fanout_seconds", "publish -> last send issued (fan-out, per lane):"},
    {"relay_feed_delivered_lag_seconds", "record -> handed on (inline: last send issued):"},
  };

  /** {@code p50 … p99.9} of one Micrometer timer's published percentiles, in ms. */
  private static String quantiles(String metrics, String name) {
    StringBuilder out = new StringBuilder();
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + "{") && line.contains("quantile=\"")) {
        int q = line.indexOf("quantile=\"") + 10;
        String quantile = line.substring(q, line.indexOf('"', q));
        BigDecimal ms =
            new BigDecimal(line.substring(line.lastIndexOf(' ') + 1).trim())
                .multiply(BigDecimal.valueOf(1000))
                .setScale(2, RoundingMode.HALF_UP);
        out.append("p")
            .append(new BigDecimal(quantile).movePointRight(2).stripTrailingZeros().toPlainString())
            .append(' ')
            .append(ms.toPlainString())
            .append(" ms  ");
      }
    }
    return out.length() == 0 ? "(not published)" : out.toString().trim();
  }

  /**
   * Count, total and longest of the {@code Pause …ms} lines written to the GC log after {@code
   * from}.
   */
  private static String gcPauses(Path gcLog, long from) {
    try {
      byte[] all = Files.readAllBytes(gcLog);
      String text =
          new String(
              all,
              (int) Math.min(from, all.length),
              (int) Math.max(0, all.length - from),
              StandardCharsets.UTF_8);
      Matcher m = PAUSE.matcher(text);
      int count = 0;
      BigDecimal total = BigDecimal.ZERO;
      BigDecimal max = BigDecimal.ZERO;
      while (m.find()) {
        BigDecimal ms = new BigDecimal(m.group(1));
        count++;
        total = total.add(ms);
        max = max.max(ms);
      }
      return count
          + " pauses, "
          + total.toPlainString()
          + " ms in all, longest "
          + max.toPlainString()
          + " ms ("
          + gcLog
          + ")";
    } catch (IOException e) {
      return "no GC log: " + e;
    }
  }

  private static final Pattern PAUSE =
      Pattern.compile("Pause [^\\n]*? ([0-9]+\\.[0-9]+)ms$", Pattern.MULTILINE);

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static long selfCpuMillis() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
  }

  private static long gcMillis() {
    long ms = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += Math.max(0, gc.getCollectionTime());
    }
    return ms;
  }

  private void report(Histogram all, long cpuStart, long cpuEnd) {
    Percentiles p = Percentiles.ofMicros(all);
    long expected = (long) connections / symbols * rate * seconds * (depth ? 2 : 1);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "RESULT %s: %,d connections, %d symbols, %s, %d records/s, %d s measured%n",
        LocalDate.now(),
        connections,
        symbols,
        depth ? "trade+depth" : "trade",
        rate,
        seconds);
    System.out.println("  record -> client latency: " + p.line());
    System.out.println(
        "  record -> plain Kafka consumer (same trades, no relay): "
            + Percentiles.ofMicros(kafkaRecorder.getIntervalHistogram()).line());
    System.out.printf(
        Locale.ROOT,
        "  frames measured %,d of %,d expected (%.2f%%), %,d received in all (warm-up included);"
            + " unmatched %,d; connections open %,d, closed %,d%n",
        all.getTotalCount(),
        expected,
        100.0 * all.getTotalCount() / expected,
        received.get(),
        unmatched.get(),
        open.get(),
        closed.get());
    if (cpuStart >= 0 && cpuEnd >= 0) {
      System.out.printf(
          Locale.ROOT,
          "  relay CPU %.2f cores over the measured period%n",
          (cpuEnd - cpuStart) / 1000.0 / seconds);
    }
    System.out.println(
        "  load average " + Machine.loadAverage() + " (" + Machine.cores() + " cores)");
    System.out.printf(
        Locale.ROOT,
        "| %s | %,d | %d | %s | %,d/s | %s | %s |%n",
        LocalDate.now(),
        connections,
        symbols,
        depth ? "trade+depth" : "trade",
        rate,
        p.cells(),
        Machine.loadAverage());
  }

  /**
   * Before the schedule starts: {@code --kafka-warmup} trades of 16 symbols that nobody subscribes
   * to, at 2,000/s. The scheduled records alone (a few per second) leave the broker's, the relay
   * consumer's and this tool's producer and probe paths interpreted for most of a run, which is not
   * how they run in an exchange that trades all day; the relay's fan-out is warmed by the {@code
   * --warmup} seconds as before. The names end in a letter, so neither the probe nor the frame
   * matching counts them.
   */
  private void warmKafka(KafkaProducer<byte[], byte[]> producer) {
    long t0 = System.nanoTime();
    String prefix = "R" + run + "W";
    for (int i = 0; i < kafkaWarmup; i++) {
      String symbol = prefix + (char) ('A' + i % 16);
      producer.send(record(Topics.TRADES, symbol, EventSerde.encode(trade(symbol, i / 16 + 1))));
      long due = t0 + i * 500_000L;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
    }
    producer.flush();
    System.out.printf(
        Locale.ROOT,
        "kafka warm-up: %,d trades of unsubscribed symbols in %.1f s%n",
        kafkaWarmup,
        (System.nanoTime() - t0) / 1e9);
  }

  /**
   * A plain {@code read_uncommitted} consumer of the same trades in this JVM: what Kafka alone
   * contributes to the relay's latency, under the same machine load.
   */
  private void probeKafka(String bootstrap) {
    Properties p = new Properties();
    // The security settings of a deployed system come from EXCHANGE_KAFKA_* (KafkaConnection).
    p.putAll(KafkaConnection.fromEnvironment(bootstrap, System.getenv()).clientProperties());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.TRADES).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          long now = System.nanoTime();
          Trade t = EventSerde.decode(r.value(), Trade.class);
          int s = symbolIndex(t.getSymbol());
          if (s < 0) {
            continue;
          }
          long sent = tradeSent.get(s * RING + (int) (t.getTradeId() & (RING - 1)));
          if (sent >= measureFromNanos) {
            kafkaRecorder.recordValue(Math.max(0, (now - sent) / 1000));
          }
        }
      }
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Connections on {@code --clients} selector threads of the lean client. */
  private LeanWebSockets connectLean(URI relay) throws Exception {
    LeanWebSockets lean =
        new LeanWebSockets(
            clientCount,
            new LeanWebSockets.Sink() {
              @Override
              public void onText(CharSequence frame, long receivedNanos) {
                onFrame(frame, receivedNanos);
              }

              @Override
              public void onClose(int code, String reason) {
                open.decrementAndGet();
                if (closed.incrementAndGet() <= 3) {
                  System.out.println("  closed by the relay: " + code + " " + reason);
                }
              }
            });
    ExecutorService handshakes =
        Executors.newFixedThreadPool(Math.min(connectParallelism, 16), daemon("handshake"));
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>(connections);
    long t0 = System.nanoTime();
    for (int i = 0; i < connections; i++) {
      String s = symbolNames[i % symbols].toLowerCase(Locale.ROOT);
      String path = "/ws/" + s + "@trade" + (depth ? "/" + s + "@depth" : "");
      int index = i;
      futures.add(
          handshakes.submit(
              () -> {
                lean.connect(relay, path, index);
                open.incrementAndGet();
                return null;
              }));
    }
    int failed = 0;
    for (java.util.concurrent.Future<?> f : futures) {
      try {
        f.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        if (failed++ == 0) {
          System.out.println("  connection failed: " + e);
        }
      }
    }
    handshakes.shutdown();
    System.out.printf(
        Locale.ROOT,
        "connected %,d of %,d in %.1f s (%d failed)%n",
        connections - failed,
        connections,
        (System.nanoTime() - t0) / 1e9,
        failed);
    if (failed > 0) {
      lean.close();
      throw new IllegalStateException(
          failed + " connections failed; raise ulimit -n or check the relay log");
    }
    return lean;
  }

  private List<WebSocket> connect(URI relay, List<HttpClient> clients) throws Exception {
    Semaphore inFlight = new Semaphore(connectParallelism);
    List<CompletableFuture<WebSocket>> futures = new ArrayList<>(connections);
    long t0 = System.nanoTime();
    for (int i = 0; i < connections; i++) {
      String s = symbolNames[i % symbols].toLowerCase(Locale.ROOT);
      String path = "/ws/" + s + "@trade" + (depth ? "/" + s + "@depth" : "");
      URI uri = relay.resolve(path);
      inFlight.acquire();
      CompletableFuture<WebSocket> f =
          clients
              .get(i % clients.size())
              .newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .buildAsync(uri, new Subscriber())
              .whenComplete((ws, e) -> inFlight.release());
      futures.add(f);
      if ((i + 1) % 1000 == 0) {
        System.out.printf(Locale.ROOT, "  %,d connections requested%n", i + 1);
      }
    }
    List<WebSocket> sockets = new ArrayList<>(connections);
    int failed = 0;
    for (CompletableFuture<WebSocket> f : futures) {
      try {
        sockets.add(f.get(60, TimeUnit.SECONDS));
      } catch (Exception e) {
        if (failed++ == 0) {
          System.out.println("  connection failed: " + e);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "connected %,d of %,d in %.1f s (%d failed)%n",
        sockets.size(),
        connections,
        (System.nanoTime() - t0) / 1e9,
        failed);
    if (failed > 0) {
      throw new IllegalStateException(
          failed + " connections failed; raise ulimit -n or check the relay log");
    }
    return sockets;
  }

  /** One subscriber: matches each frame to its send time and records the latency. */
  private final class Subscriber implements WebSocket.Listener {
    private StringBuilder partial;

    @Override
    public void onOpen(WebSocket webSocket) {
      open.incrementAndGet();
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      long now = System.nanoTime();
      if (!last) {
        (partial == null ? partial = new StringBuilder() : partial).append(data);
      } else {
        CharSequence frame = data;
        if (partial != null) {
          frame = partial.append(data);
          partial = null;
        }
        onFrame(frame, now);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      open.decrementAndGet();
      if (closed.incrementAndGet() <= 3) {
        System.out.println("  closed by the relay: " + statusCode + " " + reason);
      }
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      open.decrementAndGet();
      if (closed.incrementAndGet() <= 3) {
        System.out.println("  connection error: " + error);
      }
    }
  }

  private void onFrame(CharSequence frame, long now) {
    received.incrementAndGet();
    // {"e":"trade",...,"s":"SYM",...,"t":id,...} or {"e":"depthUpdate",...,"u":id,...}
    boolean trade = frame.length() > 7 && frame.charAt(6) == 't';
    int s = symbolIndex(frame);
    long id = number(frame, trade ? "\"t\":" : "\"u\":");
    if (s < 0 || id < 0) {
      unmatched.incrementAndGet();
      return;
    }
    long sent = (trade ? tradeSent : depthSent).get(s * RING + (int) (id & (RING - 1)));
    if (sent == 0) {
      unmatched.incrementAndGet();
      return;
    }
    if (sent >= measureFromNanos) {
      recorder.recordValue(Math.max(0, (now - sent) / 1000));
    }
  }

  private int symbolIndex(CharSequence frame) {
    int at = indexOf(frame, "\"s\":\"", 0);
    if (at < 0) {
      return -1;
    }
    int start = at + 5;
    // Symbols are R<run>S<4 digits>: the index is the 4 digits before the closing quote.
    int end = start;
    while (end < frame.length() && frame.charAt(end) != '"') {
      end++;
    }
    int index = 0;
    for (int i = end - 4; i < end; i++) {
      char c = frame.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      index = index * 10 + (c - '0');
    }
    return index < symbols ? index : -1;
  }

  private int symbolIndex(String symbol) {
    int index = 0;
    for (int i = symbol.length() - 4; i < symbol.length(); i++) {
      char c = symbol.charAt(i);
      if (i < 0 || c < '0' || c > '9') {
        return -1;
      }
      index = index * 10 + (c - '0');
    }
    return index < symbols ? index : -1;
  }

  private static long number(CharSequence frame, String key) {
    int at = indexOf(frame, key, 0);
    if (at < 0) {
      return -1;
    }
    long v = 0;
    int i = at + key.length();
    boolean any = false;
    for (; i < frame.length(); i++) {
      char c = frame.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      v = v * 10 + (c - '0');
      any = true;
    }
    return any ? v : -1;
  }

  private static int indexOf(CharSequence s, String key, int from) {
    int n = s.length() - key.length();
    outer:
    for (int i = from; i <= n; i++) {
      for (int k = 0; k < key.length(); k++) {
        if (s.charAt(i + k) != key.charAt(k)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static Trade trade(String symbol, long id) {
    long now = System.currentTimeMillis();
    return Trade.newBuilder()
        .setSymbol(symbol)
        .setTradeId(id)
        .setPrice(3_000_000 + id % 100)
        .setQuantity(10_000)
        .setQuoteQuantity((3_000_000 + id % 100) * 10_000)
        .setPriceScale(2)
        .setQuantityScale(4)
        .setTakerSide(id % 2 == 0 ? Side.BUY : Side.SELL)
        .setMakerOrderId("m" + id)
        .setTakerOrderId("t" + id)
        .setMakerAccount("maker")
        .setTakerAccount("taker")
        .setTime(now)
        .build();
  }

  private static BookDelta delta(String symbol, long id) {
    long price = 3_000_000 + id % 50;
    return BookDelta.newBuilder()
        .setSymbol(symbol)
        .setFirstUpdateId(id)
        .setLastUpdateId(id)
        .setTime(System.currentTimeMillis())
        .setBids(List.of(new PriceLevel(price, id % 7 == 0 ? 0 : 10_000 + id)))
        .setAsks(List.of())
        .setBestBid(null)
        .setBestAsk(null)
        .setPriceScale(2)
        .setQuantityScale(4)
        .build();
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String symbol, byte[] value) {
    return new ProducerRecord<>(topic, symbol.getBytes(StandardCharsets.UTF_8), value);
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    // The security settings of a deployed system come from EXCHANGE_KAFKA_* (KafkaConnection).
    p.putAll(KafkaConnection.fromEnvironment(bootstrap, System.getenv()).clientProperties());
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
