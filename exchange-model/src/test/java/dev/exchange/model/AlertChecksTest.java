package dev.exchange.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.model.avro.AlertDefinition;
import dev.exchange.model.avro.AlertKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The delivery fields of a definition: where a webhook may go, what an e-mail address is. */
class AlertChecksTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://hooks.example.com/alerts",
        "https://hooks.example.com:8443/a?b=c",
        "http://localhost:8080/hook",
        "http://127.0.0.1:9/hook",
        "http://[::1]:9/hook"
      })
  void httpsAndLoopbackHttpAreAllowed(String url) {
    assertThat(AlertChecks.webhookUrlAllowed(url)).isTrue();
    assertThat(AlertChecks.problem(definition(url, null))).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://hooks.example.com/alerts",
        "http://10.0.0.1/hook",
        "ftp://hooks.example.com/",
        "https://user:pw@hooks.example.com/",
        "/relative/hook",
        "https:///no-host",
        "not a url"
      })
  void otherUrlsAreRefusedNamingTheField(String url) {
    assertThat(AlertChecks.webhookUrlAllowed(url)).isFalse();
    assertThat(AlertChecks.problem(definition(url, null))).startsWith("webhookUrl: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice@example.com", "a.b+c@mail.example.co.uk"})
  void plainAddressesAreAllowed(String email) {
    assertThat(AlertChecks.problem(definition(null, email))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "alice@localhost", "a b@example.com", "a@b@example.com", ""})
  void otherAddressesAreRefusedNamingTheField(String email) {
    assertThat(AlertChecks.problem(definition(null, email))).startsWith("email: ");
  }

  private static AlertDefinition definition(String webhookUrl, String email) {
    return AlertDefinition.newBuilder()
        .setAlertId("a1")
        .setAccount("alice")
        .setSymbol("BTCUSDT")
        .setKind(AlertKind.PRICE_ABOVE)
        .setLevel(100L)
        .setPriceScale(2)
        .setCreatedTime(1L)
        .setWebhookUrl(webhookUrl)
        .setEmail(email)
        .build();
  }
}
