package dev.exchange.stack.chaos;

import dev.exchange.localservices.ChildJvm;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.stack.StackState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The operating-system processes of a running local stack, found from outside it: the child JVMs of
 * its launcher by their {@link ChildJvm#MARKER}, PostgreSQL and nginx by their pid files in the
 * data folder. Signals go to them as {@code kill} would send them.
 */
final class StackProcesses {

  /** A process of the stack and how to find it. */
  enum Component {
    BROKER("kafka"),
    S3("s3proxy"),
    JOB_MANAGER("flink-jobmanager"),
    TASK_MANAGER("flink-taskmanager"),
    EDGE_API("edge-api"),
    WS_RELAY("ws-relay"),
    HISTORY_SERVICE("history-service"),
    IDENTITY("identity"),
    POSTGRES(null),
    PROXY(null);

    private final String jvm;

    Component(String jvm) {
      this.jvm = jvm;
    }

    /** The name a fault uses: {@code kill-broker}, {@code kill-edge-api}... */
    String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private final StackState state;

  StackProcesses(StackState state) {
    this.state = state;
  }

  /** The component's main process, if it runs. */
  Optional<ProcessHandle> find(Component component) {
    Path data = Path.of(state.dataDir());
    return switch (component) {
      case POSTGRES -> PostgresServer.postmaster(data.resolve("postgres/data"));
      case PROXY -> fromPidFile(data.resolve("proxy/nginx.pid"));
      default ->
          ProcessHandle.of(state.pid())
              .flatMap(
                  launcher ->
                      launcher
                          .descendants()
                          .filter(
                              p ->
                                  p.info()
                                      .commandLine()
                                      .filter(
                                          c -> c.contains(ChildJvm.MARKER + component.jvm + " "))
                                      .isPresent())
                          .findFirst());
    };
  }

  /** The component's main process and all its children (PostgreSQL's backends, nginx's workers). */
  List<ProcessHandle> tree(Component component) {
    return find(component)
        .map(p -> Stream.concat(Stream.of(p), p.descendants()).toList())
        .orElse(List.of());
  }

  /** SIGKILL to the component's main process; returns the killed pid. */
  long kill(Component component) {
    ProcessHandle p =
        find(component)
            .orElseThrow(
                () -> new IllegalStateException(component.label() + " is not running to kill"));
    p.destroyForcibly();
    return p.pid();
  }

  /** SIGSTOP to the component's whole process tree: it holds its connections but answers none. */
  void pause(Component component) {
    List<ProcessHandle> tree = tree(component);
    if (tree.isEmpty()) {
      throw new IllegalStateException(component.label() + " is not running to pause");
    }
    signal("STOP", tree);
  }

  /** SIGCONT to the component's whole process tree. */
  void resume(Component component) {
    signal("CONT", tree(component));
  }

  private static void signal(String signal, List<ProcessHandle> processes) {
    if (processes.isEmpty()) {
      return;
    }
    List<String> command =
        Stream.concat(
                Stream.of("kill", "-" + signal),
                processes.stream().map(p -> Long.toString(p.pid())))
            .toList();
    try {
      Process kill = new ProcessBuilder(command).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Optional<ProcessHandle> fromPidFile(Path file) {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      return ProcessHandle.of(Long.parseLong(Files.readString(file).strip()))
          .filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
