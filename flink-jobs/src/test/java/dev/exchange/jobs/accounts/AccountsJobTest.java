package dev.exchange.jobs.accounts;

import static dev.exchange.accounts.core.Accounts.deposit;
import static dev.exchange.accounts.core.Accounts.limit;
import static dev.exchange.accounts.core.Accounts.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.FlinkMiniCluster;
import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.Side;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The accounts job on a Flink MiniCluster against the real Kafka broker. */
@ExtendWith(LocalServicesExtension.class)
class AccountsJobTest {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

  @Test
  void aDepositAndAnOrderComeOutAsAForwardedOrderAndLedgerEntries(KafkaBroker kafka)
      throws Exception {
    TopicNames topics = new TopicNames("accounts-job.");
    KafkaIo.createTopics(kafka, topics);
    KafkaIo.warmUp(kafka, List.of(topics.orders(), topics.balances()));
    NewOrder buy = limit("o1", Side.BUY, 6_400_000, 1_000);
    NewOrder tooBig = limit("o2", Side.BUY, 6_400_000, 100_000);
    List<AccountCommand> log =
        List.of(
            deposit("alice", "d1", "USDT", 1000_00000000L),
            request("alice", buy),
            request("alice", tooBig),
            deposit("bob", "d1", "BTC", 1_00000000L));
    KafkaIo.produce(
        kafka,
        topics.accountCommands(),
        log.stream()
            .map(c -> new KafkaIo.Entry(c.getAccount(), EventSerde.encode(c), 5_000L))
            .toList());

    submit(kafka, topics, 2, true, null).getJobExecutionResult().get();

    // The bounded job has finished, and its sink flushed: everything is in the topics now.
    Map<String, List<String>> out =
        KafkaIo.readCommitted(kafka, List.of(topics.orders(), topics.balances(), topics.dlq()));
    List<OrderCommand> orders = decode(out.get(topics.orders() + "/BTCUSDT"), OrderCommand.class);
    assertThat(orders).extracting(OrderCommand::getAccountSequence).containsExactly(1L, 2L);
    assertThat(orders)
        .extracting(c -> ((NewOrder) c.getPayload()).getRejectReason())
        .containsExactly(null, "INSUFFICIENT_BALANCE");
    List<BalanceEvent> alice = decode(out.get(topics.balances() + "/alice"), BalanceEvent.class);
    assertThat(alice)
        .extracting(BalanceEvent::getSequence, BalanceEvent::getKind, BalanceEvent::getLocked)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, LedgerEntryKind.DEPOSIT, 0L),
            org.assertj.core.groups.Tuple.tuple(2L, LedgerEntryKind.HOLD, 640_00000000L));
    assertThat(decode(out.get(topics.balances() + "/bob"), BalanceEvent.class))
        .extracting(BalanceEvent::getSequence, BalanceEvent::getFree)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 1_00000000L));
    assertThat(out.keySet()).noneMatch(k -> k.startsWith(topics.dlq()));
  }

  /**
   * Proof 3 of docs/accounts.md: the same command log once without faults, and once fed while the
   * job runs, through a killed TaskManager, a stop with savepoint and a restore at parallelism 1.
   * What readers keep of the committed output (each record once: replays after a restore are
   * byte-identical copies) is the fault-free run's, account by account.
   */
  @Test
  void aKilledTaskManagerASavepointAndARescaledRestoreLeaveTheLedgerOfAFaultFreeRun(
      KafkaBroker kafka, @InjectMiniCluster MiniCluster cluster) throws Exception {
    List<KafkaIo.Entry> log =
        AccountLog.generate(17, 20, 6_000).stream()
            .map(c -> new KafkaIo.Entry(c.getAccount(), EventSerde.encode(c), 5_000L))
            .toList();
    TopicNames clean = new TopicNames("accounts-clean.");
    KafkaIo.createTopics(kafka, clean);
    KafkaIo.warmUp(kafka, outputs(clean));
    KafkaIo.produce(kafka, clean.accountCommands(), log);
    submit(kafka, clean, 2, true, null).getJobExecutionResult().get();
    Map<String, List<String>> expected = asRead(kafka, clean);
    assertThat(expected.get(clean.balances() + "/acc0")).hasSizeGreaterThan(100);
    assertThat(expected.keySet()).noneMatch(k -> k.startsWith(clean.dlq()));

    TopicNames faulty = new TopicNames("accounts-faults.");
    KafkaIo.createTopics(kafka, faulty);
    KafkaIo.warmUp(kafka, outputs(faulty));
    int batch = 100;
    int total = (log.size() + batch - 1) / batch;
    AtomicInteger produced = new AtomicInteger();
    ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
    JobClient job = submit(kafka, faulty, 2, false, null);
    try {
      producer.scheduleWithFixedDelay(
          () -> {
            int b = produced.get();
            if (b < total) {
              try {
                KafkaIo.produce(
                    kafka,
                    faulty.accountCommands(),
                    log.subList(b * batch, Math.min(log.size(), (b + 1) * batch)));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              produced.incrementAndGet();
            }
          },
          0,
          150,
          TimeUnit.MILLISECONDS);
      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  produced.get() >= total / 3
                      && !KafkaIo.readCommitted(kafka, List.of(faulty.balances())).isEmpty());
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
      job = submit(kafka, faulty, 1, false, savepoint);
      await().atMost(TIMEOUT).until(() -> produced.get() == total);
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(renamed(asRead(kafka, faulty), faulty.prefix(), clean.prefix()))
                      .isEqualTo(expected));
    } finally {
      producer.shutdownNow();
      job.cancel().get();
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** Submits the accounts job reading and writing {@code topics}. */
  private static JobClient submit(
      KafkaBroker kafka, TopicNames topics, int parallelism, boolean bounded, String savepoint)
      throws Exception {
    Configuration conf = JobConfig.exchangeDefaults(Duration.ofMillis(500));
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    AccountsJob.build(
        env,
        AccountsJob.kafkaSource(
            kafka.connection(), topics.prefix() + "accounts", topics.accountCommands(), bounded),
        KafkaOut.atLeastOnce(kafka.connection()),
        topics,
        true);
    return env.executeAsync("accounts " + topics.prefix());
  }

  /**
   * The job's committed output as readers keep it, by key: ledger entries by (account, sequence),
   * forwarded orders by (account, accountSequence), each once. A copy of a record under a sequence
   * already seen must be byte-identical, and no sequence may first arrive after a higher one of the
   * same account (the matcher drops an order whose accountSequence is not above the last applied).
   */
  private static Map<String, List<String>> asRead(KafkaBroker kafka, TopicNames topics) {
    Map<String, java.util.TreeMap<Long, String>> kept = new java.util.TreeMap<>();
    KafkaIo.readCommitted(kafka, outputs(topics))
        .forEach(
            (group, records) -> {
              for (String hex : records) {
                String key = group;
                long sequence = 0;
                if (group.startsWith(topics.orders())) {
                  OrderCommand c = decode(List.of(hex), OrderCommand.class).get(0);
                  key = topics.orders() + "/" + c.getAccount();
                  sequence = c.getAccountSequence();
                } else if (group.startsWith(topics.balances())) {
                  sequence = decode(List.of(hex), BalanceEvent.class).get(0).getSequence();
                }
                java.util.TreeMap<Long, String> seen =
                    kept.computeIfAbsent(key, k -> new java.util.TreeMap<>());
                String before = seen.get(sequence);
                if (before != null) {
                  assertThat(hex).as("%s #%s replayed", key, sequence).isEqualTo(before);
                } else {
                  assertThat(seen.isEmpty() ? 0L : seen.lastKey())
                      .as("%s #%s arrives after a higher sequence", key, sequence)
                      .isLessThan(sequence == 0 ? Long.MAX_VALUE : sequence);
                  seen.put(sequence == 0 ? seen.size() : sequence, hex);
                }
              }
            });
    Map<String, List<String>> out = new java.util.TreeMap<>();
    kept.forEach((k, v) -> out.put(k, List.copyOf(v.values())));
    return out;
  }

  private static List<String> outputs(TopicNames topics) {
    return List.of(topics.orders(), topics.balances(), topics.dlq());
  }

  private static Map<String, List<String>> renamed(
      Map<String, List<String>> outputs, String from, String to) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    outputs.forEach((k, v) -> out.put(to + k.substring(from.length()), v));
    return out;
  }

  private static <T extends org.apache.avro.specific.SpecificRecordBase> List<T> decode(
      List<String> hex, Class<T> type) {
    return hex.stream().map(h -> EventSerde.decode(HexFormat.of().parseHex(h), type)).toList();
  }
}
