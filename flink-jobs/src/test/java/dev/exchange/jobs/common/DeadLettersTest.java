package dev.exchange.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** Dead letters counted by reason: one {@code deadLetters} counter per reason group. */
class DeadLettersTest {

  /** A metric group that records its counters by path ({@code reason=X/deadLetters}). */
  private static final class RecordingGroup extends UnregisteredMetricsGroup {
    private final String path;
    private final Map<String, Counter> counters;

    RecordingGroup(String path, Map<String, Counter> counters) {
      this.path = path;
      this.counters = counters;
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
      return new RecordingGroup(path + key + "=" + value + "/", counters);
    }

    @Override
    public Counter counter(String name) {
      return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
      Counter previous = counters.putIfAbsent(path + name, counter);
      assertThat(previous).as("%s registered once", path + name).isNull();
      return counter;
    }
  }

  @Test
  void countsEachReasonInItsOwnGroup() {
    Map<String, Counter> counters = new TreeMap<>();
    DeadLetters.Meter meter = DeadLetters.meter(new RecordingGroup("", counters));

    meter.count("MALFORMED_RECORD");
    meter.count("UNSUPPORTED_SCALE");
    meter.count("MALFORMED_RECORD");

    assertThat(counters)
        .containsOnlyKeys(
            "reason=MALFORMED_RECORD/deadLetters", "reason=UNSUPPORTED_SCALE/deadLetters");
    assertThat(counters.get("reason=MALFORMED_RECORD/deadLetters").getCount()).isEqualTo(2);
    assertThat(counters.get("reason=UNSUPPORTED_SCALE/deadLetters").getCount()).isEqualTo(1);
  }
}
