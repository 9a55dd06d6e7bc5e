package dev.exchange.bench.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the job's checkpoints cost each operator, read from the Flink REST API of a local cluster:
 * per subtask the synchronous part (the task thread is blocked: the sink flushes and starts its
 * next transaction, RocksDB takes its native checkpoint), the barrier alignment, and the delay of
 * the barrier behind the records (how far the task is behind).
 */
final class CheckpointStats {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CheckpointStats() {}

  /**
   * Prints, per operator chain, the distribution over all checkpoints triggered from {@code from}.
   */
  static void report(int restPort, String jobId, long from) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://localhost:" + restPort + "/jobs/" + jobId;
    JsonNode vertices = get(http, base).get("vertices");
    JsonNode history = get(http, base + "/checkpoints").get("history");
    List<Long> ids = new ArrayList<>();
    List<Long> endToEnd = new ArrayList<>();
    for (JsonNode cp : history) {
      if ("COMPLETED".equals(cp.get("status").asText())
          && cp.get("trigger_timestamp").asLong() >= from) {
        ids.add(cp.get("id").asLong());
        endToEnd.add(cp.get("end_to_end_duration").asLong());
      }
    }
    System.out.printf("RESULT checkpoints=%d end-to-end %s%n", ids.size(), summary(endToEnd));
    for (JsonNode vertex : vertices) {
      List<Long> sync = new ArrayList<>();
      List<Long> async = new ArrayList<>();
      List<Long> alignment = new ArrayList<>();
      List<Long> startDelay = new ArrayList<>();
      for (long id : ids) {
        JsonNode subtasks =
            get(
                    http,
                    base + "/checkpoints/details/" + id + "/subtasks/" + vertex.get("id").asText())
                .get("subtasks");
        for (JsonNode subtask : subtasks) {
          if (!subtask.has("checkpoint")) {
            continue;
          }
          sync.add(subtask.get("checkpoint").get("sync").asLong());
          async.add(subtask.get("checkpoint").get("async").asLong());
          alignment.add(subtask.get("alignment").get("duration").asLong());
          startDelay.add(subtask.get("start_delay").asLong());
        }
      }
      System.out.printf(
          "RESULT checkpoint '%s': sync %s; async %s; alignment %s; barrier delay %s%n",
          vertex.get("name").asText(),
          summary(sync),
          summary(async),
          summary(alignment),
          summary(startDelay));
    }
  }

  private static String summary(List<Long> values) {
    if (values.isEmpty()) {
      return "n/a";
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(
        "p50=%dms p90=%dms max=%dms",
        sorted.get(sorted.size() / 2),
        sorted.get(Math.min(sorted.size() - 1, sorted.size() * 9 / 10)),
        sorted.get(sorted.size() - 1));
  }

  private static JsonNode get(HttpClient http, String url)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
