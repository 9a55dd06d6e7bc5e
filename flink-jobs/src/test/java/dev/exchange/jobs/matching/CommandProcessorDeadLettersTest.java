package dev.exchange.jobs.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every dead letter the matcher makes is counted under its reason code. */
class CommandProcessorDeadLettersTest {

  private static final TopicNames TOPICS = new TopicNames("");

  @Test
  void aMalformedCommandIsCountedUnderItsReason() {
    List<String> counted = new ArrayList<>();
    List<OutRecord> out = new ArrayList<>();
    CommandProcessor processor = new CommandProcessor(TOPICS, () -> {}, counted::add);

    processor.process(
        new RawRecord(
            "BTCUSDT",
            "not a command".getBytes(StandardCharsets.UTF_8),
            TOPICS.orders(),
            0,
            7,
            1_000),
        new InMemoryBooks(100),
        out::add);

    assertThat(out).extracting(r -> r.topic).containsExactly(TOPICS.dlq());
    DeadLetter dead = EventSerde.decode(out.get(0).value, DeadLetter.class);
    assertThat(counted).containsExactly(dead.getReasonCode()).containsExactly("MALFORMED_COMMAND");
  }
}
