package dev.exchange.edge;

import dev.exchange.model.EventSerde;
import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.InstrumentStatus;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Instruments the tests trade, as the matcher would publish them. */
public final class TestInstruments {

  /** tick 0.01, step 0.00001, quantity 0.0001..100, min notional 5. */
  public static final InstrumentSpec BTCUSDT =
      new InstrumentSpec(
          "BTCUSDT",
          "BTC",
          "USDT",
          InstrumentStatus.TRADING,
          2,
          5,
          1,
          1,
          10,
          100_00000L,
          5_0000000L,
          200);

  /** tick 0.05, step 0.001, quantity 0.01..1000, min notional 10. */
  public static final InstrumentSpec ETHUSDT =
      new InstrumentSpec(
          "ETHUSDT",
          "ETH",
          "USDT",
          InstrumentStatus.TRADING,
          2,
          4,
          5,
          10,
          100,
          1000_0000L,
          10_000000L,
          200);

  public static final InstrumentSpec HALTUSDT =
      new InstrumentSpec(
          "HALTUSDT",
          "HALT",
          "USDT",
          InstrumentStatus.HALTED,
          2,
          2,
          1,
          1,
          1,
          1_000_00L,
          1_0000L,
          10);

  public static final InstrumentSpec DEADUSDT =
      new InstrumentSpec(
          "DEADUSDT",
          "DEAD",
          "USDT",
          InstrumentStatus.DELISTED,
          2,
          2,
          1,
          1,
          1,
          1_000_00L,
          1_0000L,
          10);

  /**
   * Publishes the instruments on the instruments topic, as the matcher does, and awaits the acks.
   */
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

  private TestInstruments() {}
}
