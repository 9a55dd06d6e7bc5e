package dev.exchange.jobs.history;

import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.EventSerde;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decoding the input topics and binding their rows: the SQL statements and the mapping from
 * fixed-point longs to exact {@code numeric(38,18)} values.
 */
final class HistoryRecords {

  /** An undecodable record: not Avro of the topic's type. */
  static final String MALFORMED = "MALFORMED_RECORD";

  /** Scales the {@code numeric(38,18)} columns cannot hold exactly (quote scale above 18). */
  static final String UNSUPPORTED_SCALE = "UNSUPPORTED_SCALE";

  static final int MAX_SCALE = 18;

  static final String INSERT_TRADE =
      "insert into trades (symbol, trade_id, time, price, quantity, quote_quantity, price_scale,"
          + " quantity_scale, taker_side, maker_order_id, taker_order_id, maker_account,"
          + " taker_account) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (symbol, trade_id, time) do nothing";

  static final String INSERT_ORDER_EVENT =
      "insert into order_events (symbol, sequence, time, account, order_id, client_order_id, side,"
          + " order_type, time_in_force, execution_type, status, reject_reason, price, quantity,"
          + " quote_quantity, executed_quantity, cumulative_quote, last_quantity, last_price,"
          + " last_quote, trade_id, maker, price_scale, quantity_scale, created_at) values (?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (symbol, sequence, time) do nothing";

  /** Takes an event only if its sequence is newer than the one the row was built from. */
  static final String UPSERT_ORDER =
      "insert into orders (order_id, client_order_id, account, symbol, side, order_type,"
          + " time_in_force, price, quantity, quote_quantity, executed_quantity, cumulative_quote,"
          + " status, reject_reason, price_scale, quantity_scale, created_at, updated_at,"
          + " last_sequence) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (order_id) do update set client_order_id = excluded.client_order_id,"
          + " account = excluded.account, symbol = excluded.symbol, side = excluded.side,"
          + " order_type = excluded.order_type, time_in_force = excluded.time_in_force,"
          + " price = excluded.price, quantity = excluded.quantity,"
          + " quote_quantity = excluded.quote_quantity,"
          + " executed_quantity = excluded.executed_quantity,"
          + " cumulative_quote = excluded.cumulative_quote, status = excluded.status,"
          + " reject_reason = excluded.reject_reason, price_scale = excluded.price_scale,"
          + " quantity_scale = excluded.quantity_scale, created_at = excluded.created_at,"
          + " updated_at = excluded.updated_at, last_sequence = excluded.last_sequence"
          + " where orders.last_sequence < excluded.last_sequence";

  /**
   * Takes an update only if it is later: a bucket's updates grow in (lastTradeId, closed), because
   * trades of a symbol come in tradeId order and the closing record repeats the last update.
   */
  static final String UPSERT_CANDLE =
      "insert into candles (symbol, interval, open_time, close_time, open, high, low, close,"
          + " volume, quote_volume, trade_count, taker_buy_volume, taker_buy_quote_volume,"
          + " first_trade_id, last_trade_id, closed, price_scale, quantity_scale) values (?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (symbol, interval, open_time) do update set close_time ="
          + " excluded.close_time, open = excluded.open, high = excluded.high, low = excluded.low,"
          + " close = excluded.close, volume = excluded.volume, quote_volume ="
          + " excluded.quote_volume, trade_count = excluded.trade_count, taker_buy_volume ="
          + " excluded.taker_buy_volume, taker_buy_quote_volume = excluded.taker_buy_quote_volume,"
          + " first_trade_id = excluded.first_trade_id, last_trade_id = excluded.last_trade_id,"
          + " closed = excluded.closed, price_scale = excluded.price_scale, quantity_scale ="
          + " excluded.quantity_scale where (candles.last_trade_id, candles.closed) <"
          + " (excluded.last_trade_id, excluded.closed)";

  /** One row per ledger entry; a repeated (account, sequence) is the same entry. */
  static final String INSERT_LEDGER =
      "insert into ledger (account, sequence, time, kind, asset, asset_scale, free_delta,"
          + " locked_delta, free, locked, symbol, order_id, trade_id, transfer_id, reject_reason)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (account, sequence) do nothing";

  /**
   * Takes an entry's balance after only if the entry is newer than the one the row was built from.
   */
  static final String UPSERT_BALANCE =
      "insert into balances (account, asset, free, locked, asset_scale, sequence, updated_at)"
          + " values (?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (account, asset) do update set free = excluded.free,"
          + " locked = excluded.locked, asset_scale = excluded.asset_scale,"
          + " sequence = excluded.sequence, updated_at = excluded.updated_at"
          + " where balances.sequence < excluded.sequence";

  private HistoryRecords() {}

  /**
   * Decodes a record of one of the input topics.
   *
   * @throws InvalidEventException if it cannot be decoded
   * @throws UnsupportedScaleException if it has scales the schema cannot hold exactly
   * @throws IllegalArgumentException if the topic is none of the inputs
   */
  static SpecificRecord decode(RawRecord r, TopicNames topics) {
    if (r.topic.equals(topics.trades())) {
      Trade t = EventSerde.decode(r.value, Trade.class);
      checkScales(t.getPriceScale(), t.getQuantityScale());
      return t;
    } else if (r.topic.equals(topics.orderEvents())) {
      OrderEvent e = EventSerde.decode(r.value, OrderEvent.class);
      checkScales(e.getPriceScale(), e.getQuantityScale());
      return e;
    } else if (r.topic.equals(topics.candles())) {
      Candle c = EventSerde.decode(r.value, Candle.class);
      checkScales(c.getPriceScale(), c.getQuantityScale());
      return c;
    } else if (r.topic.equals(topics.balances())) {
      BalanceEvent b = EventSerde.decode(r.value, BalanceEvent.class);
      if (b.getAssetScale() < 0 || b.getAssetScale() > MAX_SCALE) {
        throw new UnsupportedScaleException("asset scale " + b.getAssetScale() + " exceeds 18");
      }
      return b;
    }
    throw new IllegalArgumentException("not a history input topic: " + r.topic);
  }

  /** Thrown for scales that {@code numeric(38,18)} would round. */
  static final class UnsupportedScaleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedScaleException(String message) {
      super(message);
    }
  }

  private static void checkScales(int priceScale, int quantityScale) {
    if (priceScale < 0 || quantityScale < 0 || priceScale + quantityScale > MAX_SCALE) {
      throw new UnsupportedScaleException(
          "price scale " + priceScale + " + quantity scale " + quantityScale + " exceeds 18");
    }
  }

  static BigDecimal decimal(long units, int scale) {
    return BigDecimal.valueOf(units, scale);
  }

  static OffsetDateTime time(long epochMillis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  static void bind(PreparedStatement s, Trade t) throws SQLException {
    int ps = t.getPriceScale();
    int qs = t.getQuantityScale();
    s.setString(1, t.getSymbol());
    s.setLong(2, t.getTradeId());
    s.setObject(3, time(t.getTime()));
    s.setBigDecimal(4, decimal(t.getPrice(), ps));
    s.setBigDecimal(5, decimal(t.getQuantity(), qs));
    s.setBigDecimal(6, decimal(t.getQuoteQuantity(), ps + qs));
    s.setShort(7, (short) ps);
    s.setShort(8, (short) qs);
    s.setString(9, t.getTakerSide().name());
    s.setString(10, t.getMakerOrderId());
    s.setString(11, t.getTakerOrderId());
    s.setString(12, t.getMakerAccount());
    s.setString(13, t.getTakerAccount());
  }

  static void bindEvent(PreparedStatement s, OrderEvent e) throws SQLException {
    int ps = e.getPriceScale();
    int qs = e.getQuantityScale();
    s.setString(1, e.getSymbol());
    s.setLong(2, e.getSequence());
    s.setObject(3, time(e.getTime()));
    s.setString(4, e.getAccount());
    s.setString(5, e.getOrderId());
    s.setString(6, e.getClientOrderId());
    s.setString(7, e.getSide().name());
    s.setString(8, e.getOrderType().name());
    s.setString(9, e.getTimeInForce().name());
    s.setString(10, e.getExecutionType().name());
    s.setString(11, e.getStatus().name());
    s.setString(12, e.getRejectReason());
    setDecimal(s, 13, e.getPrice(), ps);
    setDecimal(s, 14, e.getQuantity(), qs);
    setDecimal(s, 15, e.getQuoteQuantity(), ps + qs);
    s.setBigDecimal(16, decimal(e.getExecutedQuantity(), qs));
    s.setBigDecimal(17, decimal(e.getCumulativeQuote(), ps + qs));
    s.setBigDecimal(18, decimal(e.getLastQuantity(), qs));
    s.setBigDecimal(19, decimal(e.getLastPrice(), ps));
    s.setBigDecimal(20, decimal(e.getLastQuote(), ps + qs));
    if (e.getTradeId() == null) {
      s.setNull(21, Types.BIGINT);
    } else {
      s.setLong(21, e.getTradeId());
    }
    s.setBoolean(22, e.getMaker());
    s.setShort(23, (short) ps);
    s.setShort(24, (short) qs);
    s.setObject(25, time(e.getCreatedTime()));
  }

  static void bindOrder(PreparedStatement s, OrderEvent e) throws SQLException {
    int ps = e.getPriceScale();
    int qs = e.getQuantityScale();
    s.setString(1, e.getOrderId());
    s.setString(2, e.getClientOrderId());
    s.setString(3, e.getAccount());
    s.setString(4, e.getSymbol());
    s.setString(5, e.getSide().name());
    s.setString(6, e.getOrderType().name());
    s.setString(7, e.getTimeInForce().name());
    setDecimal(s, 8, e.getPrice(), ps);
    setDecimal(s, 9, e.getQuantity(), qs);
    setDecimal(s, 10, e.getQuoteQuantity(), ps + qs);
    s.setBigDecimal(11, decimal(e.getExecutedQuantity(), qs));
    s.setBigDecimal(12, decimal(e.getCumulativeQuote(), ps + qs));
    s.setString(13, e.getStatus().name());
    s.setString(14, e.getRejectReason());
    s.setShort(15, (short) ps);
    s.setShort(16, (short) qs);
    s.setObject(17, time(e.getCreatedTime()));
    s.setObject(18, time(e.getTime()));
    s.setLong(19, e.getSequence());
  }

  static void bind(PreparedStatement s, Candle c) throws SQLException {
    int ps = c.getPriceScale();
    int qs = c.getQuantityScale();
    s.setString(1, c.getSymbol());
    s.setString(2, c.getInterval());
    s.setObject(3, time(c.getOpenTime()));
    s.setObject(4, time(c.getCloseTime()));
    s.setBigDecimal(5, decimal(c.getOpen(), ps));
    s.setBigDecimal(6, decimal(c.getHigh(), ps));
    s.setBigDecimal(7, decimal(c.getLow(), ps));
    s.setBigDecimal(8, decimal(c.getClose(), ps));
    s.setBigDecimal(9, decimal(c.getVolume(), qs));
    s.setBigDecimal(10, decimal(c.getQuoteVolume(), ps + qs));
    s.setLong(11, c.getTradeCount());
    s.setBigDecimal(12, decimal(c.getTakerBuyVolume(), qs));
    s.setBigDecimal(13, decimal(c.getTakerBuyQuoteVolume(), ps + qs));
    s.setLong(14, c.getFirstTradeId());
    s.setLong(15, c.getLastTradeId());
    s.setBoolean(16, c.getClosed());
    s.setShort(17, (short) ps);
    s.setShort(18, (short) qs);
  }

  /** Whether an entry changed a balance: a refused transfer (reject reason set) did not. */
  static boolean applies(BalanceEvent b) {
    return b.getRejectReason() == null;
  }

  static void bind(PreparedStatement s, BalanceEvent b) throws SQLException {
    int scale = b.getAssetScale();
    s.setString(1, b.getAccount());
    s.setLong(2, b.getSequence());
    s.setObject(3, time(b.getTime()));
    s.setString(4, b.getKind().name());
    s.setString(5, b.getAsset());
    s.setShort(6, (short) scale);
    s.setBigDecimal(7, decimal(b.getFreeDelta(), scale));
    s.setBigDecimal(8, decimal(b.getLockedDelta(), scale));
    s.setBigDecimal(9, decimal(b.getFree(), scale));
    s.setBigDecimal(10, decimal(b.getLocked(), scale));
    s.setString(11, b.getSymbol());
    s.setString(12, b.getOrderId());
    if (b.getTradeId() == null) {
      s.setNull(13, Types.BIGINT);
    } else {
      s.setLong(13, b.getTradeId());
    }
    s.setString(14, b.getTransferId());
    s.setString(15, b.getRejectReason());
  }

  static void bindBalance(PreparedStatement s, BalanceEvent b) throws SQLException {
    int scale = b.getAssetScale();
    s.setString(1, b.getAccount());
    s.setString(2, b.getAsset());
    s.setBigDecimal(3, decimal(b.getFree(), scale));
    s.setBigDecimal(4, decimal(b.getLocked(), scale));
    s.setShort(5, (short) scale);
    s.setLong(6, b.getSequence());
    s.setObject(7, time(b.getTime()));
  }

  private static void setDecimal(PreparedStatement s, int index, Long units, int scale)
      throws SQLException {
    if (units == null) {
      s.setNull(index, Types.NUMERIC);
    } else {
      s.setBigDecimal(index, decimal(units, scale));
    }
  }

  /**
   * Whether {@code a} is a later update of its bucket than {@code b} (as {@link #UPSERT_CANDLE}).
   */
  static boolean later(Candle a, Candle b) {
    if (a.getLastTradeId() != b.getLastTradeId()) {
      return a.getLastTradeId() > b.getLastTradeId();
    }
    return a.getClosed() && !b.getClosed();
  }
}
