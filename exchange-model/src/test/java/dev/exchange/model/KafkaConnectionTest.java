package dev.exchange.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.model.KafkaConnection.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

  @Test
  void plaintextIsTheDefault() {
    assertThat(KafkaConnection.plaintext("localhost:9092").clientProperties())
        .containsExactly(
            Map.entry("bootstrap.servers", "localhost:9092"),
            Map.entry("security.protocol", "PLAINTEXT"));
  }

  @Test
  void mskIamGetsTheLoginModuleAndCallbackHandlerOfTheIamLibrary() {
    KafkaConnection msk =
        KafkaConnection.fromEnvironment(
            Map.of(
                "EXCHANGE_KAFKA_BOOTSTRAP_SERVERS", "b-1.msk:9098",
                "EXCHANGE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "EXCHANGE_KAFKA_SASL_MECHANISM", "AWS_MSK_IAM"));

    assertThat(msk).isEqualTo(KafkaConnection.mskIam("b-1.msk:9098"));
    assertThat(msk.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "AWS_MSK_IAM")
        .containsEntry("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;")
        .containsEntry(
            "sasl.client.callback.handler.class",
            "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
  }

  @Test
  void scramBuildsItsLoginModuleFromUserAndPasswordQuotingBoth() {
    KafkaConnection scram =
        KafkaConnection.scram("localhost:9093", "matching", "p\"w\\d", "/tmp/ca.pem");

    assertThat(scram.clientProperties())
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"matching\" password=\"p\\\"w\\\\d\";")
        .containsEntry("ssl.truststore.location", "/tmp/ca.pem")
        .containsEntry("ssl.truststore.type", "PEM")
        .doesNotContainKey("sasl.client.callback.handler.class");
    assertThat(scram.toString()).doesNotContain("p\"w").contains("user matching");
  }

  @Test
  void theEnvironmentOfAConnectionIsWhatFromEnvironmentReads() {
    KafkaConnection scram = KafkaConnection.scram("localhost:9093", "matching", "pw", "/ca.pem");

    assertThat(scram.environment())
        .containsExactly(
            Map.entry("EXCHANGE_KAFKA_BOOTSTRAP_SERVERS", "localhost:9093"),
            Map.entry("EXCHANGE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"),
            Map.entry("EXCHANGE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"),
            Map.entry("EXCHANGE_KAFKA_SASL_USERNAME", "matching"),
            Map.entry("EXCHANGE_KAFKA_SASL_PASSWORD", "pw"),
            Map.entry("EXCHANGE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/ca.pem"),
            Map.entry("EXCHANGE_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM"));
    assertThat(KafkaConnection.fromEnvironment(scram.environment())).isEqualTo(scram);
  }

  @Test
  void givenJaasConfigAndHandlerWinOverTheDerivedOnes() {
    KafkaConnection given =
        KafkaConnection.from(
            s ->
                switch (s) {
                  case BOOTSTRAP_SERVERS -> "b:9098";
                  case SECURITY_PROTOCOL -> "SASL_SSL";
                  case SASL_MECHANISM -> "AWS_MSK_IAM";
                  case SASL_JAAS_CONFIG ->
                      "software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn=\"r\";";
                  case SASL_CLIENT_CALLBACK_HANDLER_CLASS -> "my.Handler";
                  default -> "";
                });

    assertThat(given.clientProperties())
        .containsEntry(
            "sasl.jaas.config",
            "software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn=\"r\";")
        .containsEntry("sasl.client.callback.handler.class", "my.Handler");
    assertThat(given.settings()).hasSize(5).doesNotContainKey(Setting.SASL_USERNAME);
  }

  @Test
  void everySettingHasOneKeyAndItsSpellings() {
    assertThat(Setting.SASL_CLIENT_CALLBACK_HANDLER_CLASS.key())
        .isEqualTo("sasl-client-callback-handler-class");
    assertThat(Setting.SASL_CLIENT_CALLBACK_HANDLER_CLASS.property())
        .isEqualTo("exchange.kafka.sasl-client-callback-handler-class");
    assertThat(Setting.SASL_CLIENT_CALLBACK_HANDLER_CLASS.environmentVariable())
        .isEqualTo("EXCHANGE_KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS");
  }

  @Test
  void refusesIncompleteOrUnknownCombinationsNamingTheSetting() {
    assertThatThrownBy(() -> KafkaConnection.plaintext(" "))
        .hasMessage(
            "Kafka setting bootstrap-servers (exchange.kafka.bootstrap-servers,"
                + " EXCHANGE_KAFKA_BOOTSTRAP_SERVERS) is required");
    assertThatThrownBy(
            () ->
                new KafkaConnection(
                    "b:1", "SASL_SSL", null, null, null, null, null, null, null, null))
        .hasMessageContaining("sasl-mechanism")
        .hasMessageEndingWith("is required with SASL_SSL");
    assertThatThrownBy(
            () ->
                new KafkaConnection(
                    "b:1", "SASL_SSL", "SCRAM-SHA-512", null, null, "u", null, null, null, null))
        .hasMessageContaining("sasl-password")
        .hasMessageEndingWith("is required with SCRAM-SHA-512");
    assertThatThrownBy(
            () -> new KafkaConnection("b:1", "TLS", null, null, null, null, null, null, null, null))
        .hasMessageContaining("security-protocol")
        .hasMessageContaining("is TLS, not one of");
    assertThatThrownBy(
            () ->
                new KafkaConnection(
                    "b:1", null, "AWS_MSK_IAM", null, null, null, null, null, null, null))
        .hasMessageEndingWith("is AWS_MSK_IAM but the protocol is PLAINTEXT");
  }
}
