package dev.exchange.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The Flink REST API of the session cluster: jar upload, job submission, savepoints, status. */
public final class FlinkRest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public FlinkRest(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A job as the dashboard lists it. */
  public record Job(String id, String name, String state, long startTime) {
    public boolean running() {
      return "RUNNING".equals(state);
    }

    public boolean active() {
      return switch (state) {
        case "FINISHED", "CANCELED", "FAILED" -> false;
        default -> true;
      };
    }
  }

  /** The newest completed checkpoint of a job. */
  public record Checkpoint(long id, String externalPath, long completedAt) {}

  public String baseUrl() {
    return baseUrl;
  }

  /** Total and available task slots, or empty when the cluster does not answer. */
  public Optional<int[]> slots() {
    try {
      JsonNode overview = get("/overview");
      return Optional.of(
          new int[] {
            overview.path("slots-total").asInt(), overview.path("slots-available").asInt()
          });
    } catch (IOException | RuntimeException e) {
      // Not up yet, or still electing its leader (503).
      return Optional.empty();
    }
  }

  public List<Job> jobs() {
    List<Job> jobs = new ArrayList<>();
    for (JsonNode job : getUnchecked("/jobs/overview").path("jobs")) {
      jobs.add(
          new Job(
              job.path("jid").asText(),
              job.path("name").asText(),
              job.path("state").asText(),
              job.path("start-time").asLong()));
    }
    return jobs;
  }

  /** The newest job with this name that is not finished, failed or canceled. */
  public Optional<Job> activeJob(String name) {
    return jobs().stream()
        .filter(j -> j.name().equals(name) && j.active())
        .max((a, b) -> Long.compare(a.startTime(), b.startTime()));
  }

  public Optional<Checkpoint> latestCheckpoint(String jobId) {
    JsonNode completed =
        getUnchecked("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
    if (completed.isMissingNode() || completed.isNull()) {
      return Optional.empty();
    }
    return Optional.of(
        new Checkpoint(
            completed.path("id").asLong(),
            completed.path("external_path").asText(),
            completed.path("latest_ack_timestamp").asLong()));
  }

  /** Uploads a job jar; returns the jar id for {@link #run}. */
  public String uploadJar(Path jar) {
    String boundary = "----exchange-" + UUID.randomUUID();
    try {
      byte[] head =
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                  + jar.getFileName()
                  + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8);
      byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
      // Streamed from the file: the shaded job jar is far larger than the launcher's heap.
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/jars/upload"))
              .timeout(Duration.ofMinutes(2))
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(
                  HttpRequest.BodyPublishers.concat(
                      HttpRequest.BodyPublishers.ofByteArray(head),
                      HttpRequest.BodyPublishers.ofFile(jar),
                      HttpRequest.BodyPublishers.ofByteArray(tail)))
              .build();
      JsonNode answer = send(request);
      String filename = answer.path("filename").asText();
      if (filename.isEmpty()) {
        throw new IllegalStateException("Flink did not accept " + jar + ": " + answer);
      }
      return Path.of(filename).getFileName().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload " + jar + " to " + baseUrl, e);
    }
  }

  /**
   * Runs {@code entryClass} from an uploaded jar; {@code restorePath} is a savepoint or retained
   * checkpoint to start from. Returns the job id.
   */
  public String run(
      String jarId, String entryClass, List<String> args, int parallelism, String restorePath) {
    ObjectNode body =
        JSON.createObjectNode().put("entryClass", entryClass).put("parallelism", parallelism);
    var list = body.putArray("programArgsList");
    args.forEach(list::add);
    if (restorePath != null) {
      // CLAIM: the job takes over the snapshot's files. NO_CLAIM would demand a full first
      // checkpoint,
      // which the matching job's changelog state backend cannot take, so it would never checkpoint.
      body.put("savepointPath", restorePath)
          .put("allowNonRestoredState", false)
          .put("claimMode", "CLAIM");
    }
    JsonNode answer = post("/jars/" + jarId + "/run", body, Duration.ofMinutes(3));
    String jobId = answer.path("jobid").asText();
    if (jobId.isEmpty()) {
      throw new IllegalStateException("Flink did not start " + entryClass + ": " + answer);
    }
    return jobId;
  }

  /**
   * Waits until the job and every one of its tasks run: Flink refuses to trigger a savepoint while
   * a task is still deploying or initializing (after a restart, say). Returns false at the bound.
   */
  public boolean awaitTasksRunning(String jobId, Duration bound) {
    Instant deadline = Instant.now().plus(bound);
    while (!allTasksRunning(getUnchecked("/jobs/" + jobId))) {
      if (!Instant.now().isBefore(deadline)) {
        return false;
      }
      pause(Duration.ofMillis(200));
    }
    return true;
  }

  /** Whether a {@code GET /jobs/<id>} answer shows the job and all its vertices RUNNING. */
  static boolean allTasksRunning(JsonNode job) {
    JsonNode vertices = job.path("vertices");
    if (!"RUNNING".equals(job.path("state").asText()) || vertices.isEmpty()) {
      return false;
    }
    for (JsonNode vertex : vertices) {
      if (!"RUNNING".equals(vertex.path("status").asText())) {
        return false;
      }
    }
    return true;
  }

  /** Stops a job with a savepoint into {@code dir}; returns the savepoint path. */
  public String stopWithSavepoint(String jobId, Path dir, Duration timeout) {
    ObjectNode body =
        JSON.createObjectNode().put("targetDirectory", dir.toUri().toString()).put("drain", false);
    String trigger =
        post("/jobs/" + jobId + "/stop", body, Duration.ofSeconds(30)).path("request-id").asText();
    return awaitSavepoint(jobId, trigger, timeout);
  }

  /** Takes a savepoint into {@code dir} and keeps the job running; returns its path. */
  public String savepoint(String jobId, Path dir, Duration timeout) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("target-directory", dir.toUri().toString())
            .put("cancel-job", false);
    String trigger =
        post("/jobs/" + jobId + "/savepoints", body, Duration.ofSeconds(30))
            .path("request-id")
            .asText();
    return awaitSavepoint(jobId, trigger, timeout);
  }

  public void cancel(String jobId) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId + "?mode=cancel"))
            .timeout(Duration.ofSeconds(30))
            .method("PATCH", HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      send(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String awaitSavepoint(String jobId, String trigger, Duration timeout) {
    if (trigger.isEmpty()) {
      throw new IllegalStateException("Flink did not trigger a savepoint for job " + jobId);
    }
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonNode status = getUnchecked("/jobs/" + jobId + "/savepoints/" + trigger);
      if ("COMPLETED".equals(status.path("status").path("id").asText())) {
        JsonNode operation = status.path("operation");
        if (operation.has("location")) {
          return operation.get("location").asText();
        }
        throw new IllegalStateException(
            "savepoint of job "
                + jobId
                + " failed: "
                + operation.path("failure-cause").path("stack-trace").asText(operation.toString()));
      }
      pause(Duration.ofMillis(200));
    }
    throw new IllegalStateException(
        "savepoint of job " + jobId + " not done within " + timeout.toSeconds() + " s");
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private JsonNode get(String path) throws IOException {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build());
  }

  private JsonNode getUnchecked(String path) {
    try {
      return get(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Flink REST " + baseUrl + path + " failed", e);
    }
  }

  private JsonNode post(String path, JsonNode body, Duration timeout) {
    try {
      return send(
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException("Flink REST " + baseUrl + path + " failed", e);
    }
  }

  private JsonNode send(HttpRequest request) throws IOException {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            "Flink REST "
                + request.method()
                + " "
                + request.uri().getPath()
                + " answered "
                + response.statusCode()
                + ": "
                + abbreviate(response.body()));
      }
      String text = response.body();
      return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 4000 ? text.substring(0, 4000) + "…" : text;
  }
}
