package dev.exchange.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.jobs.history.HistoryJob;
import dev.exchange.jobs.matching.MatchingJob;
import dev.exchange.model.KafkaConnection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** How a job reads its flags: argument, else environment variable, else default. */
class JobOptionsTest {

  /** What terraform/modules/eks gives every job. */
  private static final Map<String, String> MSK =
      Map.of(
          "EXCHANGE_KAFKA_BOOTSTRAP_SERVERS", "b-1.msk:9098,b-2.msk:9098",
          "EXCHANGE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
          "EXCHANGE_KAFKA_SASL_MECHANISM", "AWS_MSK_IAM",
          "EXCHANGE_KAFKA_SASL_JAAS_CONFIG", KafkaConnection.IAM_LOGIN_MODULE,
          "EXCHANGE_KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS",
              KafkaConnection.IAM_CALLBACK_HANDLER);

  @Test
  void aDeployedJobTakesItsKafkaConnectionFromTheEnvironment() {
    JobOptions options = JobOptions.parse(MatchingJob.SPEC, new String[0], MSK);

    assertThat(options.kafka().clientProperties())
        .containsAllEntriesOf(
            KafkaConnection.mskIam("b-1.msk:9098,b-2.msk:9098").clientProperties());
  }

  @Test
  void anArgumentWinsOverTheEnvironment() {
    JobOptions options =
        JobOptions.parse(
            MatchingJob.SPEC,
            new String[] {
              "--bootstrap-servers", "localhost:9092", "--security-protocol", "PLAINTEXT"
            },
            Map.of("EXCHANGE_KAFKA_BOOTSTRAP_SERVERS", "b-1.msk:9098"));

    assertThat(options.kafka())
        .isEqualTo(
            new KafkaConnection(
                "localhost:9092", "PLAINTEXT", null, null, null, null, null, null, null, null));
  }

  @Test
  void theHistoryJobReadsTheDatabaseVariablesTheDeploymentSets() {
    JobOptions options =
        JobOptions.parse(
            HistoryJob.SPEC,
            new String[0],
            Map.of(
                "EXCHANGE_KAFKA_BOOTSTRAP_SERVERS", "b:9098",
                "EXCHANGE_JDBC_URL", "jdbc:postgresql://aurora:5432/exchange",
                "EXCHANGE_JDBC_USERNAME", "history",
                "EXCHANGE_JDBC_PASSWORD", "secret"));

    assertThat(options.params().has("jdbc-password")).isFalse();
    assertThat(options.environment()).containsEntry("EXCHANGE_JDBC_PASSWORD", "secret");
  }

  @Test
  void everyMissingRequiredFlagIsNamedWithItsVariable() {
    assertThatThrownBy(
            () ->
                JobOptions.parse(
                    HistoryJob.SPEC,
                    new String[] {"--jdbc-user", "history"},
                    Map.of("EXCHANGE_JDBC_URL", "jdbc:postgresql://aurora:5432/exchange")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "job history lacks --bootstrap-servers (or EXCHANGE_KAFKA_BOOTSTRAP_SERVERS),"
                + " --jdbc-password (or EXCHANGE_JDBC_PASSWORD)");
  }

  /**
   * The job jar carries MSK's IAM login module and callback handler: a producer with the deployed
   * settings is built (Kafka loads and configures both when the client is made, before any
   * connection).
   */
  @Test
  void theIamAuthenticationLibraryIsOnTheJobsClassPath() {
    Map<String, String> environment = new HashMap<>(MSK);
    // Kafka resolves the bootstrap addresses before it builds the channel.
    environment.put("EXCHANGE_KAFKA_BOOTSTRAP_SERVERS", "localhost:9098");
    KafkaConnection msk = JobOptions.parse(MatchingJob.SPEC, new String[0], environment).kafka();

    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            msk.clientProperties(Map.of()), new ByteArraySerializer(), new ByteArraySerializer())) {
      assertThat(producer.metrics()).isNotEmpty();
    }
  }
}
