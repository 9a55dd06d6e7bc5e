package dev.exchange.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What every dead letter of a job holds, whatever its reason. */
public final class DeadLetterChecks {

  private DeadLetterChecks() {}

  /**
   * The one dead letter in {@code letters}, after checking that it is on the dead-letter topic,
   * keyed and stamped as {@code r}, and names {@code r}'s position and {@code job}.
   */
  public static DeadLetter onlyDeadLetter(
      List<OutRecord> letters, TopicNames topics, RawRecord r, String job) {
    assertThat(letters).hasSize(1);
    OutRecord out = letters.get(0);
    assertThat(out.topic).isEqualTo(topics.dlq());
    assertThat(new String(out.key, StandardCharsets.UTF_8)).isEqualTo(r.symbol);
    assertThat(out.timestamp).isEqualTo(r.timestamp);
    DeadLetter d = EventSerde.decode(out.value, DeadLetter.class);
    assertThat(d.getSourceTopic()).isEqualTo(r.topic);
    assertThat(d.getPartition()).isEqualTo(r.partition);
    assertThat(d.getOffset()).isEqualTo(r.offset);
    assertThat(d.getJob()).isEqualTo(job);
    return d;
  }
}
