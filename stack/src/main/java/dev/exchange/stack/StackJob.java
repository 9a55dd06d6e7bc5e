package dev.exchange.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Flink job of the stack: its name (as the job names itself), entry class and program
 * arguments. Checkpoints go to {@code <flink>/checkpoints/<name>/<jobId>/chk-N}, savepoints to
 * {@code <flink>/savepoints/<name>/savepoint-*}.
 */
public record StackJob(
    String name, String entryClass, List<String> args, boolean refusesEmptyStart) {

  /** The flag of the jobs that refuse to start without state unless told to (EmptyStart). */
  static final String ALLOW_EMPTY_START = "allow-empty-start";

  /**
   * The arguments of a submission: {@link #args}, and for a job that refuses an empty start, the
   * permission when there is nothing to restore from (a fresh stack's first start).
   */
  public List<String> args(boolean nothingToRestore) {
    if (!nothingToRestore || !refusesEmptyStart) {
      return args;
    }
    List<String> all = new java.util.ArrayList<>(args);
    all.add("--" + ALLOW_EMPTY_START);
    all.add("true");
    return List.copyOf(all);
  }

  public Path checkpointDir(Path flinkDir) {
    return flinkDir.resolve("checkpoints").resolve(name);
  }

  public Path savepointDir(Path flinkDir) {
    return flinkDir.resolve("savepoints").resolve(name);
  }

  /**
   * Where to resume from: the newest complete savepoint or retained checkpoint of this job (a clean
   * stop leaves a savepoint newer than every checkpoint; a crash leaves only checkpoints).
   */
  public Optional<Path> latestRestorePoint(Path flinkDir) {
    return Stream.of(savepointDir(flinkDir), checkpointDir(flinkDir))
        .filter(Files::isDirectory)
        .flatMap(StackJob::metadataFiles)
        .max(Comparator.comparing(StackJob::modified))
        .map(Path::getParent);
  }

  private static Stream<Path> metadataFiles(Path root) {
    try (Stream<Path> files = Files.walk(root, 3)) {
      return files.filter(p -> p.getFileName().toString().equals("_metadata")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
