package dev.exchange.service.web;

import org.springframework.http.HttpStatus;

/**
 * An error answered in Binance's form {@code {"code":-1121,"msg":"Invalid symbol."}}, with
 * Binance's code, HTTP status and message text. Every Binance error of every service is a factory
 * here; {@link BinanceErrorHandler} renders them.
 */
public class BinanceException extends RuntimeException {

  private final HttpStatus status;
  private final int code;

  public BinanceException(HttpStatus status, int code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** -1000: anything unexpected. */
  public static BinanceException unknown() {
    return new BinanceException(
        HttpStatus.INTERNAL_SERVER_ERROR,
        -1000,
        "An unknown error occurred while processing the request.");
  }

  /** -1001: the data the request needs is not loaded yet (ws-relay's order book). */
  public static BinanceException bookNotLoaded(String symbol) {
    return new BinanceException(
        HttpStatus.SERVICE_UNAVAILABLE,
        -1001,
        "Internal error; the order book of " + symbol + " is not loaded yet. Please try again.");
  }

  public static BinanceException invalidSymbol() {
    return new BinanceException(HttpStatus.BAD_REQUEST, -1121, "Invalid symbol.");
  }

  public static BinanceException invalidInterval() {
    return new BinanceException(HttpStatus.BAD_REQUEST, -1120, "Invalid interval.");
  }

  public static BinanceException missing(String parameter) {
    return new BinanceException(
        HttpStatus.BAD_REQUEST,
        -1102,
        "Mandatory parameter '" + parameter + "' was not sent, was empty/null, or malformed.");
  }

  public static BinanceException illegal(String parameter, String legal) {
    return new BinanceException(
        HttpStatus.BAD_REQUEST,
        -1100,
        "Illegal characters found in parameter '"
            + parameter
            + "'; legal range is '"
            + legal
            + "'.");
  }

  /** -1100 for a number outside its range. */
  public static BinanceException outOfRange(String parameter, long min, long max) {
    return new BinanceException(
        HttpStatus.BAD_REQUEST,
        -1100,
        "Parameter '" + parameter + "' must be between " + min + " and " + max + ".");
  }

  /** -1101: {@code symbol} and {@code symbols} together. */
  public static BinanceException symbolAndSymbols() {
    return new BinanceException(
        HttpStatus.BAD_REQUEST, -1101, "Parameter 'symbol' and 'symbols' should not both be sent.");
  }

  public static BinanceException invalid(String parameter) {
    return new BinanceException(
        HttpStatus.BAD_REQUEST, -1130, "Data sent for parameter '" + parameter + "' is not valid.");
  }

  public static BinanceException startAfterEnd() {
    return new BinanceException(
        HttpStatus.BAD_REQUEST, -1023, "Start time is greater than end time.");
  }

  public static BinanceException combination() {
    return new BinanceException(
        HttpStatus.BAD_REQUEST, -1128, "Combination of optional parameters invalid.");
  }

  public HttpStatus status() {
    return status;
  }

  public int code() {
    return code;
  }
}
