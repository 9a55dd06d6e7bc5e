package dev.exchange.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

  private static final Set<String> KNOWN = Set.of("rate", "seconds", "base-url");

  @Test
  void readsNameValuePairsInBothSpellings() {
    Args a = Args.parse(new String[] {"--rate", "2_500", "--base-url=http://x:1"}, KNOWN);
    assertThat(a.positiveInt("rate", 1)).isEqualTo(2500);
    assertThat(a.positiveInt("seconds", 60)).isEqualTo(60);
    assertThat(a.required("base-url")).isEqualTo("http://x:1");
    assertThat(a.has("seconds")).isFalse();
  }

  @Test
  void mistakesAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> Args.parse(new String[] {"--rat", "1"}, KNOWN))
        .hasMessage("unknown option --rat (known: --base-url, --rate, --seconds)");
    assertThatThrownBy(() -> Args.parse(new String[] {"--rate"}, KNOWN))
        .hasMessage("option --rate needs a value");
    assertThatThrownBy(() -> Args.parse(new String[] {"rate", "1"}, KNOWN))
        .hasMessage("unexpected argument 'rate': options are --name value");
    assertThatThrownBy(() -> Args.parse(new String[] {"--rate", "1", "--rate", "2"}, KNOWN))
        .hasMessage("option --rate given twice");
    Args a = Args.parse(new String[] {"--rate", "fast", "--seconds", "0"}, KNOWN);
    assertThatThrownBy(() -> a.positiveInt("rate", 1))
        .hasMessage("option --rate must be an integer, got 'fast'");
    assertThatThrownBy(() -> a.positiveInt("seconds", 1))
        .hasMessage("option --seconds must be positive, got 0");
    assertThatThrownBy(() -> a.required("base-url")).hasMessage("option --base-url is required");
  }
}
