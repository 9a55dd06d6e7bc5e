package dev.exchange.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class BinanceErrorHandlerTest {

  @Test
  void rendersCodeAndMessageInBinancesFormWithItsStatus() {
    ResponseEntity<String> response =
        new BinanceErrorHandler().binance(BinanceException.invalidSymbol());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(response.getBody()).isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
  }

  @Test
  void escapesQuotesAndBackslashesOfTheMessage() {
    ResponseEntity<String> response =
        BinanceErrorHandler.render(
            BinanceException.illegal("symbols", BinanceParameters.SYMBOLS_RANGE));
    assertThat(response.getBody())
        .isEqualTo(
            "{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'symbols'; legal"
                + " range is '^\\\\[(\\\"[A-Z0-9-_.]{1,20}\\\"(,\\\"[A-Z0-9-_.]{1,20}\\\"){0,}){0,1}"
                + "\\\\]$'.\"}");
  }

  @Test
  void unknownAndNotLoadedAreServerSideErrors() {
    assertThat(BinanceErrorHandler.render(BinanceException.unknown()).getBody())
        .isEqualTo(
            "{\"code\":-1000,\"msg\":\"An unknown error occurred while processing the request.\"}");
    ResponseEntity<String> notLoaded =
        BinanceErrorHandler.render(BinanceException.bookNotLoaded("BTCUSDT"));
    assertThat(notLoaded.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(notLoaded.getBody())
        .isEqualTo(
            "{\"code\":-1001,\"msg\":\"Internal error; the order book of BTCUSDT is not loaded"
                + " yet. Please try again.\"}");
  }
}
