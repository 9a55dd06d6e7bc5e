package dev.exchange.relay.json;

import dev.exchange.model.FixedPoint;

/**
 * A small append-only JSON writer over a {@link StringBuilder}. Payloads are written by hand so
 * that field order and names are exactly Binance's and nothing is allocated beyond the text.
 */
public final class JsonText {

  private final StringBuilder out;
  private boolean first = true;

  private JsonText(int capacity) {
    out = new StringBuilder(capacity);
  }

  public static JsonText object(int capacity) {
    JsonText json = new JsonText(capacity);
    json.out.append('{');
    return json;
  }

  public static JsonText raw(int capacity) {
    return new JsonText(capacity);
  }

  public StringBuilder builder() {
    return out;
  }

  private JsonText key(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    out.append('"').append(name).append("\":");
    return this;
  }

  public JsonText str(String name, CharSequence value) {
    key(name);
    if (value == null) {
      out.append("null");
    } else {
      quote(out, value);
    }
    return this;
  }

  public JsonText num(String name, long value) {
    key(name).out.append(value);
    return this;
  }

  public JsonText bool(String name, boolean value) {
    key(name).out.append(value);
    return this;
  }

  public JsonText nul(String name) {
    key(name).out.append("null");
    return this;
  }

  /** A decimal string of {@code units} at {@code scale}. */
  public JsonText dec(String name, long units, int scale) {
    key(name).out.append('"').append(FixedPoint.format(units, scale)).append('"');
    return this;
  }

  /** Appends already-serialized JSON as a field value. */
  public JsonText rawValue(String name, CharSequence json) {
    key(name).out.append(json);
    return this;
  }

  /** Starts a nested value: the caller appends it to {@link #builder()}. */
  public StringBuilder open(String name) {
    key(name);
    return out;
  }

  public String close() {
    out.append('}');
    return out.toString();
  }

  /** Appends {@code value} as a JSON string literal. */
  public static void quote(StringBuilder out, CharSequence value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
