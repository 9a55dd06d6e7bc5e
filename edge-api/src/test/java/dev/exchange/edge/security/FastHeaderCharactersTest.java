package dev.exchange.edge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

class FastHeaderCharactersTest {

  @Test
  void agreesWithSpringSecuritysDefaultHeaderRulesOnEveryBasicPlaneCharacterAndBeyond() {
    List<String> inputs = new ArrayList<>();
    for (int c = 0; c <= 0xFFFF; c++) {
      inputs.add("ab" + (char) c + "cd");
    }
    for (int cp : new int[] {0x1F600, 0x10FFFF, 0xE0001, 0x2FFFE, 0x1D400}) {
      inputs.add("x" + new String(Character.toChars(cp)) + "y");
    }
    inputs.add("\uD83D"); // lone high surrogate
    inputs.add("a\uDE00b"); // lone low surrogate
    inputs.add("");
    inputs.add("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln");
    inputs.add("a\tb");
    int accepted = 0;
    for (String s : inputs) {
      assertThat(FastHeaderCharacters.NAMES.test(s))
          .as("name %s", s.codePoints().boxed().toList())
          .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(s));
      boolean value = FastHeaderCharacters.VALUES.test(s);
      assertThat(value)
          .as("value %s", s.codePoints().boxed().toList())
          .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s));
      accepted += value ? 1 : 0;
    }
    // sanity: the comparison covered both outcomes
    assertThat(accepted).isBetween(1000, inputs.size() - 100);
    assertThat(FastHeaderCharacters.VALUES.test("a\tb")).isTrue();
    assertThat(FastHeaderCharacters.NAMES.test("a\tb")).isFalse();
    assertThat(FastHeaderCharacters.VALUES.test("a\nb")).isFalse();
  }
}
