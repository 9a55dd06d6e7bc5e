package dev.exchange.jobs.accounts;

import dev.exchange.jobs.common.EmptyStart;
import dev.exchange.jobs.common.JobOptions;
import dev.exchange.jobs.common.JobSpec;
import dev.exchange.jobs.common.KafkaIn;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.OperatorUids;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.KafkaConnection;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The accounts job: {@code exchange.account-commands} keyed by account into {@link
 * AccountsFunction}, which holds funds and forwards order commands to {@code exchange.orders}
 * (keyed by symbol), settles the account's execution reports and applies transfers, writing every
 * balance change to {@code exchange.balances} (keyed by account) and poison to the dead letters.
 *
 * <p>Unlike the other jobs its sink is at-least-once, without transactions (docs/accounts.md, "Data
 * flow"): an order's path gets no checkpoint interval added, and after a restore the function
 * re-emits byte-identical records with the same sequences, which readers drop by (symbol, account,
 * accountSequence) and (account, sequence). It reads {@code read_uncommitted}, so settlements
 * written by the matcher's open transaction are applied at once; an aborted one is replayed by the
 * matcher with the same event sequence and dropped here by (symbol, event sequence).
 *
 * <p>The checkpoint interval (10 s) only bounds how much is replayed after a failure; nothing waits
 * for it, so it keeps its own default in every environment.
 */
public final class AccountsJob {

  public static final String NAME = "accounts";

  public static final JobSpec SPEC =
      new JobSpec(
          NAME,
          AccountsJob.class,
          "account commands, settlements -> orders, balances, dlq",
          Duration.ofSeconds(10),
          false,
          List.of(EmptyStart.FLAG));

  /**
   * Every record leaves the keyBy exchange at once: the stage is on every order's path and carries
   * a few records per order, so waiting for a buffer to fill (the other jobs' 5 ms) only adds
   * latency (docs/benchmarks.md, "The accounts stage in the assembled stack").
   */
  static final Duration BUFFER_TIMEOUT = Duration.ZERO;

  private AccountsJob() {}

  /**
   * Adds the job's graph to {@code env}, reading from {@code source} and writing to {@code sink}.
   */
  public static void build(
      StreamExecutionEnvironment env,
      Source<RawRecord, ?, ?> source,
      Sink<OutRecord> sink,
      TopicNames topics,
      boolean allowEmptyStart) {
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "exchange.account-commands")
        .uid(OperatorUids.ACCOUNTS_SOURCE)
        .keyBy(envelope -> envelope.symbol)
        .process(new AccountsFunction(topics, allowEmptyStart))
        .uid(OperatorUids.ACCOUNTS_ENGINE)
        .name("hold and settle per account")
        .sinkTo(sink)
        .uid(OperatorUids.ACCOUNTS_SINK)
        .name("at-least-once Kafka sink");
  }

  /**
   * The account-commands source, read_uncommitted from the earliest offset when the job has no
   * state. {@code bounded} stops at the offsets current at start (tests, replays).
   */
  public static KafkaSource<RawRecord> kafkaSource(
      KafkaConnection kafka, String groupId, String accountCommandsTopic, boolean bounded) {
    KafkaSourceBuilder<RawRecord> builder =
        KafkaIn.builder(kafka, groupId, OffsetsInitializer.earliest(), accountCommandsTopic)
            .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  public static void main(String[] args) throws Exception {
    JobOptions options = JobOptions.parse(SPEC, args);
    TopicNames topics = options.topics();
    StreamExecutionEnvironment env = options.environment(options.configuration(BUFFER_TIMEOUT));
    build(
        env,
        kafkaSource(options.kafka(), options.prefixedName(), topics.accountCommands(), false),
        KafkaOut.atLeastOnce(options.kafka()),
        topics,
        options.getBoolean(EmptyStart.FLAG));
    env.execute(NAME);
  }
}
