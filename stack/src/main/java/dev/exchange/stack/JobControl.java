package dev.exchange.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Submits, savepoints, stops and redeploys the stack's jobs through the Flink REST API. Used by the
 * launcher and by the ops commands ({@code ./exchange savepoint|redeploy}), which find the running
 * cluster through the state file. Every savepoint taken is appended to {@code
 * <flink>/savepoints.tsv}.
 */
public final class JobControl {

  static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(3);
  static final Duration TASKS_RUNNING_TIMEOUT = Duration.ofSeconds(60);
  static final int SAVEPOINT_ATTEMPTS = 3;

  /** A savepoint attempt is not started with less time left than this. */
  static final Duration MIN_ATTEMPT = Duration.ofSeconds(5);

  private final FlinkRest rest;
  private final Path flinkDir;
  private final Path jobJar;
  private final int parallelism;
  private final Map<String, StackJob> jobs = new LinkedHashMap<>();

  public JobControl(
      FlinkRest rest, Path flinkDir, Path jobJar, int parallelism, List<StackJob> jobs) {
    this.rest = rest;
    this.flinkDir = flinkDir;
    this.jobJar = jobJar;
    this.parallelism = parallelism;
    jobs.forEach(j -> this.jobs.put(j.name(), j));
  }

  public List<StackJob> jobs() {
    return List.copyOf(jobs.values());
  }

  public FlinkRest rest() {
    return rest;
  }

  public StackJob job(String name) {
    StackJob job = jobs.get(name);
    if (job == null) {
      throw new IllegalArgumentException(
          "unknown job '" + name + "'; the stack runs " + String.join(", ", jobs.keySet()));
    }
    return job;
  }

  /** What a submission resumed from, for the startup report. */
  public record Submitted(String name, String jobId, Optional<Path> restoredFrom) {}

  /** Uploads the job jar and submits every job from its latest savepoint or checkpoint. */
  public List<Submitted> submitAll() {
    return submit(jobs.values());
  }

  /**
   * Uploads the job jar and submits these jobs, each from its latest savepoint or retained
   * checkpoint.
   */
  public List<Submitted> submit(Collection<StackJob> toSubmit) {
    String jarId = rest.uploadJar(jobJar);
    List<Submitted> submitted = new ArrayList<>();
    for (StackJob job : toSubmit) {
      Optional<Path> restore = job.latestRestorePoint(flinkDir);
      String id =
          rest.run(
              jarId,
              job.entryClass(),
              job.args(restore.isEmpty()),
              parallelism,
              restore.map(p -> p.toUri().toString()).orElse(null));
      submitted.add(new Submitted(job.name(), id, restore));
    }
    return submitted;
  }

  /**
   * The jobs the cluster should run but does not: unknown to it (a restarted JobManager knows no
   * jobs) or failed for good. A job stopped on purpose (finished with a savepoint, cancelled) is
   * not missing: a redeploy submits it again itself.
   */
  public List<StackJob> missing() {
    List<FlinkRest.Job> cluster = rest.jobs();
    List<StackJob> missing = new ArrayList<>();
    for (StackJob job : jobs.values()) {
      Optional<FlinkRest.Job> newest =
          cluster.stream()
              .filter(j -> j.name().equals(job.name()))
              .max(Comparator.comparingLong(FlinkRest.Job::startTime));
      if (newest.isEmpty() || "FAILED".equals(newest.get().state())) {
        missing.add(job);
      }
    }
    return missing;
  }

  /** Waits until every job runs (all tasks deployed). */
  public void awaitRunning(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    for (StackJob job : jobs.values()) {
      while (rest.activeJob(job.name()).filter(FlinkRest.Job::running).isEmpty()) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "Flink job " + job.name() + " is not running after " + timeout);
        }
        FlinkRest.pause(Duration.ofMillis(250));
      }
    }
  }

  /** Takes a savepoint of a running job; returns its path. */
  public Path savepoint(String name) {
    StackJob job = job(name);
    FlinkRest.Job running =
        rest.activeJob(name)
            .orElseThrow(() -> new IllegalStateException("job " + name + " is not running"));
    rest.awaitTasksRunning(running.id(), TASKS_RUNNING_TIMEOUT);
    Path path =
        Path.of(
            java.net.URI.create(
                withScheme(
                    rest.savepoint(running.id(), job.savepointDir(flinkDir), SAVEPOINT_TIMEOUT))));
    record(name, "savepoint", running.id(), path);
    return path;
  }

  /**
   * Stops a running job with a savepoint; returns the savepoint path. A job whose tasks are still
   * coming up (after a restart) is waited for, and a savepoint that Flink declines is tried again
   * once the tasks run, up to {@link #SAVEPOINT_ATTEMPTS} times.
   */
  public Path stopWithSavepoint(String name) {
    return stopWithSavepoint(name, Instant.now().plus(SAVEPOINT_TIMEOUT));
  }

  /** {@link #stopWithSavepoint(String)}, giving up at {@code deadline}. */
  private Path stopWithSavepoint(String name, Instant deadline) {
    StackJob job = job(name);
    RuntimeException last = null;
    for (int attempt = 1; attempt <= SAVEPOINT_ATTEMPTS; attempt++) {
      if (until(deadline).compareTo(MIN_ATTEMPT) < 0) {
        break;
      }
      FlinkRest.Job running =
          rest.activeJob(name)
              .orElseThrow(() -> new IllegalStateException("job " + name + " is not running"));
      rest.awaitTasksRunning(running.id(), min(TASKS_RUNNING_TIMEOUT, until(deadline)));
      try {
        Path path =
            Path.of(
                java.net.URI.create(
                    withScheme(
                        rest.stopWithSavepoint(
                            running.id(), job.savepointDir(flinkDir), until(deadline)))));
        record(name, "stop-with-savepoint", running.id(), path);
        return path;
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last != null ? last : new IllegalStateException("no time left for a savepoint");
  }

  /**
   * Stops every running job with a savepoint (in parallel), within {@code bound}: a job that cannot
   * take one in time (the broker is down, say) is cancelled, and its retained checkpoint, kept on
   * cancellation, is then where it resumes. Returns a line per job for the report.
   */
  public List<String> stopAll(Duration bound) {
    Instant deadline = Instant.now().plus(bound);
    List<String> report = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (StackJob job : jobs.values()) {
      Thread t =
          new Thread(
              () -> {
                try {
                  if (rest.activeJob(job.name()).isEmpty()) {
                    return;
                  }
                  report.add(job.name() + ": savepoint " + stopWithSavepoint(job.name(), deadline));
                } catch (RuntimeException e) {
                  report.add(job.name() + ": " + cancel(job, bound, e));
                }
              },
              "stop-" + job.name());
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, until(deadline).plusSeconds(15).toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return report;
  }

  /** Cancels a job that took no savepoint; says where it will resume. */
  private String cancel(StackJob job, Duration bound, RuntimeException why) {
    String reason = String.valueOf(why.getMessage()).lines().findFirst().orElse("");
    String cancelled;
    try {
      rest.activeJob(job.name()).ifPresent(j -> rest.cancel(j.id()));
      cancelled = "cancelled";
    } catch (RuntimeException e) {
      cancelled = "cannot cancel (" + e.getMessage() + ")";
    }
    return "no savepoint within "
        + bound.toSeconds()
        + " s ("
        + reason
        + "); "
        + cancelled
        + ", resumes from its retained checkpoint "
        + job.latestRestorePoint(flinkDir).map(Path::toString).orElse("(none)");
  }

  private static Duration until(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * Ships the current build of a job: stops it with a savepoint, uploads the job jar as it is now
   * and submits it from that savepoint, or from {@code fromSavepoint} when given.
   */
  public Submitted redeploy(String name, Optional<Path> fromSavepoint) {
    StackJob job = job(name);
    if (fromSavepoint.isPresent() && !Files.exists(fromSavepoint.get().resolve("_metadata"))) {
      throw new IllegalArgumentException(
          fromSavepoint.get() + " is not a savepoint (no _metadata in it)");
    }
    Optional<Path> taken =
        rest.activeJob(name).isPresent() ? Optional.of(stopWithSavepoint(name)) : Optional.empty();
    Path restore =
        fromSavepoint.or(() -> taken).or(() -> job.latestRestorePoint(flinkDir)).orElse(null);
    String jarId = rest.uploadJar(jobJar);
    String id =
        rest.run(
            jarId,
            job.entryClass(),
            job.args(restore == null),
            parallelism,
            restore == null ? null : restore.toUri().toString());
    return new Submitted(name, id, Optional.ofNullable(restore));
  }

  private void record(String job, String kind, String jobId, Path path) {
    try {
      Files.writeString(
          flinkDir.resolve("savepoints.tsv"),
          Instant.now() + "\t" + job + "\t" + kind + "\t" + jobId + "\t" + path + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String withScheme(String location) {
    return location.startsWith("file:") ? location : "file://" + location;
  }
}
