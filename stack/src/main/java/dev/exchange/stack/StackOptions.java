package dev.exchange.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start a {@link LocalStack}.
 *
 * @param projectDir the checkout: jars are taken from its modules' {@code target} folders and the
 *     web app from {@code frontend/dist}
 * @param dataDir the one folder holding all state, logs and configuration of the stack
 * @param ports where everything listens
 * @param fresh delete the data folder first
 * @param simulate run the market simulator
 * @param parallelism parallelism of every Flink job
 * @param checkpointInterval checkpoint interval of the matching and market-data jobs, whose
 *     transactional outputs are read read_committed (history and lakehouse keep their own)
 * @param progress where startup progress is printed
 * @param secureKafka whether the broker's only client listener is SASL_SSL with SCRAM-SHA-512 and
 *     every service and job authenticates as its own user (the shape of the AWS deployment,
 *     docs/stack.md)
 */
public record StackOptions(
    Path projectDir,
    Path dataDir,
    Ports ports,
    boolean fresh,
    boolean simulate,
    int parallelism,
    Duration checkpointInterval,
    PrintStream progress,
    boolean secureKafka) {

  public StackOptions {
    projectDir = projectDir.toAbsolutePath().normalize();
    dataDir = dataDir.toAbsolutePath().normalize();
    if (parallelism < 1 || parallelism > 4) {
      throw new IllegalArgumentException("parallelism must be 1 to 4, was " + parallelism);
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException("checkpoint interval must be positive");
    }
  }

  /** {@code ./exchange up}: fixed ports, data in {@code ./.data}, simulator on. */
  public static StackOptions defaults(Path projectDir) {
    return new StackOptions(
        projectDir,
        projectDir.resolve(".data"),
        Ports.defaults(),
        false,
        true,
        1,
        Duration.ofSeconds(1),
        System.out,
        false);
  }

  /** For tests: free ports, the given data folder started fresh, no simulator. */
  public static StackOptions forTests(Path projectDir, Path dataDir) {
    return new StackOptions(
        projectDir,
        dataDir,
        Ports.free(),
        true,
        false,
        1,
        Duration.ofSeconds(1),
        System.out,
        false);
  }

  public StackOptions withDataDir(Path dir) {
    return new StackOptions(
        projectDir,
        dir,
        ports,
        fresh,
        simulate,
        parallelism,
        checkpointInterval,
        progress,
        secureKafka);
  }

  public StackOptions withFresh(boolean value) {
    return new StackOptions(
        projectDir,
        dataDir,
        ports,
        value,
        simulate,
        parallelism,
        checkpointInterval,
        progress,
        secureKafka);
  }

  public StackOptions withSimulate(boolean value) {
    return new StackOptions(
        projectDir,
        dataDir,
        ports,
        fresh,
        value,
        parallelism,
        checkpointInterval,
        progress,
        secureKafka);
  }

  public StackOptions withParallelism(int value) {
    return new StackOptions(
        projectDir,
        dataDir,
        ports,
        fresh,
        simulate,
        value,
        checkpointInterval,
        progress,
        secureKafka);
  }

  public StackOptions withPorts(Ports value) {
    return new StackOptions(
        projectDir,
        dataDir,
        value,
        fresh,
        simulate,
        parallelism,
        checkpointInterval,
        progress,
        secureKafka);
  }

  public StackOptions withProgress(PrintStream value) {
    return new StackOptions(
        projectDir,
        dataDir,
        ports,
        fresh,
        simulate,
        parallelism,
        checkpointInterval,
        value,
        secureKafka);
  }

  public StackOptions withSecureKafka(boolean value) {
    return new StackOptions(
        projectDir,
        dataDir,
        ports,
        fresh,
        simulate,
        parallelism,
        checkpointInterval,
        progress,
        value);
  }
}
