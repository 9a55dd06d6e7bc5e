package dev.exchange.jobs.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One job of the catalog (dev.exchange.jobs.JobCatalog): its name (the Flink job name, the stack's
 * and the deployment's key), its entry class, its flags (the {@link JobOptions#shared shared} ones
 * and its own) and its checkpoint interval policy.
 *
 * @param environmentCheckpointInterval true when the job's outputs are transactional and read
 *     read_committed: its checkpoint interval is then how far behind its readers are, so an
 *     environment passes its own (the stack's {@code --checkpoint-interval}); false when the job
 *     keeps {@code defaultCheckpointInterval} everywhere
 */
public record JobSpec(
    String name,
    Class<?> entryClass,
    String description,
    Duration defaultCheckpointInterval,
    boolean environmentCheckpointInterval,
    List<JobFlag> ownFlags) {

  /** The shared flags followed by the job's own. */
  public List<JobFlag> flags() {
    List<JobFlag> all = new ArrayList<>(JobOptions.shared(defaultCheckpointInterval));
    all.addAll(ownFlags);
    return all;
  }
}
