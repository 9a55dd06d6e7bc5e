package dev.exchange.history.api;

import dev.exchange.model.Symbols;
import dev.exchange.service.instruments.InstrumentCache;
import dev.exchange.service.web.ApiException;

/** Checks of the own API's query parameters; each failure names the parameter. */
final class Params {

  private Params() {}

  /** A listed symbol; unknown or malformed symbols are refused. */
  static String symbol(InstrumentCache instruments, String symbol) {
    if (symbol == null || symbol.isEmpty()) {
      throw ApiException.badRequest(
          ErrorCodes.FIELD_REQUIRED, "symbol", "query parameter 'symbol' is required");
    }
    if (!Symbols.isValid(symbol)) {
      throw ApiException.badRequest(
          ErrorCodes.SYMBOL_INVALID,
          "symbol",
          "symbol '" + symbol + "' must be 2 to 20 upper-case letters or digits");
    }
    if (instruments.get(symbol) == null) {
      throw ApiException.badRequest(
          ErrorCodes.UNKNOWN_SYMBOL, "symbol", "symbol '" + symbol + "' is not listed");
    }
    return symbol;
  }

  /** An optional epoch-millisecond time, at least 0. */
  static Long time(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    long t;
    try {
      t = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          ErrorCodes.INVALID_FIELD_TYPE,
          name,
          "'" + name + "' must be a time in epoch milliseconds, got '" + value + "'");
    }
    if (t < 0) {
      throw ApiException.badRequest(
          ErrorCodes.TIME_INVALID, name, "'" + name + "' must not be negative, got " + t);
    }
    return t;
  }

  /** Refuses a range whose end is before its start. */
  static void range(Long startTime, Long endTime) {
    if (startTime != null && endTime != null && endTime < startTime) {
      throw ApiException.badRequest(
          ErrorCodes.RANGE_INVALID,
          "endTime",
          "endTime (" + endTime + ") must not be before startTime (" + startTime + ")");
    }
  }

  /** A limit in {@code 1..max}, {@code fallback} when absent. */
  static int limit(String value, int fallback, int max) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    int limit;
    try {
      limit = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          ErrorCodes.INVALID_FIELD_TYPE,
          "limit",
          "'limit' must be an integer, got '" + value + "'");
    }
    if (limit < 1 || limit > max) {
      throw ApiException.badRequest(
          ErrorCodes.LIMIT_OUT_OF_RANGE,
          "limit",
          "'limit' must be between 1 and " + max + ", got " + limit);
    }
    return limit;
  }

  /** An optional boolean ({@code true} / {@code false}). */
  static Boolean bool(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    throw ApiException.badRequest(
        ErrorCodes.INVALID_FIELD_TYPE,
        name,
        "'" + name + "' must be true or false, got '" + value + "'");
  }
}
