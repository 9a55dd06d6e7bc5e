package dev.exchange.edge.orders;

import dev.exchange.service.web.ApiException;
import dev.exchange.service.web.BinanceErrorHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Binance's error body on the signed order endpoints: our validation errors in Binance's codes
 * ({@link BinanceRejections}), ahead of the problem+json handler that answers {@code /api/v1}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = BinanceOrderController.class)
class BinanceOrderErrors extends BinanceErrorHandler {

  @ExceptionHandler(ApiException.class)
  ResponseEntity<String> rejected(ApiException e) {
    return render(BinanceRejections.of(e));
  }
}
