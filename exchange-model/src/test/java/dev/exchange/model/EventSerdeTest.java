package dev.exchange.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.Trade;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

  @Test
  void everyRecordTypeRoundTrips() {
    Set<Class<?>> covered = new HashSet<>();
    for (SpecificRecord record : SampleEvents.everything()) {
      byte[] bytes = EventSerde.encode(record);
      assertThat(bytes[0]).isEqualTo((byte) 0xC3);
      assertThat(bytes[1]).isEqualTo((byte) 0x01);
      assertThat(EventSerde.decode(bytes, record.getClass())).isEqualTo(record);
      assertThat(EventSerde.decodeAny(bytes)).isEqualTo(record);
      covered.add(record.getClass());
    }
    assertThat(covered).containsExactlyInAnyOrderElementsOf(EventSerde.TYPES);
  }

  @Test
  void encodingIsDeterministic() {
    for (SpecificRecord record : SampleEvents.everything()) {
      assertThat(EventSerde.encode(record)).isEqualTo(EventSerde.encode(record));
    }
  }

  @Test
  void oneTopicCarriesSeveralTypesTellingThemApartByFingerprint() {
    SpecificRecord delta =
        SampleEvents.all().stream().filter(BookDelta.class::isInstance).findFirst().orElseThrow();
    SpecificRecord snapshot =
        SampleEvents.all().stream()
            .filter(BookSnapshot.class::isInstance)
            .findFirst()
            .orElseThrow();
    assertThat(EventSerde.typeOf(EventSerde.encode(delta))).isEqualTo(BookDelta.class);
    assertThat(EventSerde.typeOf(EventSerde.encode(snapshot))).isEqualTo(BookSnapshot.class);
  }

  @Test
  void garbageIsRefusedWithAReasonNotAnUncheckedCrash() {
    assertThatThrownBy(() -> EventSerde.decode(new byte[] {1, 2, 3}, Trade.class))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("not Avro single-object encoding");
    assertThatThrownBy(() -> EventSerde.decodeAny("hello world!".getBytes()))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("bad header");
    assertThatThrownBy(() -> EventSerde.decode(null, Trade.class))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("null payload");
  }

  @Test
  void aRecordOfAnotherTypeIsRefused() {
    byte[] snapshot =
        EventSerde.encode(
            SampleEvents.all().stream()
                .filter(BookSnapshot.class::isInstance)
                .findFirst()
                .orElseThrow());
    assertThatThrownBy(() -> EventSerde.decode(snapshot, Trade.class))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("writer schema unknown for Trade");
  }

  @Test
  void truncatedPayloadIsRefused() {
    byte[] bytes = EventSerde.encode(SampleEvents.all().get(0));
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);
    assertThatThrownBy(() -> EventSerde.decodeAny(truncated))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("cannot decode OrderCommand");
  }
}
