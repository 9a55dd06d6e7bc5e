package dev.exchange.history.tiers;

import dev.exchange.history.rows.Fill;
import dev.exchange.history.rows.Kline;
import dev.exchange.history.rows.TradeRow;
import java.util.List;

/**
 * The cold tier: the Iceberg tables {@code exchange.trades}, {@code exchange.candles_1m}, {@code
 * exchange.candles_1h} and {@code exchange.order_events}. The service asks it only for times before
 * the hot tier's start ({@link Tiers#hotStart}). Times are epoch ms; every range is {@code [from,
 * to)}.
 */
public interface ColdStore {

  /** Whether a cold tier is configured; if not, the hot tier answers every range. */
  boolean enabled();

  /**
   * Connects and touches every read path once, so that the first request does not pay for
   * connecting the catalog, building the storage client and loading the reader classes (seconds).
   * Called in the background after start; a failure (lake not up yet) only costs that warm-up.
   */
  default void warmUp() {}

  /** Closed 1m candles with open time in {@code [from, to)}, by open time. */
  List<Kline> candles1m(String symbol, long from, long to);

  /**
   * Closed 1h candles (table {@code candles_1h}) with open time in {@code [from, to)}, in order.
   */
  List<Kline> candles1h(String symbol, long from, long to);

  /**
   * The first open time in {@code candles_1h} of a symbol, {@link Long#MAX_VALUE} if it has none.
   * The lakehouse job stores every closed hour from the first one it stored on, so {@code
   * candles_1h} is complete from there; earlier hours (written before the table existed) are only
   * in {@code candles_1m}.
   */
  long hourlyStart(String symbol);

  /** Trades with time in {@code [from, to)} and id {@code >= fromId}, by id, at most limit. */
  List<TradeRow> tradesAscending(String symbol, long from, long to, long fromId, int limit);

  /** The latest trades with time {@code < to} and id {@code < beforeId}, newest first. */
  List<TradeRow> tradesDescending(String symbol, long to, long beforeId, int limit);

  /** The fills of an order with time in {@code [from, to)}, by sequence. */
  List<Fill> fills(String symbol, String orderId, long from, long to);

  /** No cold tier: every range is answered by the hot tier alone. */
  ColdStore NONE =
      new ColdStore() {
        @Override
        public boolean enabled() {
          return false;
        }

        @Override
        public List<Kline> candles1m(String symbol, long from, long to) {
          return List.of();
        }

        @Override
        public List<Kline> candles1h(String symbol, long from, long to) {
          return List.of();
        }

        @Override
        public long hourlyStart(String symbol) {
          return Long.MAX_VALUE;
        }

        @Override
        public List<TradeRow> tradesAscending(
            String symbol, long from, long to, long fromId, int limit) {
          return List.of();
        }

        @Override
        public List<TradeRow> tradesDescending(String symbol, long to, long beforeId, int limit) {
          return List.of();
        }

        @Override
        public List<Fill> fills(String symbol, String orderId, long from, long to) {
          return List.of();
        }
      };
}
