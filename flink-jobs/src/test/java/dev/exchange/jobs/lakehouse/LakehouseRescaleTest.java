package dev.exchange.jobs.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.FlinkMiniCluster;
import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.lakehouse.LakehouseTables;
import dev.exchange.lakehouse.testing.LakehouseFixture;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lakehouse job (production graph, maintenance included) stopped with a savepoint at
 * parallelism 2, restored at 1, stopped again and restored at 2, on a Flink MiniCluster against the
 * real Kafka broker, PostgreSQL and S3 server: every restore is accepted, and Iceberg holds every
 * row exactly once. docs/decisions.md, "Flink jobs: one max parallelism".
 */
@ExtendWith(LocalServicesExtension.class)
class LakehouseRescaleTest {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

  @Test
  void aSavepointRestoresAtAnotherParallelismAndWritesExactlyOnce(
      KafkaBroker kafka, PostgresServer pg, S3Server s3) throws Exception {
    TopicNames topics = new TopicNames("lake-rescale-" + RUN + ".");
    KafkaIo.createTopics(kafka, topics);
    LakeLog log = new LakeLog(23, 1500, System.currentTimeMillis());
    List<List<KafkaIo.Entry>> inputs =
        List.of(
            LakeLog.entries(log.trades), LakeLog.entries(log.candles), LakeLog.entries(log.events));
    List<String> topicNames = List.of(topics.trades(), topics.candles(), topics.orderEvents());
    int[] parallelisms = {2, 1, 2};

    try (LakehouseFixture lake = LakehouseFixture.create(pg, s3)) {
      String savepoint = null;
      for (int phase = 0; phase < parallelisms.length; phase++) {
        long committed = snapshots(lake);
        for (int t = 0; t < inputs.size(); t++) {
          KafkaIo.produce(kafka, topicNames.get(t), slice(inputs.get(t), phase, 3));
        }
        JobClient job =
            LakehouseJobTest.submit(kafka, topics, lake, parallelisms[phase], savepoint);
        if (phase < parallelisms.length - 1) {
          // Stop as soon as this phase's job has committed to Iceberg: rows may be in flight.
          await()
              .atMost(TIMEOUT)
              .pollInterval(Duration.ofMillis(200))
              .until(() -> running(job) && snapshots(lake) > committed);
          savepoint =
              job.stopWithSavepoint(
                      false,
                      Path.of("target", "savepoints").toAbsolutePath().toUri().toString(),
                      SavepointFormatType.CANONICAL)
                  .get();
          assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.FINISHED);
          continue;
        }
        try {
          await()
              .atMost(TIMEOUT)
              .pollInterval(Duration.ofMillis(500))
              .untilAsserted(
                  () -> {
                    assertThat(running(job)).isTrue();
                    assertThat(rows(lake, LakehouseTables.TRADES)).isEqualTo(log.expectedTrades());
                    assertThat(rows(lake, LakehouseTables.ORDER_EVENTS))
                        .isEqualTo(log.expectedEvents());
                    assertThat(rows(lake, LakehouseTables.CANDLES_1M))
                        .isEqualTo(log.expectedCandles());
                    assertThat(rows(lake, LakehouseTables.CANDLES_1H))
                        .isEqualTo(log.expectedHours());
                  });
        } finally {
          job.cancel().get();
        }
      }
    }
  }

  /**
   * Whether the job runs; throws at once, with Flink's reason, if it failed (a restore that Flink
   * rejects, such as "Max parallelism mismatch", fails the job as it starts).
   */
  private static boolean running(JobClient job) throws Exception {
    JobStatus status = job.getJobStatus().get();
    if (status.isGloballyTerminalState()) {
      try {
        job.getJobExecutionResult().get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("the lakehouse job ended: " + status, e);
      }
      throw new IllegalStateException("the lakehouse job ended: " + status);
    }
    return status == JobStatus.RUNNING;
  }

  /** Snapshots of all four tables: grows with every commit (appends and compactions). */
  private static long snapshots(LakehouseFixture lake) {
    long n = 0;
    for (TableIdentifier id :
        List.of(
            LakehouseTables.TRADES,
            LakehouseTables.CANDLES_1M,
            LakehouseTables.CANDLES_1H,
            LakehouseTables.ORDER_EVENTS)) {
      for (Snapshot ignored : lake.table(id).snapshots()) {
        n++;
      }
    }
    return n;
  }

  private static List<String> rows(LakehouseFixture lake, TableIdentifier table) {
    return LakeLog.rows(lake.readAll(table));
  }

  private static List<KafkaIo.Entry> slice(List<KafkaIo.Entry> all, int part, int parts) {
    int size = (all.size() + parts - 1) / parts;
    return all.subList(Math.min(all.size(), part * size), Math.min(all.size(), (part + 1) * size));
  }
}
