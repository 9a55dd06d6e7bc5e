package dev.exchange.jobs.matching;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Wraps each Kafka record without decoding it; never throws. */
final class EnvelopeDeserializer implements KafkaRecordDeserializationSchema<CommandEnvelope> {

  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CommandEnvelope> out) {
    String symbol = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    out.collect(
        new CommandEnvelope(
            symbol,
            record.value(),
            record.topic(),
            record.partition(),
            record.offset(),
            record.timestamp()));
  }

  @Override
  public TypeInformation<CommandEnvelope> getProducedType() {
    return TypeInformation.of(CommandEnvelope.class);
  }
}
