package dev.exchange.service.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binance's error body {@code {"code":…,"msg":"…"}} for {@link BinanceException}. A service
 * declares where it applies with a subclass annotated {@code @RestControllerAdvice} (its scope),
 * and adds handlers there if it answers more (history-service renders anything unexpected as {@link
 * BinanceException#unknown()}).
 */
public class BinanceErrorHandler {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ExceptionHandler(BinanceException.class)
  public ResponseEntity<String> binance(BinanceException e) {
    return render(e);
  }

  /** The response for {@code e}: its status, {@code application/json}, code and message. */
  public static ResponseEntity<String> render(BinanceException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", e.code());
    body.put("msg", e.getMessage());
    return ResponseEntity.status(e.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(JSON.writeValueAsString(body));
  }
}
