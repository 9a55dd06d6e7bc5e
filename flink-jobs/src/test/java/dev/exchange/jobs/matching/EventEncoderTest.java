package dev.exchange.jobs.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.jobs.testing.KafkaIo;
import dev.exchange.model.EventSerde;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.CommandRejection;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The job encodes its outputs with {@link dev.exchange.jobs.common.EventEncoder}; every record it
 * emits must be byte for byte what {@link EventSerde#encode} gives, or replays and readers would
 * disagree with the rest of the system.
 */
class EventEncoderTest {

  @Test
  void everyOutputOfTheJobIsEncodedExactlyAsEventSerdeEncodesIt() {
    CommandProcessor processor = new CommandProcessor(new TopicNames(""));
    InMemoryBooks books = new InMemoryBooks(7);
    List<OutRecord> outputs = new ArrayList<>();
    long offset = 0;
    for (KafkaIo.Entry e : CommandLog.generate(11, 3000)) {
      RawRecord record =
          new RawRecord(e.key(), e.value(), "exchange.orders", 0, offset++, e.timestamp());
      processor.process(record, books, outputs::add);
    }

    Set<Class<?>> types = new HashSet<>();
    for (OutRecord out : outputs) {
      SpecificRecord decoded = EventSerde.decodeAny(out.value);
      types.add(decoded.getClass());
      assertThat(out.value).as("%s", decoded).isEqualTo(EventSerde.encode(decoded));
    }
    assertThat(types)
        .containsExactlyInAnyOrder(
            Trade.class,
            OrderEvent.class,
            BookDelta.class,
            BookSnapshot.class,
            Instrument.class,
            DeadLetter.class,
            AccountCommand.class,
            CommandRejection.class);
  }
}
