package dev.exchange.jobs.marketdata;

import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.OperatorUids;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.RawRecordDeserializer;
import dev.exchange.jobs.common.TopicNames;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The market-data job: {@code exchange.trades} (read_committed) keyed by symbol into {@link
 * MarketDataFunction}, candles 1m..1d and the rolling 24h ticker written with one exactly-once
 * Kafka sink to {@code exchange.candles}, {@code exchange.tickers} and {@code exchange.dlq}.
 * Semantics and the closing strategy: docs/market-data.md.
 *
 * <pre>
 * flink run -c dev.exchange.jobs.marketdata.MarketDataJob flink-jobs.jar \
 *   --bootstrap-servers localhost:9092 [--topic-prefix ""] [--parallelism 2] \
 *   [--checkpoint-interval-ms 1000] [--checkpoint-dir file:///...] \
 *   [--max-out-of-orderness-ms 5000] [--idleness-ms 10000]
 * </pre>
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
  public static KafkaSource<RawRecord> kafkaSource(String bootstrapServers, String tradesTopic) {
    return KafkaSource.<RawRecord>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(tradesTopic)
        .setGroupId("exchange-" + NAME)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new RawRecordDeserializer())
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .setProperty("partition.discovery.interval.ms", "10000")
        .build();
  }

  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    String bootstrap = params.getRequired("bootstrap-servers");
    TopicNames topics = new TopicNames(params.get("topic-prefix", ""));
    Configuration conf =
        JobConfig.exchangeDefaults(
            Duration.ofMillis(params.getLong("checkpoint-interval-ms", 1000)));
    if (params.has("checkpoint-dir")) {
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, params.get("checkpoint-dir"));
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(params.getInt("parallelism", 2));
    build(
        env,
        kafkaSource(bootstrap, topics.trades()),
        KafkaOut.exactlyOnce(bootstrap, topics.prefix() + "exchange-" + NAME),
        topics,
        watermarks(
            Duration.ofMillis(
                params.getLong("max-out-of-orderness-ms", DEFAULT_MAX_OUT_OF_ORDERNESS.toMillis())),
            Duration.ofMillis(params.getLong("idleness-ms", DEFAULT_IDLENESS.toMillis()))));
    env.execute(NAME);
  }
}
