package dev.exchange.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The job catalog flink-jobs publishes in its jar ({@value #RESOURCE}: every job's name, entry
 * class, flags and checkpoint interval policy; dev.exchange.jobs.JobCatalog). The stack submits the
 * jobs it lists, in its order, with the flags the stack has values for.
 */
final class JobCatalog {

  static final String RESOURCE = "dev/exchange/jobs/jobs.json";

  /**
   * One job of the catalog.
   *
   * @param environmentCheckpointInterval whether the job takes the stack's checkpoint interval
   *     (else it keeps its own default)
   * @param flags the names of its flags; a name ending in "." is a prefix
   */
  record Entry(
      String name, String entryClass, boolean environmentCheckpointInterval, List<String> flags) {

    /**
     * The job with the arguments {@code supplied} has for its flags: {@code --flag value} for a
     * flag, {@code --<prefix><key> value} for each key/value pair of a prefix. Flags the stack has
     * no value for keep their defaults.
     */
    StackJob submission(Map<String, List<String>> supplied) {
      List<String> args = new ArrayList<>();
      for (String flag : flags) {
        List<String> values = supplied.get(flag);
        if (values == null) {
          continue;
        }
        if (flag.endsWith(".")) {
          for (int i = 0; i < values.size(); i += 2) {
            args.add("--" + flag + values.get(i));
            args.add(values.get(i + 1));
          }
        } else {
          args.add("--" + flag);
          args.add(values.get(0));
        }
      }
      return new StackJob(name, entryClass, args, flags.contains(StackJob.ALLOW_EMPTY_START));
    }
  }

  private JobCatalog() {}

  /** The catalog in {@code jobJar}. */
  static List<Entry> read(Path jobJar) {
    try (ZipFile zip = new ZipFile(jobJar.toFile())) {
      ZipEntry entry = zip.getEntry(RESOURCE);
      if (entry == null) {
        throw new IllegalStateException(jobJar + " has no " + RESOURCE + ": rebuild flink-jobs");
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return parse(new ObjectMapper().readTree(in));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the job catalog of " + jobJar, e);
    }
  }

  static List<Entry> parse(JsonNode catalog) {
    List<Entry> entries = new ArrayList<>();
    catalog
        .path("jobs")
        .fields()
        .forEachRemaining(
            job -> {
              JsonNode j = job.getValue();
              List<String> flags = new ArrayList<>();
              j.path("flags").forEach(f -> flags.add(f.path("name").asText()));
              entries.add(
                  new Entry(
                      job.getKey(),
                      j.path("entryClass").asText(),
                      j.path("environmentCheckpointInterval").asBoolean(),
                      List.copyOf(flags)));
            });
    return entries;
  }
}
