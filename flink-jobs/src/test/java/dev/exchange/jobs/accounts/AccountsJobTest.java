package dev.exchange.jobs.accounts;

import static dev.exchange.jobs.accounts.AccountLog.deposit;
import static dev.exchange.jobs.accounts.AccountLog.limit;
import static dev.exchange.jobs.accounts.AccountLog.newOrder;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The accounts job on a Flink MiniCluster at parallelism 2 against the real Kafka broker. */
@ExtendWith(LocalServicesExtension.class)
class AccountsJobTest {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

  @Test
  void aDepositAndAnOrderComeOutAsAForwardedOrderAndLedgerEntries(KafkaBroker kafka)
      throws Exception {
    TopicNames topics = new TopicNames("accounts-job.");
    KafkaIo.createTopics(kafka, topics);
    NewOrder buy = limit("o1", Side.BUY, 6_400_000, 1_000);
    NewOrder tooBig = limit("o2", Side.BUY, 6_400_000, 100_000);
    List<AccountCommand> log =
        List.of(
            deposit("alice", "d1", "USDT", 1000_00000000L),
            newOrder("alice", buy),
            newOrder("alice", tooBig),
            deposit("bob", "d1", "BTC", 1_00000000L));
    KafkaIo.produce(
        kafka,
        topics.accountCommands(),
        log.stream()
            .map(c -> new KafkaIo.Entry(c.getAccount(), EventSerde.encode(c), 5_000L))
            .toList());

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobConfig.exchangeDefaults(Duration.ofMillis(500)));
    env.setParallelism(2);
    AccountsJob.build(
        env,
        AccountsJob.kafkaSource(
            kafka.bootstrapServers(), "accounts-job-test", topics.accountCommands(), true),
        KafkaOut.atLeastOnce(kafka.bootstrapServers()),
        topics);
    JobClient job = env.executeAsync("accounts " + topics.prefix());
    job.getJobExecutionResult().get();

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

  private static <T extends org.apache.avro.specific.SpecificRecordBase> List<T> decode(
      List<String> hex, Class<T> type) {
    return hex.stream().map(h -> EventSerde.decode(HexFormat.of().parseHex(h), type)).toList();
  }
}
