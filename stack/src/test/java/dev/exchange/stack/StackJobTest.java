package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a job resumes: the newest complete savepoint or retained checkpoint. */
class StackJobTest {

  @TempDir Path flink;

  private final StackJob job =
      new StackJob("matching", "dev.exchange.jobs.matching.MatchingJob", List.of("--a", "b"), true);

  @Test
  void aJobThatRefusesAnEmptyStartIsAllowedOneOnlyWhenThereIsNothingToRestore() {
    assertThat(job.args(true)).containsExactly("--a", "b", "--allow-empty-start", "true");
    assertThat(job.args(false)).containsExactly("--a", "b");
    StackJob history = new StackJob("history", "H", List.of("--a", "b"), false);
    assertThat(history.args(true)).containsExactly("--a", "b");
  }

  @Test
  void aNewJobStartsWithoutState() {
    assertThat(job.latestRestorePoint(flink)).isEmpty();
  }

  @Test
  void afterACleanStopTheSavepointIsNewerThanEveryCheckpoint() throws Exception {
    Path checkpoint =
        complete(
            flink.resolve("checkpoints/matching/job-1/chk-7"),
            Instant.parse("2026-01-01T10:00:00Z"));
    Path savepoint =
        complete(
            flink.resolve("savepoints/matching/savepoint-abc"),
            Instant.parse("2026-01-01T10:00:05Z"));
    assertThat(job.latestRestorePoint(flink)).contains(savepoint);
    assertThat(checkpoint).exists();
  }

  @Test
  void afterACrashTheLatestRetainedCheckpointWins() throws Exception {
    complete(
        flink.resolve("savepoints/matching/savepoint-old"), Instant.parse("2026-01-01T09:00:00Z"));
    complete(
        flink.resolve("checkpoints/matching/job-2/chk-3"), Instant.parse("2026-01-01T11:00:00Z"));
    Path newest =
        complete(
            flink.resolve("checkpoints/matching/job-2/chk-4"),
            Instant.parse("2026-01-01T11:00:01Z"));
    assertThat(job.latestRestorePoint(flink)).contains(newest);
  }

  @Test
  void anIncompleteCheckpointAndOtherJobsAreIgnored() throws Exception {
    Path complete =
        complete(
            flink.resolve("checkpoints/matching/job-3/chk-1"),
            Instant.parse("2026-01-01T12:00:00Z"));
    Files.createDirectories(flink.resolve("checkpoints/matching/job-3/chk-2"));
    complete(
        flink.resolve("checkpoints/history/job-4/chk-9"), Instant.parse("2026-01-01T13:00:00Z"));
    assertThat(job.latestRestorePoint(flink)).contains(complete);
  }

  private static Path complete(Path dir, Instant time) throws Exception {
    Files.createDirectories(dir);
    Path metadata = Files.writeString(dir.resolve("_metadata"), "x");
    Files.setLastModifiedTime(metadata, FileTime.from(time));
    return dir;
  }
}
