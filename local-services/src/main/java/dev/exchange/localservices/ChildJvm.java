package dev.exchange.localservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A service running in its own JVM, wrapped by {@link ParentWatch}, with stdout and stderr in one
 * log file. Stopping closes its stdin (clean shutdown through the service's own hooks), then
 * escalates to SIGTERM and SIGKILL.
 */
public final class ChildJvm {

  /** System property that marks our children so scripts can find leftovers: {@code pgrep -f}. */
  public static final String MARKER = "-Dexchange.local-service=";

  /**
   * JVM flags for the local stack's processes that mostly wait (services, S3 server, Flink's
   * JobManager) on a machine where a dozen processes share two cores: the serial collector (no
   * concurrent GC threads) and the C1 compiler only (no C2 compile storm at start-up). edge-api
   * starts on 8.5–10.3 s of CPU with them, against 18.8–22.6 s with G1 and C2
   * (docs/performance.md); the hot path of the exchange (the TaskManager, the broker) keeps C2.
   */
  public static final List<String> LEAN = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final String name;
  private final List<String> command;
  private final Path logFile;
  private final Map<String, String> environment;
  private Process process;

  public ChildJvm(
      String name,
      String classpath,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      Path logFile) {
    this(name, classpath, jvmArgs, mainClass, args, Map.of(), logFile);
  }

  /**
   * A child with {@code environment} added to this JVM's environment (how a deployment gives a
   * container its settings).
   */
  public ChildJvm(
      String name,
      String classpath,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      Map<String, String> environment,
      Path logFile) {
    this.name = name;
    this.logFile = logFile;
    this.environment = Map.copyOf(environment);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add(MARKER + name);
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classpath + java.io.File.pathSeparator + ownLocation());
    cmd.add(ParentWatch.class.getName());
    cmd.add(mainClass);
    cmd.addAll(args);
    this.command = List.copyOf(cmd);
  }

  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + "; see " + logFile, e);
    }
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /**
   * Why the child is not running, e.g. {@code killed by signal 9}, or empty while it runs: what a
   * supervisor reports when it restarts the child.
   */
  public synchronized Optional<String> downReason() {
    if (process == null) {
      return Optional.of(name + " is not started");
    }
    if (process.isAlive()) {
      return Optional.empty();
    }
    int code = process.exitValue();
    return Optional.of(
        name
            + (code > 128 ? " was killed by signal " + (code - 128) : " exited with code " + code));
  }

  /** Asks the child to stop and waits for it; never leaves it running. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      process = null;
    }
  }

  /** Kills the child without letting it shut down, as a crash would. */
  public synchronized void kill() {
    if (process != null) {
      try {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The process id of the running child, or -1 when it is not running. */
  public synchronized long pid() {
    return process != null && process.isAlive() ? process.pid() : -1;
  }

  public Path logFile() {
    return logFile;
  }

  private static String ownLocation() {
    try {
      return Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
