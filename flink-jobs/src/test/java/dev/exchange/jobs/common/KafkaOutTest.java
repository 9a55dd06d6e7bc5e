package dev.exchange.jobs.common;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.localservices.KafkaBroker;
import dev.exchange.localservices.LocalServicesExtension;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The start-up check of the brokers' transaction timeout against a real broker. */
@ExtendWith(LocalServicesExtension.class)
class KafkaOutTest {

  @Test
  void aJobStartsWhenTheBrokersAllowItsTransactionTimeoutAndRefusesOtherwise(KafkaBroker kafka) {
    try (Admin admin = kafka.admin()) {
      assertThatCode(() -> KafkaOut.checkTransactionTimeout(admin, KafkaOut.TRANSACTION_TIMEOUT_MS))
          .doesNotThrowAnyException();
      assertThatThrownBy(
              () ->
                  KafkaOut.checkTransactionTimeout(
                      admin, KafkaBroker.TRANSACTION_MAX_TIMEOUT_MS + 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("transaction.max.timeout.ms is 7200000 ms")
          .hasMessageContaining("KafkaOut.TRANSACTION_TIMEOUT_MS");
    }
  }
}
