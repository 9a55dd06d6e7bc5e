package dev.exchange.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Guards the topic contract. Every schema must stay compatible in both directions with every
 * earlier version kept in {@code schema-history/}: new readers read old records (replays, restores)
 * and old readers read new records (rolling deploys). A changed schema must be appended to the
 * history, so the next change is checked against it.
 */
class SchemaCompatibilityTest {

  private static final Path HISTORY_DIR =
      Path.of("src/main/resources/dev/exchange/model/schema-history");

  @TestFactory
  Stream<DynamicTest> currentSchemasReadAndAreReadByEveryEarlierVersion() {
    return EventSerde.TYPES.stream()
        .flatMap(
            type -> {
              Schema current = SpecificData.get().getSchema(type);
              List<Schema> history = EventSerde.history(type);
              assertThat(history).as("history of " + type.getSimpleName()).isNotEmpty();
              return history.stream()
                  .map(
                      old ->
                          DynamicTest.dynamicTest(
                              type.getSimpleName() + " vs v" + (history.indexOf(old) + 1),
                              () -> assertMutuallyCompatible(type, current, old)));
            });
  }

  private static void assertMutuallyCompatible(
      Class<? extends SpecificRecord> type, Schema current, Schema old) {
    var backward = SchemaCompatibility.checkReaderWriterCompatibility(current, old);
    assertThat(backward.getType())
        .as(type.getSimpleName() + ": current reader vs old writer: " + backward.getDescription())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    var forward = SchemaCompatibility.checkReaderWriterCompatibility(old, current);
    assertThat(forward.getType())
        .as(type.getSimpleName() + ": old reader vs current writer: " + forward.getDescription())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void latestHistoryVersionIsTheCurrentSchema() {
    for (Class<? extends SpecificRecord> type : EventSerde.TYPES) {
      List<Schema> history = EventSerde.history(type);
      Schema latest = history.get(history.size() - 1);
      assertThat(SchemaNormalization.toParsingForm(latest))
          .as(
              type.getSimpleName()
                  + " changed: append it as v"
                  + (history.size() + 1)
                  + ".avsc to schema-history and to index.txt")
          .isEqualTo(SchemaNormalization.toParsingForm(SpecificData.get().getSchema(type)));
    }
  }

  @Test
  void indexListsEveryHistoryFile() throws IOException {
    String index =
        Files.readString(HISTORY_DIR.resolve("index.txt"))
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .sorted()
            .reduce("", (a, b) -> a + b + "\n");
    try (Stream<Path> files = Files.walk(HISTORY_DIR)) {
      String onDisk =
          files
              .filter(p -> p.toString().endsWith(".avsc"))
              .map(p -> HISTORY_DIR.relativize(p).toString())
              .sorted()
              .reduce("", (a, b) -> a + b + "\n");
      assertThat(index).isEqualTo(onDisk);
    }
  }

  @Test
  void anIncompatibleChangeIsDetected() {
    Schema current = SpecificData.get().getSchema(dev.exchange.model.avro.Trade.class);
    String broken =
        current
            .toString()
            .replace(
                "\"name\":\"tradeId\",\"type\":\"long\"",
                "\"name\":\"tradeId\",\"type\":\"string\"");
    Schema changed = new Schema.Parser().parse(broken);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(changed, current).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }
}
