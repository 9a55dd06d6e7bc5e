package dev.exchange.relay.ws;

import dev.exchange.relay.json.JsonText;
import java.util.Collection;

/** Binance's method-protocol replies: {@code {"result":...,"id":N}} and error objects. */
final class ControlReplies {

  /** Binance error codes of the WebSocket method protocol. */
  static final int UNKNOWN_PROPERTY = 0;

  static final int INVALID_VALUE_TYPE = 1;
  static final int INVALID_REQUEST = 2;
  static final int INVALID_JSON = 3;

  private ControlReplies() {}

  /** {@code id} is the request's id as JSON text ({@code 1}, {@code "a"} or {@code null}). */
  static String result(String id) {
    return "{\"result\":null,\"id\":" + id + "}";
  }

  static String list(Collection<String> streams, String id) {
    StringBuilder out = new StringBuilder(32 + streams.size() * 24).append("{\"result\":[");
    boolean first = true;
    for (String s : streams) {
      if (!first) {
        out.append(',');
      }
      first = false;
      JsonText.quote(out, s);
    }
    return out.append("],\"id\":").append(id).append('}').toString();
  }

  static String error(int code, String message, String id) {
    StringBuilder out = new StringBuilder(96).append("{\"error\":{\"code\":").append(code);
    out.append(",\"msg\":");
    JsonText.quote(out, message);
    return out.append("},\"id\":").append(id).append('}').toString();
  }
}
