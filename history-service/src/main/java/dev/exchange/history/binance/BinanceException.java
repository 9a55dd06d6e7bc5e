package dev.exchange.history.binance;

import org.springframework.http.HttpStatus;

/** An error answered in Binance's form {@code {"code":-1121,"msg":"Invalid symbol."}}. */
class BinanceException extends RuntimeException {

  private final HttpStatus status;
  private final int code;

  BinanceException(HttpStatus status, int code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static BinanceException invalidSymbol() {
    return new BinanceException(HttpStatus.BAD_REQUEST, -1121, "Invalid symbol.");
  }

  static BinanceException invalidInterval() {
    return new BinanceException(HttpStatus.BAD_REQUEST, -1120, "Invalid interval.");
  }

  static BinanceException missing(String parameter) {
    return new BinanceException(
        HttpStatus.BAD_REQUEST,
        -1102,
        "Mandatory parameter '" + parameter + "' was not sent, was empty/null, or malformed.");
  }

  static BinanceException illegal(String parameter, String legal) {
    return new BinanceException(
        HttpStatus.BAD_REQUEST,
        -1100,
        "Illegal characters found in parameter '"
            + parameter
            + "'; legal range is '"
            + legal
            + "'.");
  }

  static BinanceException invalid(String parameter) {
    return new BinanceException(
        HttpStatus.BAD_REQUEST, -1130, "Data sent for parameter '" + parameter + "' is not valid.");
  }

  static BinanceException startAfterEnd() {
    return new BinanceException(
        HttpStatus.BAD_REQUEST, -1023, "Start time is greater than end time.");
  }

  static BinanceException combination() {
    return new BinanceException(
        HttpStatus.BAD_REQUEST, -1128, "Combination of optional parameters invalid.");
  }

  HttpStatus status() {
    return status;
  }

  int code() {
    return code;
  }
}
