package dev.exchange.edge.bench;

import dev.exchange.edge.TestInstruments;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.service.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Benchmark support, not a test: starts a real Kafka broker with the exchange topics, publishes
 * BTCUSDT on {@code exchange.instruments}, and writes what the edge-api jar and the load tool need
 * to {@code <dir>}: {@code bootstrap.txt}, {@code public-key.pem}, {@code issuer.txt}, {@code
 * token.txt}. Runs until its stdin closes, then stops the broker. See docs/edge-api.md.
 */
public final class BenchmarkStack {

  private BenchmarkStack() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/bench").toAbsolutePath();
    Files.createDirectories(dir);
    try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"))) {
      kafka.createExchangeTopics(4);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
        producer
            .send(
                new ProducerRecord<>(
                    Topics.INSTRUMENTS,
                    "BTCUSDT".getBytes(StandardCharsets.UTF_8),
                    EventSerde.encode(
                        TestInstruments.BTCUSDT.toRecord(1, System.currentTimeMillis()))))
            .get(10, TimeUnit.SECONDS);
      }
      Files.writeString(dir.resolve("bootstrap.txt"), kafka.bootstrapServers());
      Files.writeString(dir.resolve("public-key.pem"), TestTokens.KEY.publicKeyPem());
      Files.writeString(dir.resolve("issuer.txt"), TestTokens.ISSUER);
      Files.writeString(dir.resolve("token.txt"), TestTokens.KEY.token("bench-trader", "trader"));
      System.out.println("READY " + kafka.bootstrapServers() + " files in " + dir);
      System.out.flush();
      while (System.in.read() >= 0) {
        // Keep the broker up until the launcher's stdin closes.
      }
    }
  }
}
