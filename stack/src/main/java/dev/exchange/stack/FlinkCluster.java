package dev.exchange.stack;

import dev.exchange.localservices.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink 2.1 session cluster: a JobManager ({@code StandaloneSessionClusterEntrypoint}, dashboard
 * and REST) and one TaskManager ({@code TaskManagerRunner}) as separate JVMs, with RocksDB state,
 * checkpoints and savepoints in the data folder. JVM memory flags are derived from the Flink
 * configuration the same way Flink's own start scripts do ({@code BashJavaUtils}).
 */
public final class FlinkCluster implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** JVM flags Flink's distribution sets for Java 17 ({@code env.java.opts.all} default). */
  private static final List<String> JAVA17_OPTS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final Path dir;
  private final FlinkRest rest;
  private final ChildJvm jobManager;
  private final ChildJvm taskManager;

  private FlinkCluster(Path dir, FlinkRest rest, ChildJvm jobManager, ChildJvm taskManager) {
    this.dir = dir;
    this.rest = rest;
    this.jobManager = jobManager;
    this.taskManager = taskManager;
  }

  /**
   * The Prometheus reporter (flink-prometheus, on the cluster's class path), one port per process.
   */
  static final String METRICS_REPORTER_FACTORY =
      "dev.exchange.flinkmetrics.PrometheusReporterFactory";

  private static final String METRICS_PORT = "metrics.reporter.prom.port";

  /**
   * Writes the configuration under {@code dir} and prepares (does not start) both processes; each
   * serves its metrics for Prometheus on {@code http://127.0.0.1:<port>/metrics}.
   */
  static FlinkCluster create(
      Path dir,
      String classpath,
      int restPort,
      int rpcPort,
      int jobManagerMetricsPort,
      int taskManagerMetricsPort,
      int slots,
      Path logDir) {
    try {
      Path conf = Files.createDirectories(dir.resolve("conf"));
      Path tmp = Files.createDirectories(dir.resolve("tmp"));
      Files.createDirectories(dir.resolve("checkpoints"));
      Files.createDirectories(dir.resolve("savepoints"));
      Files.createDirectories(dir.resolve("web-upload"));
      Map<String, String> settings = settings(dir, restPort, rpcPort, slots);
      StringBuilder yaml = new StringBuilder("# Written by the local stack on every start.\n");
      settings.forEach((k, v) -> yaml.append(k).append(": ").append(yamlValue(v)).append('\n'));
      Files.writeString(conf.resolve("config.yaml"), yaml);
      Path log4j = conf.resolve("log4j-console.properties");
      Files.writeString(log4j, resource("flink-log4j.properties"));
      Configuration configuration = Configuration.fromMap(settings);

      JobManagerProcessSpec jmSpec = JobManagerProcessUtils.processSpecFromConfig(configuration);
      List<String> jmJvm =
          new ArrayList<>(
              split(JobManagerProcessUtils.generateJvmParametersStr(jmSpec, configuration)));
      jmJvm.addAll(commonJvmArgs(log4j, tmp, logDir.resolve("flink-jobmanager.log")));
      // The JobManager coordinates; the records pass through the TaskManager, which keeps C2 and
      // G1.
      jmJvm.remove("-XX:+UseG1GC");
      jmJvm.addAll(ChildJvm.LEAN);
      List<String> jmArgs = new ArrayList<>(List.of("--configDir", conf.toString()));
      jmArgs.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(jmSpec)));
      jmArgs.addAll(List.of("-D", METRICS_PORT + "=" + jobManagerMetricsPort));
      ChildJvm jm =
          new ChildJvm(
              "flink-jobmanager",
              classpath,
              jmJvm,
              "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
              jmArgs,
              logDir.resolve("flink-jobmanager.log"));

      TaskExecutorProcessSpec tmSpec =
          TaskExecutorProcessUtils.processSpecFromConfig(configuration);
      List<String> tmJvm =
          new ArrayList<>(split(ProcessMemoryUtils.generateJvmParametersStr(tmSpec)));
      tmJvm.addAll(commonJvmArgs(log4j, tmp, logDir.resolve("flink-taskmanager.log")));
      List<String> tmArgs = new ArrayList<>(List.of("--configDir", conf.toString()));
      tmArgs.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(tmSpec)));
      tmArgs.addAll(List.of("-D", METRICS_PORT + "=" + taskManagerMetricsPort));
      ChildJvm tm =
          new ChildJvm(
              "flink-taskmanager",
              classpath,
              tmJvm,
              "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
              tmArgs,
              logDir.resolve("flink-taskmanager.log"));
      return new FlinkCluster(dir, new FlinkRest("http://127.0.0.1:" + restPort), jm, tm);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> settings(Path dir, int restPort, int rpcPort, int slots) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("jobmanager.rpc.address", "localhost");
    s.put("jobmanager.rpc.port", Integer.toString(rpcPort));
    s.put("jobmanager.bind-host", "localhost");
    s.put("taskmanager.bind-host", "localhost");
    s.put("taskmanager.host", "localhost");
    s.put("rest.address", "localhost");
    s.put("rest.bind-address", "localhost");
    s.put("rest.port", Integer.toString(restPort));
    s.put("jobmanager.memory.process.size", "1024m");
    s.put("taskmanager.memory.process.size", (1024 + 256 * slots) + "m");
    s.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
    s.put("parallelism.default", "1");
    s.put("state.backend.type", "rocksdb");
    s.put("execution.checkpointing.incremental", "true");
    s.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
    s.put("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString());
    s.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    s.put("execution.checkpointing.num-retained", "2");
    // The matching job runs the changelog state backend; TaskManagers read its storage from here.
    s.put("state.changelog.storage", "filesystem");
    // The PostgreSQL driver comes from the cluster's class path (see the stack's pom), never from a
    // job jar: java.sql.DriverManager refuses a driver class loaded by another class loader.
    s.put("classloader.parent-first-patterns.additional", "org.postgresql.");
    s.put("state.changelog.dstl.dfs.base-path", dir.resolve("changelog").toUri().toString());
    s.put("io.tmp.dirs", dir.resolve("tmp").toString());
    // RocksDB writes its own LOG files; next to log.file by default, i.e. among the stack's logs.
    s.put("state.backend.rocksdb.log.dir", dir.resolve("rocksdb-logs").toString());
    s.put("web.upload.dir", dir.resolve("web-upload").toString());
    s.put("web.tmpdir", dir.resolve("tmp").toString());
    s.put("blob.storage.directory", dir.resolve("tmp").toString());
    s.put("restart-strategy.type", "exponential-delay");
    s.put("restart-strategy.exponential-delay.initial-backoff", "1s");
    s.put("restart-strategy.exponential-delay.max-backoff", "10s");
    s.put("jobmanager.execution.failover-strategy", "region");
    // A killed TaskManager must be noticed in seconds, not the default 50 s.
    s.put("heartbeat.interval", "2000");
    s.put("heartbeat.timeout", "10000");
    s.put("resourcemanager.taskmanager-timeout", "30000");
    s.put("slot.request.timeout", "120000");
    // Each process's port is a dynamic setting of its command line (create).
    s.put("metrics.reporter.prom.factory.class", METRICS_REPORTER_FACTORY);
    s.put("metrics.reporter.prom.host", "127.0.0.1");
    return s;
  }

  private static List<String> commonJvmArgs(Path log4j, Path tmp, Path logFile) {
    List<String> args = new ArrayList<>(JAVA17_OPTS);
    args.add("-XX:+UseG1GC");
    args.add("-Dlog4j.configurationFile=" + log4j);
    args.add("-Dlog.file=" + logFile);
    args.add("-Djava.io.tmpdir=" + tmp);
    return args;
  }

  void start() {
    jobManager.start();
    taskManager.start();
    awaitSlots();
  }

  /**
   * Starts a crashed JobManager again and returns once the TaskManager has registered with it. The
   * new JobManager knows no jobs: they are submitted again from their retained checkpoints ({@link
   * JobControl#missing()}).
   */
  void restartJobManager() {
    jobManager.start();
    awaitSlots();
  }

  /** Starts a crashed TaskManager again; Flink restarts the jobs' tasks on it. */
  void restartTaskManager() {
    taskManager.start();
  }

  /** Why the JobManager process is not running, or empty while it runs. */
  Optional<String> jobManagerDown() {
    return jobManager.downReason();
  }

  /** Why the TaskManager process is not running, or empty while it runs. */
  Optional<String> taskManagerDown() {
    return taskManager.downReason();
  }

  private void awaitSlots() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      var slots = rest.slots();
      if (slots.isPresent() && slots.get()[0] > 0) {
        return;
      }
      if (!jobManager.isAlive()) {
        throw new IllegalStateException(
            "Flink JobManager exited during start; see " + jobManager.logFile());
      }
      if (!taskManager.isAlive()) {
        throw new IllegalStateException(
            "Flink TaskManager exited during start; see " + taskManager.logFile());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "Flink cluster has no task slots after "
                + START_TIMEOUT
                + "; see "
                + jobManager.logFile()
                + " and "
                + taskManager.logFile());
      }
      FlinkRest.pause(Duration.ofMillis(250));
    }
  }

  public FlinkRest rest() {
    return rest;
  }

  public Path directory() {
    return dir;
  }

  public boolean jobManagerAlive() {
    return jobManager.isAlive();
  }

  public long taskManagerPid() {
    return taskManager.pid();
  }

  public long jobManagerPid() {
    return jobManager.pid();
  }

  /** Kills the TaskManager process as a crash would; the supervisor starts a new one. */
  public void killTaskManager() {
    taskManager.kill();
  }

  public Path jobManagerLog() {
    return jobManager.logFile();
  }

  public Path taskManagerLog() {
    return taskManager.logFile();
  }

  @Override
  public void close() {
    taskManager.stop();
    jobManager.stop();
  }

  private static List<String> split(String flags) {
    return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private static String yamlValue(String value) {
    return value.matches("[A-Za-z0-9_./:-]+") ? value : "'" + value.replace("'", "''") + "'";
  }

  static String resource(String name) {
    try (InputStream in = FlinkCluster.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
