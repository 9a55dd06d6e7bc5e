package dev.exchange.service.kafka;

import dev.exchange.model.KafkaConnection;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Kafka connection of a service: the model's {@link KafkaConnection} bound from {@code
 * exchange.kafka.*} (so {@code EXCHANGE_KAFKA_SECURITY_PROTOCOL}, {@code
 * EXCHANGE_KAFKA_SASL_MECHANISM}, … in a deployment), and the service's client id. A service with
 * Kafka settings of its own reads them from the same prefix in its own record.
 *
 * @param connection brokers and security ({@link KafkaConnection.Setting})
 * @param clientId Kafka client id prefix of the service (no consumer group is used: every partition
 *     is assigned); each client appends its role ({@code -instruments}, {@code -feed}, …)
 */
public record KafkaProperties(KafkaConnection connection, String clientId) {

  public static final String PREFIX = "exchange.kafka";

  /** Without {@code exchange.kafka.bootstrap-servers}: the local broker. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

  public static final String DEFAULT_CLIENT_ID = "exchange";

  /** Plaintext to {@code bootstrapServers}, as tests and the local stack connect. */
  public KafkaProperties(String bootstrapServers, String clientId) {
    this(KafkaConnection.plaintext(bootstrapServers), clientId);
  }

  /**
   * The settings under {@link #PREFIX} in {@code environment}, with relaxed binding.
   *
   * @throws IllegalArgumentException naming the setting at fault (KafkaConnection's checks)
   */
  public static KafkaProperties bind(Environment environment) {
    Binder binder = Binder.get(environment);
    KafkaConnection connection =
        KafkaConnection.from(
            setting ->
                binder
                    .bind(setting.property(), String.class)
                    .orElse(
                        setting == KafkaConnection.Setting.BOOTSTRAP_SERVERS
                            ? DEFAULT_BOOTSTRAP_SERVERS
                            : null));
    return new KafkaProperties(
        connection, binder.bind(PREFIX + ".client-id", String.class).orElse(DEFAULT_CLIENT_ID));
  }

  public String bootstrapServers() {
    return connection.bootstrapServers();
  }
}
