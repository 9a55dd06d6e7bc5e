package dev.exchange.bench.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the load tools: {@code --name value} pairs only. An option the tool does
 * not know, a missing value or a malformed number is refused with a message naming the option, so a
 * typo never silently runs a different benchmark.
 */
public final class Args {

  private final Map<String, String> values;

  private Args(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code --name value} pairs.
   *
   * @param known the option names (without dashes) the tool accepts
   * @throws IllegalArgumentException for an unknown option, a missing value or a stray argument
   */
  public static Args parse(String[] args, Set<String> known) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException(
            "unexpected argument '" + arg + "': options are --name value");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option --"
                + name
                + " (known: --"
                + String.join(", --", known.stream().sorted().toList())
                + ")");
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new IllegalArgumentException("option --" + name + " needs a value");
        }
        value = args[++i];
      }
      if (values.put(name, value) != null) {
        throw new IllegalArgumentException("option --" + name + " given twice");
      }
    }
    return new Args(values);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The value, or {@code fallback} when the option is absent. */
  public String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /**
   * A required option.
   *
   * @throws IllegalArgumentException when absent
   */
  public String required(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("option --" + name + " is required");
    }
    return v;
  }

  /**
   * A positive integer option.
   *
   * @throws IllegalArgumentException when it is not a positive integer
   */
  public int positiveInt(String name, int fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option --" + name + " must be an integer, got '" + v + "'");
    }
    if (n <= 0) {
      throw new IllegalArgumentException("option --" + name + " must be positive, got " + n);
    }
    return n;
  }
}
