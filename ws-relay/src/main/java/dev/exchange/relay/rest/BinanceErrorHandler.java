package dev.exchange.relay.rest;

import dev.exchange.relay.json.JsonText;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Binance's error body on the compatible REST surface. */
@RestControllerAdvice
class BinanceErrorHandler {

  @ExceptionHandler(BinanceException.class)
  ResponseEntity<String> binance(BinanceException e) {
    return ResponseEntity.status(e.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(JsonText.object(96).num("code", e.code()).str("msg", e.getMessage()).close());
  }
}
