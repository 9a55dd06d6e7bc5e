package dev.exchange.service.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpAllowListTest {

  @Test
  void addressesAndBlocksOfBothFamilies() {
    List<String> list = List.of("203.0.113.7", "10.0.0.0/8", "2001:db8::/32");
    assertThat(IpAllowList.allows(list, "203.0.113.7")).isTrue();
    assertThat(IpAllowList.allows(list, "203.0.113.8")).isFalse();
    assertThat(IpAllowList.allows(list, "10.255.1.2")).isTrue();
    assertThat(IpAllowList.allows(list, "11.0.0.1")).isFalse();
    assertThat(IpAllowList.allows(list, "2001:db8:1::5")).isTrue();
    assertThat(IpAllowList.allows(list, "2001:db9::5")).isFalse();
    assertThat(IpAllowList.allows(list, "not-an-address")).isFalse();
    assertThat(IpAllowList.allows(List.of(), "198.51.100.1")).isTrue();
  }

  @Test
  void onlyLiteralAddressesAreAcceptedNeverHostNames() {
    assertThat(IpAllowList.normalize(" 10.0.0.0/8 ")).isEqualTo("10.0.0.0/8");
    for (String bad : List.of("example.com", "cafe", "999.1.1.1", "10.0.0.0/33", "::1/129", "")) {
      assertThatThrownBy(() -> IpAllowList.normalize(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }
}
