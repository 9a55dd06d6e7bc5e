package dev.exchange.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {

  @Test
  void aChildThatBurnsCpuIsCountedUnderItsMarkerAndTheTreeRootAsTheLauncher() throws Exception {
    long self = ProcessHandle.current().pid();
    Map<String, Double> before = ProcessCpu.ofTree(self);
    Process child =
        new ProcessBuilder(
                "bash",
                "-c",
                "exec -a busy-child bash -c 'while :; do :; done' -Dexchange.local-service=busy")
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(ProcessCpu.difference(before, ProcessCpu.ofTree(self)))
                      .hasEntrySatisfying("busy", cpu -> assertThat(cpu).isGreaterThan(0.2)));
      assertThat(ProcessCpu.ofTree(self)).containsKey("launcher");
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void aDetachedProcessRunningFromTheDataFolderCounts(@TempDir Path data) throws Exception {
    String folder = data.toAbsolutePath() + "/";
    // Double fork: the busy loop's parent exits, so it is no descendant of ours (like pg_ctl's
    // postmaster), but its command line holds the data folder.
    new ProcessBuilder(
            "bash",
            "-c",
            "(exec -a detached-busy bash -c 'while :; do :; done' -Dexchange.local-service=busy "
                + folder
                + " &)")
        .start()
        .waitFor();
    long self = ProcessHandle.current().pid();
    try {
      assertThat(ProcessCpu.ofTree(self)).doesNotContainKey("busy");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(ProcessCpu.ofStack(self, data))
                      .hasEntrySatisfying("busy", cpu -> assertThat(cpu).isGreaterThan(0.2)));
    } finally {
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains(folder))
          .forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aGoneProcessIsAbsentAndTheDifferenceKeepsComponentsOfEitherSide() {
    assertThat(ProcessCpu.ofTree(Long.MAX_VALUE)).isEmpty();
    assertThat(ProcessCpu.ticks(Long.MAX_VALUE)).isEqualTo(-1);
    assertThat(ProcessCpu.difference(Map.of("a", 1.0, "b", 2.0), Map.of("a", 3.0, "c", 1.0)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", 2.0, "b", -2.0, "c", 1.0));
  }
}
