package dev.exchange.jobs.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.maintenance.api.ExpireSnapshots;
import org.apache.iceberg.flink.maintenance.api.RewriteDataFiles;
import org.apache.iceberg.flink.maintenance.api.TableMaintenance;

/**
 * Scheduled maintenance of one cold-tier table with Iceberg's Flink {@code TableMaintenance} API,
 * inside the lakehouse job: small files compacted ({@code RewriteDataFiles}) and old snapshots
 * expired with their unreferenced files ({@code ExpireSnapshots}). A monitor source watches the
 * table's commits; a trigger manager starts a task when its schedule is due and no other task of
 * the table runs. Rewrites commit with Iceberg's conflict checks, so they never lose an append the
 * sink commits meanwhile. Choices and defaults: docs/history.md, "Maintenance".
 *
 * @param compactEveryCommits run a compaction after this many new commits
 * @param compactInterval ... or after this much time since the last one, whichever comes first
 * @param targetFileSizeBytes the size compaction aims for
 * @param minInputFiles a partition is compacted once it has this many files (or more)
 * @param expireInterval how often snapshots are expired
 * @param maxSnapshotAge snapshots older than this are expired ...
 * @param retainLast ... but always the newest this many are kept (time travel, readers in flight)
 * @param checkInterval how often the monitor reads the table for new commits (and the least time
 *     between two tasks): each check loads the table's metadata from the catalog and S3, which at
 *     one second for four tables was a steady cost of the idle stack (docs/performance.md)
 */
public record LakehouseMaintenance(
    int compactEveryCommits,
    Duration compactInterval,
    long targetFileSizeBytes,
    int minInputFiles,
    Duration expireInterval,
    Duration maxSnapshotAge,
    int retainLast,
    Duration checkInterval) {

  /** Production defaults, sized for a commit per minute per table. */
  public static final LakehouseMaintenance DEFAULTS =
      new LakehouseMaintenance(
          60,
          Duration.ofHours(1),
          128L * 1024 * 1024,
          5,
          Duration.ofHours(1),
          Duration.ofDays(1),
          100,
          Duration.ofMinutes(1));

  public LakehouseMaintenance {
    if (compactEveryCommits < 1 || minInputFiles < 2 || retainLast < 1 || targetFileSizeBytes < 1) {
      throw new IllegalArgumentException(
          "maintenance needs compactEveryCommits >= 1, minInputFiles >= 2, retainLast >= 1 and a"
              + " positive target file size: "
              + this);
    }
  }

  /** Argument prefix of the maintenance settings ({@link #fromArgs}). */
  public static final String PREFIX = "maintenance.";

  /** The defaults overridden by {@code --maintenance.*} arguments (see LakehouseJob). */
  public static LakehouseMaintenance fromArgs(ParameterTool p) {
    return new LakehouseMaintenance(
        p.getInt(PREFIX + "compact-every-commits", DEFAULTS.compactEveryCommits),
        Duration.ofSeconds(
            p.getLong(PREFIX + "compact-interval-s", DEFAULTS.compactInterval.toSeconds())),
        p.getLong(PREFIX + "target-file-size-bytes", DEFAULTS.targetFileSizeBytes),
        p.getInt(PREFIX + "min-input-files", DEFAULTS.minInputFiles),
        Duration.ofSeconds(
            p.getLong(PREFIX + "expire-interval-s", DEFAULTS.expireInterval.toSeconds())),
        Duration.ofSeconds(
            p.getLong(PREFIX + "max-snapshot-age-s", DEFAULTS.maxSnapshotAge.toSeconds())),
        p.getInt(PREFIX + "retain-last", DEFAULTS.retainLast),
        Duration.ofSeconds(
            p.getLong(PREFIX + "check-interval-s", DEFAULTS.checkInterval.toSeconds())));
  }

  /**
   * Adds the maintenance of one table to the job graph; {@code name} makes its uids unique and
   * stable ({@code lakehouse-maintenance-<name>}).
   */
  public void addTo(StreamExecutionEnvironment env, TableLoader table, String name) {
    try {
      TableMaintenance.forTable(env, table)
          .uidSuffix("lakehouse-maintenance-" + name)
          .rateLimit(checkInterval)
          .lockCheckDelay(Duration.ofSeconds(1))
          .parallelism(1)
          .add(
              RewriteDataFiles.builder()
                  .scheduleOnCommitCount(compactEveryCommits)
                  .scheduleOnInterval(compactInterval)
                  .targetFileSizeBytes(targetFileSizeBytes)
                  .minInputFiles(minInputFiles)
                  .partialProgressEnabled(true))
          .add(
              ExpireSnapshots.builder()
                  .scheduleOnInterval(expireInterval)
                  .maxSnapshotAge(maxSnapshotAge)
                  .retainLast(retainLast))
          .append();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add maintenance of " + name, e);
    }
  }
}
