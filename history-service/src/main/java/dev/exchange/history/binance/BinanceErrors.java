package dev.exchange.history.binance;

import dev.exchange.service.web.BinanceErrorHandler;
import dev.exchange.service.web.BinanceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Binance's error body on the compatible REST surface ({@code /api/v3}, this package): service-
 * support's {@link BinanceErrorHandler}, and anything unexpected as -1000.
 */
@RestControllerAdvice(basePackageClasses = BinanceErrors.class)
class BinanceErrors extends BinanceErrorHandler {

  private static final Logger LOG = LoggerFactory.getLogger(BinanceErrors.class);

  @ExceptionHandler(Exception.class)
  ResponseEntity<String> unexpected(Exception e) {
    LOG.error("unexpected error", e);
    return render(BinanceException.unknown());
  }
}
