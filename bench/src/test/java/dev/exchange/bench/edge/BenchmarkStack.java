package dev.exchange.bench.edge;

import dev.exchange.edge.TestInstruments;
import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.service.testing.InstrumentsTopic;
import dev.exchange.service.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Benchmark support, not a test: starts a real Kafka broker with the exchange topics, publishes
 * BTCUSDT on {@code exchange.instruments}, and writes what the edge-api jar and the load tool need
 * to {@code <dir>}: {@code bootstrap.txt}, {@code public-key.pem}, {@code issuer.txt}, {@code
 * token.txt}, and {@code datasource.txt} (a PostgreSQL database for edge-api's API keys). Runs
 * until its stdin closes, then stops the broker. See docs/edge-api.md.
 */
public final class BenchmarkStack {

  private BenchmarkStack() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/bench").toAbsolutePath();
    Files.createDirectories(dir);
    try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"));
        PostgresServer postgres = PostgresServer.start(dir.resolve("postgres"))) {
      postgres.createDatabase("exchange");
      // edge-api keeps its API keys there (docs/edge-api.md, "API keys").
      Files.writeString(
          dir.resolve("datasource.txt"),
          String.join(
                  "\n",
                  "--spring.datasource.url=" + postgres.jdbcUrl("exchange"),
                  "--spring.datasource.username=" + postgres.user(),
                  "--spring.datasource.password=" + postgres.password(),
                  "--exchange.api-keys.encryption-key="
                      + Base64.getEncoder().encodeToString(new byte[32]))
              + "\n");
      kafka.createExchangeTopics(4);
      InstrumentsTopic.publish(kafka.bootstrapServers(), TestInstruments.BTCUSDT);
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
