package dev.exchange.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.model.KafkaConnection;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The services' Kafka connection, from the environment variables the deployment sets. */
class KafkaPropertiesTest {

  /** What terraform/modules/services sets on every service. */
  private static final Map<String, Object> MSK =
      Map.of(
          "EXCHANGE_KAFKA_BOOTSTRAP_SERVERS", "localhost:9098",
          "EXCHANGE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
          "EXCHANGE_KAFKA_SASL_MECHANISM", "AWS_MSK_IAM",
          "EXCHANGE_KAFKA_SASL_JAAS_CONFIG", KafkaConnection.IAM_LOGIN_MODULE,
          "EXCHANGE_KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS",
              KafkaConnection.IAM_CALLBACK_HANDLER);

  private static StandardEnvironment environment(
      Map<String, Object> variables, Map<String, Object> applicationProperties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .addLast(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("application.properties", applicationProperties));
    return environment;
  }

  @Test
  void theDeploymentsVariablesOverrideThePackagedPlaintextDefault() {
    KafkaProperties kafka =
        KafkaProperties.bind(
            environment(
                MSK,
                Map.of(
                    "exchange.kafka.bootstrap-servers", "localhost:9092",
                    "exchange.kafka.client-id", "edge-api")));

    assertThat(kafka.connection())
        .isEqualTo(
            new KafkaConnection(
                "localhost:9098",
                "SASL_SSL",
                "AWS_MSK_IAM",
                KafkaConnection.IAM_LOGIN_MODULE,
                KafkaConnection.IAM_CALLBACK_HANDLER,
                null,
                null,
                null,
                null,
                null));
    assertThat(kafka.clientId()).isEqualTo("edge-api");
  }

  @Test
  void withoutSettingsTheServiceUsesTheLocalBroker() {
    KafkaProperties kafka = KafkaProperties.bind(environment(Map.of(), Map.of()));

    assertThat(kafka.connection()).isEqualTo(KafkaConnection.plaintext("localhost:9092"));
    assertThat(kafka.clientId()).isEqualTo("exchange");
  }

  @Test
  void anIncompleteSecuritySettingStopsTheServiceNamingIt() {
    assertThatThrownBy(
            () ->
                KafkaProperties.bind(
                    environment(Map.of("EXCHANGE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"), Map.of())))
        .hasMessageContaining("sasl-mechanism")
        .hasMessageContaining("EXCHANGE_KAFKA_SASL_MECHANISM");
  }

  /**
   * The services carry MSK's IAM login module and callback handler: a follower's consumer with the
   * deployed settings is built (Kafka loads and configures both when the client is made).
   */
  @Test
  void theIamAuthenticationLibraryIsOnTheServicesClassPath() {
    KafkaProperties kafka = KafkaProperties.bind(environment(MSK, Map.of()));

    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            TopicFollower.settings(kafka.connection(), "iam-test", "read_committed", "earliest"))) {
      assertThat(consumer.metrics()).isNotEmpty();
    }
  }
}
