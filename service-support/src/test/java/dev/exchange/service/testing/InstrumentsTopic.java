package dev.exchange.service.testing;

import dev.exchange.model.EventSerde;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Lists instruments for the services' tests, as the matching job does on the instruments topic. */
public final class InstrumentsTopic {

  private InstrumentsTopic() {}

  /** Publishes each instrument keyed by its symbol and awaits the broker's acknowledgement. */
  public static void publish(String bootstrapServers, InstrumentSpec... specs) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (InstrumentSpec spec : specs) {
        producer
            .send(
                new ProducerRecord<>(
                    Topics.INSTRUMENTS,
                    spec.symbol().getBytes(StandardCharsets.UTF_8),
                    EventSerde.encode(spec.toRecord(1, System.currentTimeMillis()))))
            .get(10, TimeUnit.SECONDS);
      }
    }
  }
}
