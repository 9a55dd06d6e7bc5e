package dev.exchange.service.web;

import dev.exchange.model.Symbols;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binance's query parameters, read as text so that every malformed one gets Binance's error: {@code
 * symbol}, {@code symbols} (a JSON array) and whole numbers.
 */
public final class BinanceParameters {

  /** Binance's legal range for a symbol, as its error message quotes it. */
  public static final String SYMBOL_RANGE = "^[A-Z0-9-_.]{1,20}$";

  /** Binance's legal range for {@code symbols}, as its error message quotes it. */
  public static final String SYMBOLS_RANGE =
      "^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$";

  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9-_.]{1,20}");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private BinanceParameters() {}

  /**
   * A required {@code symbol}: -1102 when missing or empty, -1100 outside Binance's characters,
   * -1121 when not a valid symbol or not {@code known}.
   */
  public static String symbol(String symbol, Predicate<String> known) {
    if (symbol == null || symbol.isEmpty()) {
      throw BinanceException.missing("symbol");
    }
    if (!SYMBOL.matcher(symbol).matches()) {
      throw BinanceException.illegal("symbol", SYMBOL_RANGE);
    }
    if (!Symbols.isValid(symbol) || !known.test(symbol)) {
      throw BinanceException.invalidSymbol();
    }
    return symbol;
  }

  /**
   * The optional pair {@code symbol} / {@code symbols} ({@code ["BTCUSDT","ETHUSDT"]}), each
   * element through {@code resolve} (which throws the Binance error for one it refuses): null when
   * neither is sent (meaning every symbol), else the resolved ones in request order. -1101 for
   * both, -1100 for {@code symbols} that is not JSON, -1102 for one that is not a non-empty array.
   */
  public static <T> List<T> symbols(String symbol, String symbols, Function<String, T> resolve) {
    if (symbol != null && symbols != null) {
      throw BinanceException.symbolAndSymbols();
    }
    if (symbol != null) {
      return List.of(resolve.apply(symbol));
    }
    if (symbols == null) {
      return null;
    }
    JsonNode array;
    try {
      array = JSON.readTree(symbols);
    } catch (RuntimeException e) {
      throw BinanceException.illegal("symbols", SYMBOLS_RANGE);
    }
    if (array == null || !array.isArray() || array.isEmpty()) {
      throw BinanceException.missing("symbols");
    }
    List<T> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(resolve.apply(n.isString() ? n.asString() : ""));
    }
    return out;
  }

  /**
   * An optional whole number: null when absent or empty, -1100 for anything but up to 19 digits,
   * -1130 beyond a long.
   */
  public static Long number(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!NUMBER.matcher(value).matches()) {
      throw BinanceException.illegal(name, "^[0-9]{1,20}$");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw BinanceException.invalid(name);
    }
  }
}
