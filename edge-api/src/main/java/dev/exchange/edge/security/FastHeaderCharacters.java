package dev.exchange.edge.security;

import java.util.function.Predicate;

/**
 * The rules Spring Security's {@code StrictHttpFirewall} applies by default to header names and
 * values: every code point is assigned and is not a control character (values may also contain
 * tabs). The defaults check them with regular expressions ({@code
 * [\p{IsAssigned}&&[^\p{IsControl}]]*}), which cost about a tenth of the edge's CPU under load, the
 * bearer token header alone being ~800 characters; these are the same rules as a loop with a fast
 * path for printable ASCII. {@code FastHeaderCharactersTest} checks that they agree with {@code
 * StrictHttpFirewall.ALLOWED_HEADER_NAMES} and {@code ALLOWED_HEADER_VALUES}.
 */
final class FastHeaderCharacters implements Predicate<String> {

  static final FastHeaderCharacters NAMES = new FastHeaderCharacters(false);
  static final FastHeaderCharacters VALUES = new FastHeaderCharacters(true);

  private final boolean tabAllowed;

  private FastHeaderCharacters(boolean tabAllowed) {
    this.tabAllowed = tabAllowed;
  }

  @Override
  public boolean test(String s) {
    int n = s.length();
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        i++;
        continue;
      }
      int cp = s.codePointAt(i);
      if (!Character.isDefined(cp)
          || (Character.getType(cp) == Character.CONTROL && !(tabAllowed && cp == '\t'))) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }
}
