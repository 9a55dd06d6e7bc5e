package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FlinkRestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static boolean allRunning(String job) throws Exception {
    return FlinkRest.allTasksRunning(JSON.readTree(job));
  }

  @Test
  void aSavepointWaitsUntilTheJobAndEveryTaskRun() throws Exception {
    assertThat(
            allRunning(
                "{\"state\":\"RUNNING\",\"vertices\":[{\"status\":\"RUNNING\"},{\"status\":\"RUNNING\"}]}"))
        .isTrue();
    assertThat(
            allRunning(
                "{\"state\":\"RUNNING\",\"vertices\":[{\"status\":\"RUNNING\"},{\"status\":\"INITIALIZING\"}]}"))
        .as("a task still restoring after a restart")
        .isFalse();
    assertThat(allRunning("{\"state\":\"RESTARTING\",\"vertices\":[{\"status\":\"RUNNING\"}]}"))
        .isFalse();
    assertThat(allRunning("{\"state\":\"RUNNING\",\"vertices\":[]}")).isFalse();
    assertThat(allRunning("{}")).isFalse();
  }
}
