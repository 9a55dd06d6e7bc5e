package dev.exchange.service.testing;

import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.Asset;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Lists assets for the services' tests, as edge-api's admin API does on the assets topic. */
public final class AssetsTopic {

  private AssetsTopic() {}

  /** Publishes each asset keyed by its code and awaits the broker's acknowledgement. */
  public static void publish(String bootstrapServers, Asset... assets) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
      for (Asset asset : assets) {
        send(producer, asset.getCode(), EventSerde.encode(asset));
      }
    }
  }

  /** Publishes a tombstone for the code (compaction deletes the asset). */
  public static void remove(String bootstrapServers, String code) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
      send(producer, code, null);
    }
  }

  /** An asset listed now. */
  public static Asset asset(String code, int scale) {
    return new Asset(code, scale, System.currentTimeMillis());
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String code, byte[] value)
      throws Exception {
    producer
        .send(new ProducerRecord<>(Topics.ASSETS, code.getBytes(StandardCharsets.UTF_8), value))
        .get(10, TimeUnit.SECONDS);
  }
}
