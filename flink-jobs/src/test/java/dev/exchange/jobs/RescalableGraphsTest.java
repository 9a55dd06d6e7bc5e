package dev.exchange.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.accounts.AccountsJob;
import dev.exchange.jobs.alerts.AlertsJob;
import dev.exchange.jobs.common.JobConfig;
import dev.exchange.jobs.common.KafkaOut;
import dev.exchange.jobs.common.OperatorUids;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.history.ColdTierCheck;
import dev.exchange.jobs.history.HistoryDb;
import dev.exchange.jobs.history.HistoryJob;
import dev.exchange.jobs.history.Partitions;
import dev.exchange.jobs.history.PostgresHistorySink;
import dev.exchange.jobs.lakehouse.LakehouseJob;
import dev.exchange.jobs.lakehouse.LakehouseMaintenance;
import dev.exchange.jobs.marketdata.MarketDataJob;
import dev.exchange.jobs.matching.MatchingJob;
import dev.exchange.lakehouse.testing.LakehouseFixture;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import dev.exchange.model.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamingJobGraphGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every job's graph, built at parallelism 1, 2 and 3, has the same operators with the same max
 * parallelism. A savepoint records each operator's state with the max parallelism of the task
 * (operator chain) it ran in, and a restore fails when the new graph puts that operator in a task
 * of another max parallelism; chains depend on parallelism, so this must hold for every operator or
 * a job cannot be rescaled from its savepoints (docs/decisions.md, "Flink jobs: one max
 * parallelism").
 */
@ExtendWith(LocalServicesExtension.class)
class RescalableGraphsTest {

  private static final TopicNames TOPICS = new TopicNames("graph.");
  private static final KafkaConnection KAFKA = KafkaConnection.plaintext("127.0.0.1:9");

  @Test
  void accountsMaxParallelismDoesNotDependOnParallelism() {
    assertStable(
        JobConfig.exchangeDefaults(Duration.ofSeconds(10)),
        env ->
            AccountsJob.build(
                env,
                AccountsJob.kafkaSource(KAFKA, "graph", TOPICS.accountCommands(), false),
                KafkaOut.atLeastOnce(KAFKA),
                TOPICS,
                true));
  }

  @Test
  void matchingMaxParallelismDoesNotDependOnParallelism() {
    assertStable(
        JobConfig.exchangeDefaults(Duration.ofSeconds(1)),
        env ->
            MatchingJob.build(
                env,
                MatchingJob.kafkaSource(KAFKA, TOPICS.orders(), false),
                KafkaOut.exactlyOnce(KAFKA, "graph"),
                TOPICS,
                MatchingJob.DEFAULT_SNAPSHOT_INTERVAL,
                true));
  }

  @Test
  void marketDataMaxParallelismDoesNotDependOnParallelism() {
    assertStable(
        JobConfig.exchangeDefaults(Duration.ofSeconds(1)),
        env ->
            MarketDataJob.build(
                env,
                MarketDataJob.kafkaSource(KAFKA, TOPICS.trades()),
                KafkaOut.exactlyOnce(KAFKA, "graph"),
                TOPICS));
  }

  @Test
  void alertsMaxParallelismDoesNotDependOnParallelism() {
    assertStable(
        JobConfig.exchangeDefaults(Duration.ofSeconds(1)),
        env ->
            AlertsJob.build(
                env,
                AlertsJob.kafkaSource(KAFKA, TOPICS),
                KafkaOut.exactlyOnce(KAFKA, "graph"),
                TOPICS));
  }

  @Test
  void historyMaxParallelismDoesNotDependOnParallelism() {
    assertStable(
        JobConfig.exchangeDefaults(Duration.ofSeconds(1)),
        env ->
            HistoryJob.build(
                env,
                HistoryJob.kafkaSource(KAFKA, TOPICS, "graph"),
                new PostgresHistorySink(
                    new HistoryDb("jdbc:postgresql://127.0.0.1:9/graph", "graph", "graph"),
                    TOPICS,
                    new Partitions(Clock.systemUTC(), 30, ColdTierCheck.NONE),
                    500,
                    Duration.ofMillis(100),
                    Duration.ofMinutes(10)),
                KafkaOut.exactlyOnce(KAFKA, "graph"),
                TOPICS));
  }

  @Test
  void lakehouseMaxParallelismDoesNotDependOnParallelism(PostgresServer pg, S3Server s3) {
    try (LakehouseFixture lake = LakehouseFixture.create(pg, s3)) {
      Map<String, Integer> operators =
          assertStable(
              LakehouseJob.config(LakehouseJob.DEFAULT_CHECKPOINT_INTERVAL),
              env ->
                  LakehouseJob.build(
                      env,
                      LakehouseJob.kafkaSource(KAFKA, TOPICS, "graph"),
                      LakehouseJob.Tables.of(lake.properties()),
                      KafkaOut.exactlyOnce(KAFKA, "graph"),
                      TOPICS,
                      LakehouseMaintenance.DEFAULTS));
      // Iceberg's committers have the job's max parallelism (their parallelism is 1), so it
      // does not matter whether they chain to their writers (at parallelism 1) or not.
      for (String sink :
          List.of(
              OperatorUids.LAKEHOUSE_TRADES_SINK,
              OperatorUids.LAKEHOUSE_CANDLES_SINK,
              OperatorUids.LAKEHOUSE_CANDLES_1H_SINK,
              OperatorUids.LAKEHOUSE_ORDER_EVENTS_SINK)) {
        assertThat(operators).containsEntry(sink + "-writer", JobConfig.MAX_PARALLELISM);
        assertThat(operators).containsEntry(sink + "-committer", JobConfig.MAX_PARALLELISM);
        assertThat(operators).containsEntry(sink + "-end", JobConfig.MAX_PARALLELISM);
      }
      assertThat(operators).containsEntry(OperatorUids.LAKEHOUSE_ROUTER, JobConfig.MAX_PARALLELISM);
    }
  }

  /**
   * Builds the graph at parallelism 1, 2 and 3 and asserts that each operator (by id, i.e. by uid)
   * sits in a task of the same max parallelism every time; returns operator id to max parallelism.
   */
  private static Map<String, Integer> assertStable(
      Configuration config, Consumer<StreamExecutionEnvironment> build) {
    Map<String, Integer> first = null;
    for (int parallelism = 1; parallelism <= 3; parallelism++) {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
      env.setParallelism(parallelism);
      build.accept(env);
      Map<String, Integer> maxParallelism = maxParallelismByOperator(env);
      if (first == null) {
        first = maxParallelism;
      } else {
        assertThat(maxParallelism.keySet()).isEqualTo(first.keySet());
        Map<String, String> changed = new TreeMap<>();
        for (Map.Entry<String, Integer> e : maxParallelism.entrySet()) {
          if (!e.getValue().equals(first.get(e.getKey()))) {
            changed.put(e.getKey(), first.get(e.getKey()) + " -> " + e.getValue());
          }
        }
        assertThat(changed).as("max parallelism at 1 -> at %d", parallelism).isEmpty();
      }
    }
    assertThat(first).isNotEmpty();
    assertThat(first.values()).allMatch(m -> m == JobConfig.MAX_PARALLELISM || m == 1);
    return first;
  }

  private static Map<String, Integer> maxParallelismByOperator(StreamExecutionEnvironment env) {
    JobGraph graph = StreamingJobGraphGenerator.createJobGraph(env.getStreamGraph());
    Map<String, Integer> byOperator = new TreeMap<>();
    for (JobVertex vertex : graph.getVertices()) {
      for (OperatorIDPair operator : vertex.getOperatorIDs()) {
        byOperator.put(
            operator.getUserDefinedOperatorUid() != null
                ? operator.getUserDefinedOperatorUid()
                : operator.getGeneratedOperatorID().toHexString(),
            vertex.getMaxParallelism());
      }
    }
    return byOperator;
  }
}
