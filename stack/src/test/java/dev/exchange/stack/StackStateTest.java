package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.localservices.PostgresServer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a running stack from {@code stack.json}, including files a dead, older stack left. */
class StackStateTest {

  @TempDir Path data;

  @Test
  void aStackWhoseLauncherIsAliveIsFound() {
    StackState state =
        new StackState(
            ProcessHandle.current().pid(),
            "/project",
            data.toString(),
            Ports.defaults(),
            1,
            "/project/flink-jobs.jar",
            List.of());
    state.write();

    assertThat(StackState.running(data)).contains(state);
  }

  @Test
  void aSecondStartFromTheSameDataIsRefusedAndLeavesTheRunningStacksFile() throws Exception {
    StackState running =
        new StackState(
            ProcessHandle.current().pid(),
            "/project",
            data.toString(),
            Ports.defaults(),
            1,
            "/project/flink-jobs.jar",
            List.of());
    running.write();
    StackOptions second = StackOptions.forTests(Path.of("/project"), data);

    assertThatThrownBy(() -> LocalStack.start(second))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a stack is already running from " + data);
    assertThat(StackState.running(data)).contains(running);
  }

  @Test
  void aSecondStartWhileAStackIsStillStartingIsRefusedAndLeavesItsPostgresAlone() throws Exception {
    Path pgData = data.resolve("postgres/data");
    try (FileChannel first = StackState.claim(data);
        PostgresServer postgres =
            PostgresServer.start(data.resolve("postgres"), Ports.free().postgres(), false)) {
      StackOptions second = StackOptions.forTests(Path.of("/project"), data);

      assertThatThrownBy(() -> LocalStack.start(second))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("a stack is already running or starting from " + data);
      assertThat(PostgresServer.postmaster(pgData)).isPresent();
      assertThat(postgres.downReason()).isEmpty();
      assertThat(first.isOpen()).isTrue();
    }
  }

  @Test
  void noFileMeansNoStack() {
    assertThat(StackState.running(data)).isEmpty();
  }

  @Test
  void aFileOfAnOlderFormatLeftByADeadLauncherMeansNoStack() throws Exception {
    ProcessBuilder exited = new ProcessBuilder("true");
    Process process = exited.start();
    process.waitFor();
    Files.writeString(
        StackState.file(data),
        "{\"pid\": " + process.pid() + ", \"jobs\": [\"dev.exchange.jobs.matching.MatchingJob\"]}");

    assertThat(StackState.running(data)).isEmpty();
  }
}
