package dev.exchange.jobs.alerts;

import dev.exchange.jobs.common.JobOptions;
import dev.exchange.jobs.common.JobSpec;
import dev.exchange.jobs.common.KafkaIn;
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
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The alerts job (docs/alerts.md): {@code exchange.alert-commands}, {@code exchange.trades} and
 * {@code exchange.order-events} (read_uncommitted, one source) keyed by symbol into {@link
 * AlertsFunction}; fired alerts and dead letters written with one exactly-once Kafka sink to {@code
 * exchange.alerts} and {@code exchange.dlq}.
 *
 * <p>read_uncommitted, as the accounts job: a trade is evaluated when the matcher writes it, not
 * when the matcher's checkpoint commits it (read_committed put the matcher's checkpoint interval,
 * about a second, on every alert). A record of a transaction the matcher aborts is written again,
 * byte-identical, after its restore; {@link AlertsFunction} drops it by trade id and order event
 * sequence per symbol, so no alert fires twice.
 *
 * <p>Flags: {@link #SPEC} (the job catalog, dev.exchange.jobs.JobCatalog).
 */
public final class AlertsJob {

  public static final String NAME = "alerts";

  public static final JobSpec SPEC =
      new JobSpec(
          NAME,
          AlertsJob.class,
          "alert commands, trades, order events -> alerts, dlq",
          Duration.ofSeconds(1),
          true,
          List.of());

  private AlertsJob() {}

  /** Adds the job's graph to {@code env}, reading from {@code source}, writing to {@code sink}. */
  public static void build(
      StreamExecutionEnvironment env,
      Source<RawRecord, ?, ?> source,
      Sink<OutRecord> sink,
      TopicNames topics) {
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "alert commands, trades, order events")
        .uid(OperatorUids.ALERTS_SOURCE)
        .keyBy(new AlertKeys(topics.alertCommands()))
        .process(new AlertsFunction(topics))
        .uid(OperatorUids.ALERTS_ENGINE)
        .name("alerts per symbol")
        .sinkTo(sink)
        .uid(OperatorUids.ALERTS_SINK)
        .name("exactly-once Kafka sink");
  }

  /** The source, read_uncommitted from the earliest offset; positions live in checkpoints. */
  public static KafkaSource<RawRecord> kafkaSource(KafkaConnection kafka, TopicNames topics) {
    return KafkaIn.builder(
            kafka,
            topics.prefix() + "exchange-" + NAME,
            OffsetsInitializer.earliest(),
            topics.alertCommands(),
            topics.trades(),
            topics.orderEvents())
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted")
        .build();
  }

  public static void main(String[] args) throws Exception {
    JobOptions options = JobOptions.parse(SPEC, args);
    TopicNames topics = options.topics();
    StreamExecutionEnvironment env = options.environment(options.configuration());
    build(env, kafkaSource(options.kafka(), topics), options.kafkaSink(), topics);
    env.execute(NAME);
  }
}
