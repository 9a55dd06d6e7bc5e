package dev.exchange.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class BinanceParametersTest {

  private static final Predicate<String> LISTED = Set.of("BTCUSDT", "ETHUSDT")::contains;

  private static String listed(String symbol) {
    return BinanceParameters.symbol(symbol, LISTED);
  }

  private static void refused(Runnable call, HttpStatus status, int code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            BinanceException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  @Test
  void aListedSymbolIsReturnedAndEveryOtherGetsBinancesError() {
    assertThat(listed("BTCUSDT")).isEqualTo("BTCUSDT");
    refused(
        () -> listed(""),
        HttpStatus.BAD_REQUEST,
        -1102,
        "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
    refused(
        () -> listed(null),
        HttpStatus.BAD_REQUEST,
        -1102,
        "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
    refused(
        () -> listed("btcusdt"),
        HttpStatus.BAD_REQUEST,
        -1100,
        "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'.");
    refused(() -> listed("XRPUSDT"), HttpStatus.BAD_REQUEST, -1121, "Invalid symbol.");
    refused(() -> listed("BTC-USDT"), HttpStatus.BAD_REQUEST, -1121, "Invalid symbol.");
  }

  @Test
  void symbolsIsAJsonArrayResolvedInRequestOrderAndNeitherMeansAll() {
    assertThat(
            BinanceParameters.symbols(
                null, "[\"ETHUSDT\",\"BTCUSDT\"]", BinanceParametersTest::listed))
        .containsExactly("ETHUSDT", "BTCUSDT");
    assertThat(BinanceParameters.symbols("BTCUSDT", null, s -> s.length())).isEqualTo(List.of(7));
    assertThat(BinanceParameters.symbols(null, null, BinanceParametersTest::listed)).isNull();
  }

  @Test
  void malformedSymbolsGetBinancesErrors() {
    refused(
        () -> BinanceParameters.symbols("BTCUSDT", "[\"BTCUSDT\"]", s -> s),
        HttpStatus.BAD_REQUEST,
        -1101,
        "Parameter 'symbol' and 'symbols' should not both be sent.");
    refused(
        () -> BinanceParameters.symbols(null, "[BTCUSDT", s -> s),
        HttpStatus.BAD_REQUEST,
        -1100,
        "Illegal characters found in parameter 'symbols'; legal range is"
            + " '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
    for (String notAnArray : List.of("[]", "{\"a\":1}", "\"BTCUSDT\"")) {
      refused(
          () -> BinanceParameters.symbols(null, notAnArray, s -> s),
          HttpStatus.BAD_REQUEST,
          -1102,
          "Mandatory parameter 'symbols' was not sent, was empty/null, or malformed.");
    }
    refused(
        () -> BinanceParameters.symbols(null, "[\"BTCUSDT\",7]", BinanceParametersTest::listed),
        HttpStatus.BAD_REQUEST,
        -1102,
        "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
  }

  @Test
  void numbersAreOptionalDigitsWithinALong() {
    assertThat(BinanceParameters.number("limit", null)).isNull();
    assertThat(BinanceParameters.number("limit", "")).isNull();
    assertThat(BinanceParameters.number("fromId", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    refused(
        () -> BinanceParameters.number("startTime", "-1"),
        HttpStatus.BAD_REQUEST,
        -1100,
        "Illegal characters found in parameter 'startTime'; legal range is '^[0-9]{1,20}$'.");
    refused(
        () -> BinanceParameters.number("fromId", "9223372036854775808"),
        HttpStatus.BAD_REQUEST,
        -1130,
        "Data sent for parameter 'fromId' is not valid.");
  }
}
