package dev.exchange.jobs.marketdata;

import dev.exchange.jobs.common.JobFlag;
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

/**
 * The market-data job: {@code exchange.trades} (read_committed) keyed by symbol into {@link
 * MarketDataFunction}, candles 1m..1d and the rolling 24h ticker written with one exactly-once
 * Kafka sink to {@code exchange.candles}, {@code exchange.tickers} and {@code exchange.dlq}.
 * Semantics and the closing strategy: docs/market-data.md.
 *
 * <p>Flags: {@link #SPEC} (the job catalog, dev.exchange.jobs.JobCatalog).
 */
public final class MarketDataJob {

  public static final String NAME = "market-data";

  /**
   * How far behind the newest trade of its partition a trade may arrive and still be counted in its
   * candle: covers the skew between matching subtasks writing into one trades partition.
   */
  public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);

  /** After this long without records a partition stops holding the watermark back. */
  public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(10);

  static final JobFlag MAX_OUT_OF_ORDERNESS =
      JobFlag.millis(
          "max-out-of-orderness-ms",
          DEFAULT_MAX_OUT_OF_ORDERNESS,
          "how late a trade may arrive and still count in its candle");
  static final JobFlag IDLENESS =
      JobFlag.millis(
          "idleness-ms",
          DEFAULT_IDLENESS,
          "after this long without records a partition stops holding the watermark back");

  public static final JobSpec SPEC =
      new JobSpec(
          NAME,
          MarketDataJob.class,
          "trades -> candles, tickers, dlq",
          Duration.ofSeconds(1),
          true,
          List.of(MAX_OUT_OF_ORDERNESS, IDLENESS));

  private MarketDataJob() {}

  /**
   * Adds the job's graph to {@code env}, reading from {@code source} and writing to {@code sink},
   * with the default watermark settings.
   */
  public static void build(
      StreamExecutionEnvironment env,
      Source<RawRecord, ?, ?> source,
      Sink<OutRecord> sink,
      TopicNames topics) {
    build(env, source, sink, topics, watermarks(DEFAULT_MAX_OUT_OF_ORDERNESS, DEFAULT_IDLENESS));
  }

  /** As {@link #build(StreamExecutionEnvironment, Source, Sink, TopicNames)}, with watermarks. */
  public static void build(
      StreamExecutionEnvironment env,
      Source<RawRecord, ?, ?> source,
      Sink<OutRecord> sink,
      TopicNames topics,
      WatermarkStrategy<RawRecord> watermarks) {
    env.fromSource(source, watermarks, "exchange.trades")
        .uid(OperatorUids.MARKET_DATA_SOURCE)
        .keyBy(envelope -> envelope.symbol)
        .process(new MarketDataFunction(topics))
        .uid(OperatorUids.MARKET_DATA_CANDLES)
        .name("candles and 24h ticker per symbol")
        .sinkTo(sink)
        .uid(OperatorUids.MARKET_DATA_SINK)
        .name("exactly-once Kafka sink");
  }

  /**
   * Event time is trade time: the Kafka record timestamp, which the matching job sets to the trade
   * time. Watermarks are per partition (the source tracks each split), so a quiet partition only
   * holds the others back until {@code idleness} passes.
   */
  public static WatermarkStrategy<RawRecord> watermarks(
      Duration maxOutOfOrderness, Duration idleness) {
    return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(maxOutOfOrderness)
        .withTimestampAssigner((envelope, recordTimestamp) -> envelope.timestamp)
        .withIdleness(idleness);
  }

  /** The trade source, read_committed from the earliest offset; positions live in checkpoints. */
  public static KafkaSource<RawRecord> kafkaSource(KafkaConnection kafka, String tradesTopic) {
    return KafkaIn.builder(kafka, "exchange-" + NAME, OffsetsInitializer.earliest(), tradesTopic)
        .build();
  }

  public static void main(String[] args) throws Exception {
    JobOptions options = JobOptions.parse(SPEC, args);
    TopicNames topics = options.topics();
    StreamExecutionEnvironment env = options.environment(options.configuration());
    build(
        env,
        kafkaSource(options.kafka(), topics.trades()),
        options.kafkaSink(),
        topics,
        watermarks(options.millis(MAX_OUT_OF_ORDERNESS), options.millis(IDLENESS)));
    env.execute(NAME);
  }
}
