package dev.exchange.edge.orders;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON of the order entry fast path, with exactly the results of the application's {@link
 * JsonMapper} (the one Spring MVC's message converter uses).
 *
 * <p>Reading: the plain body (one object whose members are known fields, each once, with string or
 * null values, nothing after it) is read with the streaming parser; anything else, including every
 * malformed body, is read again by data binding, which gives the value or the exception MVC would
 * have got. Writing: the 202 answer is written directly when its strings need no escaping (they are
 * validated ids and symbols, so always), else by data binding.
 */
final class OrderJson {

  private static final String[] FIELDS = {
    "symbol",
    "side",
    "type",
    "timeInForce",
    "quantity",
    "quoteQuantity",
    "price",
    "clientOrderId",
    "selfTradePrevention"
  };

  private final ObjectReader reader;
  private final ObjectWriter writer;

  OrderJson(JsonMapper json) {
    this.reader = json.readerFor(PlaceOrderRequest.class);
    this.writer = json.writerFor(OrderAccepted.class);
  }

  /**
   * The request in {@code body}.
   *
   * @throws JacksonException exactly as data binding throws it for this body
   */
  PlaceOrderRequest read(byte[] body) {
    PlaceOrderRequest plain = readPlain(body);
    return plain != null ? plain : reader.readValue(body);
  }

  /** The request if the body has the plain shape, else null (data binding decides). */
  PlaceOrderRequest readPlain(byte[] body) {
    String[] values = new String[FIELDS.length];
    boolean[] seen = new boolean[FIELDS.length];
    try (JsonParser p = reader.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String name;
      while ((name = p.nextName()) != null) {
        int i = index(name);
        if (i < 0 || seen[i]) {
          return null;
        }
        seen[i] = true;
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          values[i] = p.getString();
        } else if (value != JsonToken.VALUE_NULL) {
          return null;
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
    } catch (JacksonException e) {
      return null;
    }
    return new PlaceOrderRequest(
        values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7],
        values[8]);
  }

  private static int index(String name) {
    return switch (name) {
      case "symbol" -> 0;
      case "side" -> 1;
      case "type" -> 2;
      case "timeInForce" -> 3;
      case "quantity" -> 4;
      case "quoteQuantity" -> 5;
      case "price" -> 6;
      case "clientOrderId" -> 7;
      case "selfTradePrevention" -> 8;
      default -> -1;
    };
  }

  /** The 202 body, as data binding writes it. */
  byte[] write(OrderAccepted answer) {
    if (!plain(answer.orderId())
        || !plain(answer.clientOrderId())
        || !plain(answer.symbol())
        || !plain(answer.status())) {
      return writer.writeValueAsBytes(answer);
    }
    return ("{\"orderId\":\""
            + answer.orderId()
            + "\",\"clientOrderId\":\""
            + answer.clientOrderId()
            + "\",\"symbol\":\""
            + answer.symbol()
            + "\",\"status\":\""
            + answer.status()
            + "\",\"acceptedAt\":"
            + answer.acceptedAt()
            + "}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Printable ASCII that JSON strings carry unescaped (no quote, no backslash). */
  private static boolean plain(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
