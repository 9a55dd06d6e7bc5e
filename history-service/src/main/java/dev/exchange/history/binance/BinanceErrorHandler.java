package dev.exchange.history.binance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Binance's error body on the compatible REST surface ({@code /api/v3}). */
@RestControllerAdvice(basePackageClasses = BinanceErrorHandler.class)
class BinanceErrorHandler {

  private static final Logger LOG = LoggerFactory.getLogger(BinanceErrorHandler.class);

  @ExceptionHandler(BinanceException.class)
  ResponseEntity<Map<String, Object>> binance(BinanceException e) {
    return body(e.status(), e.code(), e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    LOG.error("unexpected error", e);
    return body(
        HttpStatus.INTERNAL_SERVER_ERROR,
        -1000,
        "An unknown error occurred while processing the request.");
  }

  private static ResponseEntity<Map<String, Object>> body(HttpStatus status, int code, String msg) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("msg", msg);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
