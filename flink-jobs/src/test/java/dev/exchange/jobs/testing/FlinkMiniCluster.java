package dev.exchange.jobs.testing;

import dev.exchange.jobs.common.JobConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink MiniCluster job tests run on. */
public final class FlinkMiniCluster {

  private FlinkMiniCluster() {}

  /**
   * Two TaskManagers with one slot each: a job at parallelism 2 runs on both, so losing either one
   * is a real failure of the job.
   */
  public static MiniClusterExtension extension() {
    return extension(Map.of());
  }

  /** {@link #extension()} with {@code settings} added to the cluster's configuration. */
  public static MiniClusterExtension extension(Map<String, String> settings) {
    Configuration conf = Configuration.fromMap(settings);
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(32));
    conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(32));
    conf.set(CoreOptions.TMP_DIRS, Path.of("target", "flink-tmp").toAbsolutePath().toString());
    // Only where jobs that enable the changelog state backend write it (the matching job).
    JobConfig.changelogStorage(
        conf, Path.of("target", "flink-changelog").toAbsolutePath().toUri().toString());
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(1)
            .setConfiguration(conf)
            .build());
  }
}
