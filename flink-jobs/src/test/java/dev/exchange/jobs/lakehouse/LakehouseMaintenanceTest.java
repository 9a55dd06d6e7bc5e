package dev.exchange.jobs.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.exchange.lakehouse.LakehouseRows;
import dev.exchange.lakehouse.LakehouseTables;
import dev.exchange.lakehouse.testing.LakehouseFixture;
import dev.exchange.lakehouse.testing.SampleRecords;
import dev.exchange.localservices.LocalServicesExtension;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scheduled maintenance of the lakehouse job (Iceberg's Flink TableMaintenance) on a table with
 * many small files and snapshots: compaction leaves fewer files with the same rows, expiry removes
 * the old snapshots and keeps the newest ones.
 */
@ExtendWith(LocalServicesExtension.class)
class LakehouseMaintenanceTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = dev.exchange.jobs.testing.FlinkMiniCluster.extension();

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Test
  void smallFilesAreCompactedAndOldSnapshotsExpired(PostgresServer pg, S3Server s3)
      throws Exception {
    try (LakehouseFixture lake = LakehouseFixture.create(pg, s3)) {
      // 12 commits of one small file each into two partitions (one day, two symbols).
      long day = 1_772_323_200_000L; // 2026-03-01T00:00Z
      long id = 0;
      for (int commit = 0; commit < 12; commit++) {
        List<Record> rows = new ArrayList<>();
        String symbol = commit % 2 == 0 ? "BTCUSDT" : "ETHUSDT";
        for (int i = 0; i < 50; i++) {
          id++;
          rows.add(
              LakehouseRows.trade(SampleRecords.trade(symbol, id, day + id * 1000, 100 + id, 7)));
        }
        lake.append(LakehouseTables.TRADES, rows);
      }
      Table table = lake.table(LakehouseTables.TRADES);
      List<String> before = LakeLog.rows(lake.readAll(LakehouseTables.TRADES));
      Set<Long> oldSnapshots = new TreeSet<>();
      table.snapshots().forEach(s -> oldSnapshots.add(s.snapshotId()));
      assertThat(dataFiles(table)).isEqualTo(12);
      assertThat(oldSnapshots).hasSize(12);

      LakehouseMaintenance maintenance =
          new LakehouseMaintenance(
              1,
              Duration.ofSeconds(1),
              128L * 1024 * 1024,
              2,
              Duration.ofSeconds(1),
              Duration.ofMillis(1),
              2,
              Duration.ofSeconds(1));
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.getExecutionEnvironment(
              LakehouseJob.config(Duration.ofMillis(500)));
      env.setParallelism(1);
      maintenance.addTo(env, LakehouseJob.Tables.of(lake.properties()).trades(), "trades");
      JobClient job = env.executeAsync("lakehouse maintenance test");
      try {
        await()
            .atMost(TIMEOUT)
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  table.refresh();
                  assertThat(dataFiles(table)).isEqualTo(2);
                  List<Long> live = new ArrayList<>();
                  table.snapshots().forEach(s -> live.add(s.snapshotId()));
                  assertThat(live)
                      .hasSizeLessThanOrEqualTo(2)
                      .doesNotContainAnyElementsOf(oldSnapshots);
                });
      } finally {
        job.cancel().get();
      }
      assertThat(LakeLog.rows(lake.readAll(LakehouseTables.TRADES))).isEqualTo(before);
      Snapshot current = table.currentSnapshot();
      assertThat(current.operation()).isEqualTo("replace");
    }
  }

  private static int dataFiles(Table table) throws Exception {
    int n = 0;
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask ignored : tasks) {
        n++;
      }
    }
    return n;
  }
}
