package dev.exchange.history.testing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL hot tier in a test: the history job's own Flyway migration ({@code db/history}
 * from exchange-model), day partitions like the job's {@code Partitions}, and rows written with the
 * job's column conventions (numeric(38,18), timestamptz, scales kept).
 */
public final class HotTier {

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final DataSource dataSource;

  public HotTier(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Applies the history migrations. */
  public static HotTier migrate(String jdbcUrl, String user, String password, DataSource ds) {
    Flyway.configure(HotTier.class.getClassLoader())
        .dataSource(jdbcUrl, user, password)
        .locations("classpath:db/history")
        .load()
        .migrate();
    return new HotTier(ds);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Day partitions of trades and order_events for every day from {@code from} to {@code to}. */
  public void partitions(LocalDate from, LocalDate to) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        for (String table : List.of("trades", "order_events")) {
          s.execute(
              "create table if not exists "
                  + table
                  + "_p"
                  + DAY.format(d)
                  + " partition of "
                  + table
                  + " for values from ('"
                  + d
                  + "T00:00:00Z') to ('"
                  + d.plusDays(1)
                  + "T00:00:00Z')");
        }
      }
    }
  }

  /** Partitions for the days of these trades, then the trades, in id order, in one commit. */
  public void insertTrades(List<TradeFixture> trades) throws SQLException {
    if (trades.isEmpty()) {
      return;
    }
    Set<LocalDate> days = new TreeSet<>();
    for (TradeFixture t : trades) {
      days.add(LocalDate.ofInstant(Instant.ofEpochMilli(t.time()), ZoneOffset.UTC));
    }
    partitions(((TreeSet<LocalDate>) days).first(), ((TreeSet<LocalDate>) days).last());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement p =
          c.prepareStatement(
              "insert into trades (symbol, trade_id, time, price, quantity, quote_quantity,"
                  + " price_scale, quantity_scale, taker_side, maker_order_id, taker_order_id,"
                  + " maker_account, taker_account) values (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (TradeFixture t : trades) {
          p.setString(1, t.symbol());
          p.setLong(2, t.tradeId());
          p.setObject(3, ts(t.time()));
          p.setBigDecimal(4, t.price());
          p.setBigDecimal(5, t.quantity());
          p.setBigDecimal(6, t.quoteQuantity());
          p.setShort(7, (short) TradeFixture.PRICE_SCALE);
          p.setShort(8, (short) TradeFixture.QUANTITY_SCALE);
          p.setString(9, t.takerBuy() ? "BUY" : "SELL");
          p.setString(10, t.makerOrderId());
          p.setString(11, t.takerOrderId());
          p.setString(12, t.makerAccount());
          p.setString(13, t.takerAccount());
          p.addBatch();
        }
        p.executeBatch();
      }
      c.commit();
    }
  }

  /** Candles of one stored interval, as the history job upserts them. */
  public void insertCandles(String interval, List<CandleFixture> candles) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement p =
          c.prepareStatement(
              "insert into candles (symbol, interval, open_time, close_time, open, high, low,"
                  + " close, volume, quote_volume, trade_count, taker_buy_volume,"
                  + " taker_buy_quote_volume, first_trade_id, last_trade_id, closed, price_scale,"
                  + " quantity_scale) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (CandleFixture k : candles) {
          p.setString(1, k.symbol());
          p.setString(2, interval);
          p.setObject(3, ts(k.openTime()));
          p.setObject(4, ts(k.closeTime()));
          p.setBigDecimal(5, k.open());
          p.setBigDecimal(6, k.high());
          p.setBigDecimal(7, k.low());
          p.setBigDecimal(8, k.close());
          p.setBigDecimal(9, k.volume());
          p.setBigDecimal(10, k.quoteVolume());
          p.setLong(11, k.trades());
          p.setBigDecimal(12, k.takerBuyVolume());
          p.setBigDecimal(13, k.takerBuyQuoteVolume());
          p.setLong(14, k.firstTradeId());
          p.setLong(15, k.lastTradeId());
          p.setBoolean(16, true);
          p.setShort(17, (short) TradeFixture.PRICE_SCALE);
          p.setShort(18, (short) TradeFixture.QUANTITY_SCALE);
          p.addBatch();
        }
        p.executeBatch();
      }
      c.commit();
    }
  }

  /** The latest state of an order. */
  public void insertOrder(
      String orderId,
      String account,
      String symbol,
      String status,
      BigDecimal price,
      BigDecimal quantity,
      BigDecimal executed,
      BigDecimal cumulativeQuote,
      long createdAt,
      long updatedAt)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "insert into orders (order_id, client_order_id, account, symbol, side,"
                    + " order_type, time_in_force, price, quantity, quote_quantity,"
                    + " executed_quantity, cumulative_quote, status, reject_reason, price_scale,"
                    + " quantity_scale, created_at, updated_at, last_sequence) values"
                    + " (?,?,?,?,'BUY','LIMIT','GTC',?,?,null,?,?,?,null,?,?,?,?,?)")) {
      p.setString(1, orderId);
      p.setString(2, "c-" + orderId);
      p.setString(3, account);
      p.setString(4, symbol);
      p.setBigDecimal(5, price);
      p.setBigDecimal(6, quantity);
      p.setBigDecimal(7, executed);
      p.setBigDecimal(8, cumulativeQuote);
      p.setString(9, status);
      p.setShort(10, (short) TradeFixture.PRICE_SCALE);
      p.setShort(11, (short) TradeFixture.QUANTITY_SCALE);
      p.setObject(12, ts(createdAt));
      p.setObject(13, ts(updatedAt));
      p.setLong(14, updatedAt);
      p.executeUpdate();
    }
  }

  /** One execution report of type TRADE (a fill) of a BUY LIMIT order. */
  public void insertFill(FillFixture f) throws SQLException {
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(f.time()), ZoneOffset.UTC);
    partitions(day, day);
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "insert into order_events (symbol, sequence, time, account, order_id,"
                    + " client_order_id, side, order_type, time_in_force, execution_type, status,"
                    + " reject_reason, price, quantity, quote_quantity, executed_quantity,"
                    + " cumulative_quote, last_quantity, last_price, last_quote, trade_id, maker,"
                    + " price_scale, quantity_scale, created_at) values (?,?,?,?,?,?,'BUY',"
                    + "'LIMIT','GTC','TRADE','PARTIALLY_FILLED',null,?,?,null,?,?,?,?,?,?,?,?,?,?)")) {
      p.setString(1, f.symbol());
      p.setLong(2, f.sequence());
      p.setObject(3, ts(f.time()));
      p.setString(4, f.account());
      p.setString(5, f.orderId());
      p.setString(6, "c-" + f.orderId());
      p.setBigDecimal(7, f.price());
      p.setBigDecimal(8, f.quantity());
      p.setBigDecimal(9, f.quantity());
      p.setBigDecimal(10, f.quote());
      p.setBigDecimal(11, f.quantity());
      p.setBigDecimal(12, f.price());
      p.setBigDecimal(13, f.quote());
      p.setLong(14, f.tradeId());
      p.setBoolean(15, f.maker());
      p.setShort(16, (short) TradeFixture.PRICE_SCALE);
      p.setShort(17, (short) TradeFixture.QUANTITY_SCALE);
      p.setObject(18, ts(f.createdAt()));
      p.executeUpdate();
    }
  }

  /**
   * Ledger entries, and each (account, asset)'s balance after its last entry that was not refused,
   * as the history job writes them from {@code exchange.balances}.
   */
  public void insertLedger(List<LedgerFixture> entries) throws SQLException {
    Map<String, LedgerFixture> last = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement p =
          c.prepareStatement(
              "insert into ledger (account, sequence, time, kind, asset, asset_scale, free_delta,"
                  + " locked_delta, free, locked, symbol, order_id, trade_id, transfer_id,"
                  + " reject_reason) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (LedgerFixture e : entries) {
          p.setString(1, e.account());
          p.setLong(2, e.sequence());
          p.setObject(3, ts(e.time()));
          p.setString(4, e.kind());
          p.setString(5, e.asset());
          p.setShort(6, (short) e.assetScale());
          p.setBigDecimal(7, e.decimal(e.freeDelta()));
          p.setBigDecimal(8, e.decimal(e.lockedDelta()));
          p.setBigDecimal(9, e.decimal(e.free()));
          p.setBigDecimal(10, e.decimal(e.locked()));
          p.setString(11, e.symbol());
          p.setString(12, e.orderId());
          p.setObject(13, e.tradeId(), Types.BIGINT);
          p.setString(14, e.transferId());
          p.setString(15, e.rejectReason());
          p.addBatch();
          if (e.rejectReason() == null) {
            last.put(e.account() + "/" + e.asset(), e);
          }
        }
        p.executeBatch();
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "insert into balances (account, asset, free, locked, asset_scale, sequence,"
                  + " updated_at) values (?,?,?,?,?,?,?)")) {
        for (LedgerFixture e : last.values()) {
          p.setString(1, e.account());
          p.setString(2, e.asset());
          p.setBigDecimal(3, e.decimal(e.free()));
          p.setBigDecimal(4, e.decimal(e.locked()));
          p.setShort(5, (short) e.assetScale());
          p.setLong(6, e.sequence());
          p.setObject(7, ts(e.time()));
          p.addBatch();
        }
        p.executeBatch();
      }
      c.commit();
    }
  }

  static OffsetDateTime ts(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
