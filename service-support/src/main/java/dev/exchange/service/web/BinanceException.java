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

  /** -1003 (HTTP 429): the account's or the address's request budget is spent. */
  public static BinanceException tooManyRequests() {
    return new BinanceException(
        HttpStatus.TOO_MANY_REQUESTS,
        -1003,
        "Too many requests; current request rate limit exceeded. Please use the WebSocket Streams"
            + " for live updates to avoid polling the API.");
  }

  /** -1021: {@code timestamp} older than {@code recvWindow}. */
  public static BinanceException timestampOutsideWindow() {
    return new BinanceException(
        HttpStatus.BAD_REQUEST, -1021, "Timestamp for this request is outside of the recvWindow.");
  }

  /** -1021: {@code timestamp} 1000 ms or more ahead of the server's clock. */
  public static BinanceException timestampAhead() {
    return new BinanceException(
        HttpStatus.BAD_REQUEST,
        -1021,
        "Timestamp for this request was 1000ms ahead of the server's time.");
  }

  /** -1022: the signature does not verify. */
  public static BinanceException badSignature() {
    return new BinanceException(
        HttpStatus.BAD_REQUEST, -1022, "Signature for this request is not valid.");
  }

  /** -1131: {@code recvWindow} above 60000. */
  public static BinanceException recvWindowTooLarge() {
    return new BinanceException(
        HttpStatus.BAD_REQUEST, -1131, "recvWindow must be less than 60000");
  }

  /** -2014: no {@code X-MBX-APIKEY}, or not a key's format (HTTP 401). */
  public static BinanceException apiKeyFormat() {
    return new BinanceException(HttpStatus.UNAUTHORIZED, -2014, "API-key format invalid.");
  }

  /** -2015: unknown or revoked key, address not allowed, or permission missing (HTTP 401). */
  public static BinanceException apiKeyRejected() {
    return new BinanceException(
        HttpStatus.UNAUTHORIZED, -2015, "Invalid API-key, IP, or permissions for action.");
  }

  /** -1125: a listen key that was never opened, was closed, or has lapsed. */
  public static BinanceException unknownListenKey() {
    return new BinanceException(HttpStatus.BAD_REQUEST, -1125, "This listenKey does not exist.");
  }

  /** -2010: a new order the engine rejected, with the reason's text. */
  public static BinanceException newOrderRejected(String message) {
    return new BinanceException(HttpStatus.BAD_REQUEST, -2010, message);
  }

  /** -2011: a cancel of an order that is not open or not the caller's. */
  public static BinanceException unknownOrderSent() {
    return new BinanceException(HttpStatus.BAD_REQUEST, -2011, "Unknown order sent.");
  }

  /** -2013: a query for an order that does not exist or is not the caller's. */
  public static BinanceException noSuchOrder() {
    return new BinanceException(HttpStatus.BAD_REQUEST, -2013, "Order does not exist.");
  }

  /** -1013: a filter of the symbol refused the order ({@code Filter failure: LOT_SIZE}). */
  public static BinanceException filterFailure(String filter) {
    return new BinanceException(HttpStatus.BAD_REQUEST, -1013, "Filter failure: " + filter);
  }

  /** -1007: the engine's answer did not come within the bound; the order's fate is unknown. */
  public static BinanceException backendTimeout() {
    return new BinanceException(
        HttpStatus.SERVICE_UNAVAILABLE,
        -1007,
        "Timeout waiting for response from backend server. Send status unknown;"
            + " execution status unknown.");
  }

  public HttpStatus status() {
    return status;
  }

  public int code() {
    return code;
  }
}
