package dev.exchange.jobs.alerts;

import static dev.exchange.jobs.alerts.AlertLog.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.marketdata.TradeLog;
import dev.exchange.jobs.testing.FlinkMiniCluster;
import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.AlertAction;
import dev.exchange.model.avro.AlertDefinition;
import dev.exchange.model.avro.AlertFired;
import dev.exchange.model.avro.AlertKind;
import dev.exchange.model.avro.Trade;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alerts job on a Flink MiniCluster against the real Kafka broker: price alerts on three
 * symbols while the trades stream in, through a killed TaskManager, a stop with savepoint and a
 * restore at parallelism 1. What read_committed consumers see of {@code exchange.alerts} is every
 * firing exactly once, as a recomputation from the trades says ({@link #expected}).
 */
@ExtendWith(LocalServicesExtension.class)
class AlertsJobTest {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");

  @Test
  void everyCrossingFiresExactlyOnceThroughAKilledTaskManagerAndASavepointRedeploy(
      KafkaBroker kafka, @InjectMiniCluster MiniCluster cluster) throws Exception {
    TopicNames topics = new TopicNames("alerts-eo.");
    KafkaIo.createTopics(kafka, topics);
    List<AlertDefinition> alerts = alerts();
    KafkaIo.produce(
        kafka,
        topics.alertCommands(),
        alerts.stream()
            .map(
                a ->
                    new KafkaIo.Entry(
                        a.getAlertId(),
                        EventSerde.encode(AlertLog.command(AlertAction.CREATE, a)),
                        START))
            .toList());
    List<Trade> trades = trades(31, 6_000);
    Map<String, List<String>> expected = expected(alerts, trades);
    assertThat(expected.values().stream().mapToInt(List::size).sum())
        .as("enough firings to lose or repeat some")
        .isGreaterThan(200);

    JobClient job = submit(kafka, topics, 2, null);
    ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger produced = new AtomicInteger();
    int batch = 150;
    int total = (trades.size() + batch - 1) / batch;
    try {
      // Trades only once the job has read (and checkpointed) every definition: an alert created
      // after its symbol's crossing would rightly not fire for it.
      awaitCommandsCommitted(kafka, topics);
      producer.scheduleWithFixedDelay(
          () -> {
            int b = produced.get();
            if (b < total) {
              try {
                KafkaIo.produce(
                    kafka,
                    topics.trades(),
                    trades.subList(b * batch, Math.min(trades.size(), (b + 1) * batch)).stream()
                        .map(
                            t ->
                                new KafkaIo.Entry(t.getSymbol(), EventSerde.encode(t), t.getTime()))
                        .toList());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              produced.incrementAndGet();
            }
          },
          0,
          100,
          TimeUnit.MILLISECONDS);
      await()
          .atMost(TIMEOUT)
          .until(() -> produced.get() >= total / 3 && !fired(kafka, topics).isEmpty());
      cluster.terminateTaskManager(0).get();
      cluster.startTaskManager();
      await().atMost(TIMEOUT).until(() -> produced.get() >= 2 * total / 3);
      JobClient running = job;
      String savepoint =
          await()
              .atMost(TIMEOUT)
              .ignoreExceptions()
              .until(
                  () ->
                      running
                          .stopWithSavepoint(
                              false,
                              Path.of("target", "savepoints").toAbsolutePath().toUri().toString(),
                              SavepointFormatType.CANONICAL)
                          .get(),
                  java.util.Objects::nonNull);
      job = submit(kafka, topics, 1, savepoint);
      await().atMost(TIMEOUT).until(() -> produced.get() == total);
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(fired(kafka, topics)).isEqualTo(expected));
    } finally {
      producer.shutdownNow();
      job.cancel().get();
    }
  }

  /** Per symbol: two alerts above and two below the start price, with and without hysteresis. */
  private static List<AlertDefinition> alerts() {
    List<AlertDefinition> list = new ArrayList<>();
    for (String symbol : SYMBOLS) {
      int i = 0;
      for (long level : new long[] {10_020, 10_060}) {
        list.add(alert(symbol, i++, AlertKind.PRICE_ABOVE, level, i % 2 == 0 ? 0 : 20));
      }
      for (long level : new long[] {9_980, 9_940}) {
        list.add(alert(symbol, i++, AlertKind.PRICE_BELOW, level, i % 2 == 0 ? 0 : 20));
      }
    }
    return list;
  }

  private static AlertDefinition alert(
      String symbol, int i, AlertKind kind, long level, long hysteresisBps) {
    return AlertLog.definition(symbol + "-" + i, "acc" + (i % 3), kind)
        .setSymbol(symbol)
        .setLevel(level)
        .setHysteresisBps(hysteresisBps)
        .build();
  }

  /** A random walk per symbol held near 100.00, tradeIds gapless per symbol, times increasing. */
  private static List<Trade> trades(long seed, int count) {
    Random random = new Random(seed);
    Map<String, Long> price = new HashMap<>();
    Map<String, Long> ids = new HashMap<>();
    List<Trade> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
      long last = price.getOrDefault(symbol, 10_000L);
      long p = last + (10_000 - last) / 20 + random.nextInt(81) - 40; // pulled back to 100.00
      price.put(symbol, p);
      long id = ids.merge(symbol, 1L, Long::sum);
      list.add(TradeLog.trade(symbol, id, p, 1, random.nextBoolean(), START + i * 10L));
    }
    return list;
  }

  /**
   * The firings as "alertId#firing@tradeId", per alert, recomputed from the trades with the rule of
   * docs/alerts.md (armed at creation, as no trade preceded it; fires on reaching the level;
   * re-arms beyond level ∓ level·hysteresis/10000).
   */
  private static Map<String, List<String>> expected(List<AlertDefinition> alerts, List<Trade> log) {
    Map<String, List<String>> out = new TreeMap<>();
    for (AlertDefinition a : alerts) {
      boolean armed = true;
      long band = a.getLevel() * a.getHysteresisBps() / 10_000;
      boolean above = a.getKind() == AlertKind.PRICE_ABOVE;
      for (Trade t : log) {
        if (!t.getSymbol().equals(a.getSymbol())) {
          continue;
        }
        long p = t.getPrice();
        if (armed && (above ? p >= a.getLevel() : p <= a.getLevel())) {
          armed = false;
          List<String> list = out.computeIfAbsent(a.getAlertId(), k -> new ArrayList<>());
          list.add(a.getAlertId() + "#" + (list.size() + 1) + "@" + t.getTradeId());
        } else if (!armed && (above ? p < a.getLevel() - band : p > a.getLevel() + band)) {
          armed = true;
        }
      }
    }
    return out;
  }

  /** The committed firings as "alertId#firing@tradeId", per alert, in the order read. */
  private static Map<String, List<String>> fired(KafkaBroker kafka, TopicNames topics) {
    Map<String, List<String>> out = new TreeMap<>();
    KafkaIo.readCommitted(kafka, List.of(topics.alerts())).values().stream()
        .flatMap(List::stream)
        .map(hex -> EventSerde.decode(HexFormat.of().parseHex(hex), AlertFired.class))
        .forEach(
            f ->
                out.computeIfAbsent(f.getAlertId(), k -> new ArrayList<>())
                    .add(f.getAlertId() + "#" + f.getFiring() + "@" + f.getTradeId()));
    return out;
  }

  private static void awaitCommandsCommitted(KafkaBroker kafka, TopicNames topics) {
    String group = topics.prefix() + "exchange-" + AlertsJob.NAME;
    await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (var admin = kafka.admin()) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < 4; p++) {
                  latest.put(new TopicPartition(topics.alertCommands(), p), OffsetSpec.latest());
                }
                var ends = admin.listOffsets(latest).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                for (var e : ends.entrySet()) {
                  OffsetAndMetadata c = committed.get(e.getKey());
                  assertThat(c == null ? 0 : c.offset()).isEqualTo(e.getValue().offset());
                }
              }
            });
  }

  private static JobClient submit(
      KafkaBroker kafka, TopicNames topics, int parallelism, String savepoint) throws Exception {
    Configuration conf = JobConfig.exchangeDefaults(Duration.ofMillis(300));
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    AlertsJob.build(
        env,
        AlertsJob.kafkaSource(kafka.connection(), topics),
        KafkaOut.exactlyOnce(kafka.connection(), topics.prefix() + "exchange-alerts"),
        topics);
    return env.executeAsync("alerts " + topics.prefix());
  }
}
