package dev.exchange.delivery.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicAddressesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "100.127.255.254",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fd00::1",
        "fc00::2"
      })
  void aWebhookNeverGoesToTheClustersOwnOrThePrivateNetworks(String address) throws Exception {
    assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isFalse();
    assertThat(PublicAddresses.isPublic(address)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "100.128.0.1", "172.32.0.1", "2001:4860:4860::8888"})
  void publicAddressesAreAllowed(String address) throws Exception {
    assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost"})
  void aNameIsJudgedByWhatItResolvesTo(String host) throws Exception {
    assertThat(PublicAddresses.isPublic(host)).isFalse();
  }
}
