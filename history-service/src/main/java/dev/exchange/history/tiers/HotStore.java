package dev.exchange.history.tiers;

import dev.exchange.history.rows.AccountTrade;
import dev.exchange.history.rows.BalanceRow;
import dev.exchange.history.rows.FeeRow;
import dev.exchange.history.rows.Fill;
import dev.exchange.history.rows.Kline;
import dev.exchange.history.rows.LedgerRow;
import dev.exchange.history.rows.OrderRow;
import dev.exchange.history.rows.TradeRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL hot tier written by the history job (schema {@code db/history}, V1 market and
 * order history, V2 accounts). Every query is a range scan of an index the migration made for it;
 * times are epoch ms and ranges {@code [from, to)}.
 */
@Component
public class HotStore {

  /** timestamptz bounds that any epoch-ms range is clamped to (years 1970 … 9999). */
  private static final long MIN_TIME = 0L;

  private static final long MAX_TIME = 253_402_300_799_999L;

  /**
   * Amounts come as {@code trim_scale}d numerics and times as timestamptz, both in the driver's
   * binary format. A {@code numeric(38,18)} amount has 18 decimals, which makes its unscaled value
   * too big for a long, so the driver builds a BigInteger and the mapper divides it down to the
   * instrument's scale; trimmed, it decodes into a compact BigDecimal that the mapper only scales
   * up, exactly. The alternative of converting to int8 units in SQL ({@code (x * power(10,
   * scale))::int8}) was measured at 3.3 ms of PostgreSQL execution per 1000 candles against 0.9 ms
   * for this form (docs/benchmarks.md, history-service). These are the service's hottest queries
   * (1000 rows per request).
   */
  private static final String TRADE_COLUMNS =
      "trade_id, time, trim_scale(price), trim_scale(quantity), trim_scale(quote_quantity),"
          + " taker_side, taker_order_id, price_scale, quantity_scale";

  private static final String CANDLES =
      "select open_time, trim_scale(open), trim_scale(high), trim_scale(low), trim_scale(close),"
          + " trim_scale(volume), trim_scale(quote_volume), trade_count,"
          + " trim_scale(taker_buy_volume), trim_scale(taker_buy_quote_volume), first_trade_id,"
          + " last_trade_id, price_scale, quantity_scale from candles where symbol = ? and"
          + " interval = ? and open_time >= ? and open_time < ? order by open_time";

  private static final String TRADES_BY_TIME =
      "select "
          + TRADE_COLUMNS
          + " from trades where symbol = ? and time >= ? and time < ? and trade_id >= ?"
          + " order by time, trade_id limit ?";

  private static final String TRADES_BY_ID =
      "select "
          + TRADE_COLUMNS
          + " from trades where symbol = ? and trade_id >= ? and time >= ? and time < ?"
          + " order by trade_id limit ?";

  private static final String TRADES_DESCENDING =
      "select "
          + TRADE_COLUMNS
          + " from trades where symbol = ? and time >= ? and time < ? and trade_id < ?"
          + " order by time desc, trade_id desc limit ?";

  private static final String FILLS =
      "select sequence, trade_id, last_price, last_quantity, last_quote, time, maker, price_scale,"
          + " quantity_scale from order_events where order_id = ? and symbol = ? and"
          + " execution_type = 'TRADE' and time >= ? and time < ? order by sequence";

  private static final String ORDER_COLUMNS =
      "order_id, client_order_id, account, symbol, side, order_type, time_in_force, price,"
          + " quantity, quote_quantity, executed_quantity, cumulative_quote, status, reject_reason,"
          + " price_scale, quantity_scale, created_at, updated_at";

  /** An account's fills with their FEE ledger entries (same account, symbol, order and trade). */
  private static final String ACCOUNT_TRADES =
      "select e.symbol, e.order_id, e.trade_id, e.side, trim_scale(e.last_price),"
          + " trim_scale(e.last_quantity), trim_scale(e.last_quote), e.time, e.maker, e.price_scale,"
          + " e.quantity_scale, f.asset, trim_scale(-f.free_delta), f.asset_scale from order_events e"
          + " left join ledger f on f.account = e.account and f.kind = 'FEE' and f.symbol ="
          + " e.symbol and f.order_id = e.order_id and f.trade_id = e.trade_id"
          + " where e.account = ? and e.symbol = ? and e.execution_type = 'TRADE'";

  private static final String BALANCES =
      "select asset, free, locked, asset_scale from balances where account = ? order by asset";

  private static final String LEDGER_COLUMNS =
      "sequence, time, kind, asset, asset_scale, free_delta, locked_delta, free, locked, symbol,"
          + " order_id, trade_id, transfer_id, reject_reason";

  private static final String FEES =
      "select asset, collected, asset_scale, entries from fee_ledger order by asset";

  private static final RowMapper<BalanceRow> BALANCE =
      (rs, n) -> {
        int scale = rs.getInt(4);
        return new BalanceRow(rs.getString(1), decimal(rs, 2, scale), decimal(rs, 3, scale), scale);
      };

  private static final RowMapper<LedgerRow> LEDGER =
      (rs, n) -> {
        int scale = rs.getInt(5);
        return new LedgerRow(
            rs.getLong(1),
            millis(rs, 2),
            rs.getString(3),
            rs.getString(4),
            scale,
            decimal(rs, 6, scale),
            decimal(rs, 7, scale),
            decimal(rs, 8, scale),
            decimal(rs, 9, scale),
            rs.getString(10),
            rs.getString(11),
            rs.getObject(12, Long.class),
            rs.getString(13),
            rs.getString(14));
      };

  private static final RowMapper<FeeRow> FEE =
      (rs, n) -> {
        int scale = rs.getInt(3);
        return new FeeRow(rs.getString(1), decimal(rs, 2, scale), scale, rs.getLong(4));
      };

  static final RowMapper<TradeRow> TRADE =
      (rs, n) -> {
        int ps = rs.getInt(8);
        int qs = rs.getInt(9);
        return new TradeRow(
            rs.getLong(1),
            millis(rs, 2),
            decimal(rs, 3, ps),
            decimal(rs, 4, qs),
            decimal(rs, 5, ps + qs),
            "BUY".equals(rs.getString(6)),
            rs.getString(7),
            ps,
            qs);
      };

  private static final RowMapper<Kline> KLINE =
      (rs, n) -> {
        int ps = rs.getInt(13);
        int qs = rs.getInt(14);
        return new Kline(
            millis(rs, 1),
            decimal(rs, 2, ps),
            decimal(rs, 3, ps),
            decimal(rs, 4, ps),
            decimal(rs, 5, ps),
            decimal(rs, 6, qs),
            decimal(rs, 7, ps + qs),
            rs.getLong(8),
            decimal(rs, 9, qs),
            decimal(rs, 10, ps + qs),
            rs.getLong(11),
            rs.getLong(12),
            ps,
            qs);
      };

  private static final RowMapper<Fill> FILL =
      (rs, n) ->
          new Fill(
              rs.getLong(1),
              rs.getLong(2),
              rs.getBigDecimal(3),
              rs.getBigDecimal(4),
              rs.getBigDecimal(5),
              millis(rs, 6),
              rs.getBoolean(7),
              rs.getInt(8),
              rs.getInt(9));

  private static final RowMapper<OrderRow> ORDER =
      (rs, n) ->
          new OrderRow(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              rs.getString(5),
              rs.getString(6),
              rs.getString(7),
              rs.getBigDecimal(8),
              rs.getBigDecimal(9),
              rs.getBigDecimal(10),
              rs.getBigDecimal(11),
              rs.getBigDecimal(12),
              rs.getString(13),
              rs.getString(14),
              rs.getInt(15),
              rs.getInt(16),
              millis(rs, 17),
              millis(rs, 18));

  private static final RowMapper<AccountTrade> ACCOUNT_TRADE =
      (rs, n) ->
          new AccountTrade(
              rs.getString(1),
              rs.getString(2),
              rs.getLong(3),
              rs.getString(4),
              rs.getBigDecimal(5),
              rs.getBigDecimal(6),
              rs.getBigDecimal(7),
              millis(rs, 8),
              rs.getBoolean(9),
              rs.getInt(10),
              rs.getInt(11),
              rs.getString(12),
              rs.getBigDecimal(13),
              rs.getInt(14));

  private final JdbcTemplate jdbc;

  public HotStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stored candles of one interval ({@code 1m} … {@code 1d}) with open time in the range. */
  public List<Kline> candles(String symbol, String interval, long from, long to) {
    return jdbc.query(CANDLES, KLINE, symbol, interval, ts(from), ts(to));
  }

  /**
   * Trades with time in the range and id {@code >= fromId}, ascending, at most limit. Without a
   * time bound (from = {@code hotStart}) the primary key is scanned by id; otherwise the {@code
   * (symbol, time, trade_id)} index, which also prunes day partitions.
   */
  public List<TradeRow> tradesAscending(
      String symbol, long from, long to, long fromId, int limit, boolean byId) {
    return jdbc.query(
        byId ? TRADES_BY_ID : TRADES_BY_TIME,
        TRADE,
        byId
            ? new Object[] {symbol, fromId, ts(from), ts(to), limit}
            : new Object[] {symbol, ts(from), ts(to), fromId, limit});
  }

  /** Trades with time in the range and id {@code < beforeId}, newest first, at most limit. */
  public List<TradeRow> tradesDescending(
      String symbol, long from, long to, long beforeId, int limit) {
    return jdbc.query(TRADES_DESCENDING, TRADE, symbol, ts(from), ts(to), beforeId, limit);
  }

  /** The fills of an order with time in the range, by sequence. */
  public List<Fill> fills(String symbol, String orderId, long from, long to) {
    return jdbc.query(FILLS, FILL, orderId, symbol, ts(from), ts(to));
  }

  /** One order by id, or null. */
  public OrderRow order(String orderId) {
    List<OrderRow> rows =
        jdbc.query("select " + ORDER_COLUMNS + " from orders where order_id = ?", ORDER, orderId);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * An account's orders, most recently changed first, strictly after the keyset position {@code
   * (beforeUpdated, beforeOrderId)} in that order.
   *
   * @param symbol only this symbol, or all when null
   * @param open true: only open orders; false: only finished ones; null: both
   */
  public List<OrderRow> orders(
      String account,
      String symbol,
      Boolean open,
      long beforeUpdated,
      String beforeOrderId,
      int limit) {
    StringBuilder sql =
        new StringBuilder("select ").append(ORDER_COLUMNS).append(" from orders where account = ?");
    List<Object> args = new ArrayList<>();
    args.add(account);
    if (symbol != null) {
      sql.append(" and symbol = ?");
      args.add(symbol);
    }
    if (open != null) {
      sql.append(open ? " and" : " and not").append(" status in ('NEW', 'PARTIALLY_FILLED')");
    }
    sql.append(" and (updated_at, order_id) < (?, ?)");
    args.add(ts(beforeUpdated));
    args.add(beforeOrderId);
    sql.append(" order by updated_at desc, order_id desc limit ?");
    args.add(limit);
    return jdbc.query(sql.toString(), ORDER, args.toArray());
  }

  /** The account's latest order on the symbol with this clientOrderId, or null. */
  public OrderRow orderByClientId(String account, String symbol, String clientOrderId) {
    List<OrderRow> rows =
        jdbc.query(
            "select "
                + ORDER_COLUMNS
                + " from orders where account = ? and symbol = ? and client_order_id = ?"
                + " order by created_at desc limit 1",
            ORDER,
            account,
            symbol,
            clientOrderId);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * An account's orders on a symbol created in {@code [from, to]}, oldest first: from {@code
   * fromOrderId} on (ids are UUIDv7, so their text sorts by creation) when given, else the latest
   * {@code limit}.
   */
  public List<OrderRow> ordersOfSymbol(
      String account, String symbol, String fromOrderId, long from, long to, int limit) {
    String where =
        " from orders where account = ? and symbol = ? and created_at >= ? and created_at <= ?";
    if (fromOrderId != null) {
      return jdbc.query(
          "select " + ORDER_COLUMNS + where + " and order_id >= ? order by order_id limit ?",
          ORDER,
          account,
          symbol,
          ts(from),
          ts(to),
          fromOrderId,
          limit);
    }
    List<OrderRow> latest =
        new ArrayList<>(
            jdbc.query(
                "select " + ORDER_COLUMNS + where + " order by order_id desc limit ?",
                ORDER,
                account,
                symbol,
                ts(from),
                ts(to),
                limit));
    Collections.reverse(latest);
    return latest;
  }

  /**
   * An account's fills on a symbol with time in {@code [from, to]}, optionally of one order,
   * ascending: from trade id {@code fromId} on when given, else the latest {@code limit}.
   */
  public List<AccountTrade> accountTrades(
      String account, String symbol, String orderId, Long fromId, long from, long to, int limit) {
    StringBuilder sql =
        new StringBuilder(ACCOUNT_TRADES).append(" and e.time >= ? and e.time <= ?");
    List<Object> args = new ArrayList<>(List.of(account, symbol, ts(from), ts(to)));
    if (orderId != null) {
      sql.append(" and e.order_id = ?");
      args.add(orderId);
    }
    if (fromId != null) {
      sql.append(" and e.trade_id >= ? order by e.trade_id limit ?");
      args.add(fromId);
      args.add(limit);
      return jdbc.query(sql.toString(), ACCOUNT_TRADE, args.toArray());
    }
    sql.append(" order by e.time desc, e.trade_id desc limit ?");
    args.add(limit);
    List<AccountTrade> latest =
        new ArrayList<>(jdbc.query(sql.toString(), ACCOUNT_TRADE, args.toArray()));
    Collections.reverse(latest);
    return latest;
  }

  /** An account's balances (every asset it touched), by asset. */
  public List<BalanceRow> balances(String account) {
    return jdbc.query(BALANCES, BALANCE, account);
  }

  /**
   * An account's ledger entries with sequence below {@code beforeSequence}, newest first, at most
   * limit (the primary key, or the {@code (account, asset, sequence)} index for one asset).
   *
   * @param asset only this asset, or all when null
   */
  public List<LedgerRow> ledger(String account, String asset, long beforeSequence, int limit) {
    if (asset == null) {
      return jdbc.query(
          "select "
              + LEDGER_COLUMNS
              + " from ledger where account = ? and sequence < ? order by sequence desc limit ?",
          LEDGER,
          account,
          beforeSequence,
          limit);
    }
    return jdbc.query(
        "select "
            + LEDGER_COLUMNS
            + " from ledger where account = ? and asset = ? and sequence < ?"
            + " order by sequence desc limit ?",
        LEDGER,
        account,
        asset,
        beforeSequence,
        limit);
  }

  /** The fees collected per asset ({@code fee_ledger}), by asset. */
  public List<FeeRow> fees() {
    return jdbc.query(FEES, FEE);
  }

  /**
   * A numeric column at {@code scale} decimals ({@code numeric(38,18)} stores 18). The jobs write
   * amounts at the instrument's scales, so this is exact; a value with more significant decimals is
   * kept whole rather than rounded.
   */
  private static BigDecimal decimal(ResultSet rs, int column, int scale) throws SQLException {
    BigDecimal value = rs.getBigDecimal(column);
    try {
      return value.setScale(scale, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      return value.stripTrailingZeros();
    }
  }

  static OffsetDateTime ts(long millis) {
    long clamped = Math.max(MIN_TIME, Math.min(MAX_TIME, millis));
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(clamped), ZoneOffset.UTC);
  }

  private static long millis(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
  }
}
