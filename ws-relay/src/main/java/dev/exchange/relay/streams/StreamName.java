package dev.exchange.relay.streams;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Binance stream name: {@code <symbol>@trade}, {@code <symbol>@kline_<interval>}, {@code
 * <symbol>@depth}, {@code <symbol>@depth@100ms}, {@code <symbol>@depth<5|10|20>[@100ms]}, {@code
 * <symbol>@bookTicker}, {@code <symbol>@ticker} and {@code !ticker@arr}. Symbols are lower case in
 * the name and upper case in {@link #symbol()}.
 */
public record StreamName(String name, Kind kind, String symbol, String interval, int levels) {

  /** Stream types. */
  public enum Kind {
    TRADE,
    KLINE,
    DEPTH_DIFF,
    DEPTH_PARTIAL,
    BOOK_TICKER,
    TICKER,
    ALL_TICKERS
  }

  public static final String ALL_TICKERS = "!ticker@arr";

  /** Binance's kline intervals; the market-data job produces 1m, 5m, 15m, 1h, 4h and 1d. */
  public static final Set<String> INTERVALS =
      Set.of(
          "1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d",
          "1w", "1M");

  private static final Pattern NAME =
      Pattern.compile(
          "([a-z0-9]{2,20})@(trade|kline_([0-9]{1,2}[smhdwM])|depth(5|10|20)?(@100ms|@1000ms)?"
              + "|bookTicker|ticker)");

  /**
   * Parses a stream name as a client wrote it.
   *
   * @throws IllegalArgumentException with a message naming the problem
   */
  public static StreamName parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty stream name");
    }
    if (text.equals(ALL_TICKERS)) {
      return new StreamName(ALL_TICKERS, Kind.ALL_TICKERS, null, null, 0);
    }
    Matcher m = NAME.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid stream name '" + text + "'");
    }
    String symbol = m.group(1).toUpperCase(Locale.ROOT);
    String type = m.group(2);
    if (type.equals("trade")) {
      return new StreamName(text, Kind.TRADE, symbol, null, 0);
    }
    if (type.startsWith("kline_")) {
      String interval = m.group(3);
      if (!INTERVALS.contains(interval)) {
        throw new IllegalArgumentException("invalid interval '" + interval + "' in '" + text + "'");
      }
      return new StreamName(text, Kind.KLINE, symbol, interval, 0);
    }
    if (type.startsWith("depth")) {
      if (m.group(4) == null) {
        return new StreamName(text, Kind.DEPTH_DIFF, symbol, null, 0);
      }
      return new StreamName(text, Kind.DEPTH_PARTIAL, symbol, null, Integer.parseInt(m.group(4)));
    }
    if (type.equals("bookTicker")) {
      return new StreamName(text, Kind.BOOK_TICKER, symbol, null, 0);
    }
    return new StreamName(text, Kind.TICKER, symbol, null, 0);
  }

  /** Whether a slow subscriber may skip frames of this stream (a later frame supersedes one). */
  public boolean droppable() {
    return switch (kind) {
      case TRADE, DEPTH_DIFF -> false;
      default -> true;
    };
  }
}
