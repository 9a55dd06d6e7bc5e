package dev.exchange.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.model.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * What the ops commands need to find a running stack, written to {@code <data>/stack.json} once the
 * stack is up and removed when it stops.
 */
public record StackState(
    long pid,
    String projectDir,
    String dataDir,
    Ports ports,
    int parallelism,
    String jobJar,
    List<StackJob> jobs) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The file a launcher holds locked while it runs from a data folder ({@link #claim}). */
  static final String LOCK_FILE = "stack.lock";

  public static Path file(Path dataDir) {
    return dataDir.resolve("stack.json");
  }

  /**
   * Claims {@code dataDir} for one launcher, from before its first check until it has stopped
   * (closing the channel releases it; so does the launcher's death). A second launcher is refused
   * before it touches anything, even while the first is still starting and has no {@code
   * stack.json} yet.
   */
  static FileChannel claim(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      FileChannel channel =
          FileChannel.open(
              dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      boolean locked;
      try {
        locked = channel.tryLock() != null;
      } catch (OverlappingFileLockException e) {
        locked = false;
      }
      if (!locked) {
        channel.close();
        throw new IllegalStateException(
            "a stack is already running or starting from "
                + dataDir
                + " (it holds "
                + LOCK_FILE
                + "); stop it first (./exchange down)");
      }
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot claim " + dataDir, e);
    }
  }

  public void write() {
    Path target = file(Path.of(dataDir));
    try {
      Path tmp = target.resolveSibling("stack.json.tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The state of a stack started from {@code dataDir}, if its launcher is still alive. */
  public static Optional<StackState> running(Path dataDir) {
    Path file = file(dataDir);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      // The launcher's pid first: a file left by a dead stack of an older build, whose other
      // fields may no longer parse, means no stack is running.
      long pid = JSON.readTree(file.toFile()).path("pid").asLong(-1);
      if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(JSON.readValue(file.toFile(), StackState.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public String baseUrl() {
    return "http://localhost:" + ports.proxy();
  }

  public String flinkUrl() {
    return "http://localhost:" + ports.flinkRest();
  }

  /** The dev token shortcut of this stack: its key pair, with its issuer's URL. */
  public DevIssuer devIssuer() {
    return DevIssuer.load(Path.of(dataDir).resolve("keys"), LocalStack.issuerUrl(ports));
  }

  /** The stack's own connection to its broker: PLAINTEXT, or the SCRAM super user. */
  public KafkaConnection kafkaConnection() {
    return KafkaBroker.connection(Path.of(dataDir).resolve("kafka"), ports.kafka());
  }

  public JobControl jobControl() {
    return new JobControl(
        new FlinkRest("http://127.0.0.1:" + ports.flinkRest()),
        Path.of(dataDir).resolve("flink"),
        Path.of(jobJar),
        parallelism,
        jobs);
  }
}
