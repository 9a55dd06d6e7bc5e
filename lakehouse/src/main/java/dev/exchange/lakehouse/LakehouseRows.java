package dev.exchange.lakehouse;

import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * Exact conversion of the model records to rows of the cold-tier tables ({@link LakehouseTables}),
 * as Iceberg generic {@link Record}s: money becomes {@code BigDecimal} with scale 18 computed from
 * the fixed-point long and its scale (never through a double), times become {@code OffsetDateTime}
 * in UTC from epoch milliseconds.
 *
 * <p>Every method rejects a record the table cannot hold exactly with an {@link
 * UnsupportedRecordException} and builds nothing: scales above 18 (the quote scale is price scale +
 * quantity scale; for ledger entries the asset scale), negative scales, and for {@code candles_1m}
 * / {@code candles_1h} anything but a closed candle of that interval.
 */
public final class LakehouseRows {

  /** The candle interval of {@code candles_1m}. */
  public static final String CANDLE_INTERVAL = "1m";

  /** The candle interval of {@code candles_1h}. */
  public static final String HOUR_INTERVAL = "1h";

  private LakehouseRows() {}

  /** A row of {@code exchange.trades}. */
  public static Record trade(Trade t) {
    int ps = t.getPriceScale();
    int qs = t.getQuantityScale();
    checkScales(ps, qs, "trade " + t.getSymbol() + "/" + t.getTradeId());
    GenericRecord r = GenericRecord.create(LakehouseTables.TRADES_SCHEMA);
    r.set(0, t.getSymbol());
    r.set(1, t.getTradeId());
    r.set(2, time(t.getTime()));
    r.set(3, money(t.getPrice(), ps));
    r.set(4, money(t.getQuantity(), qs));
    r.set(5, money(t.getQuoteQuantity(), ps + qs));
    r.set(6, ps);
    r.set(7, qs);
    r.set(8, t.getTakerSide().name());
    r.set(9, t.getMakerOrderId());
    r.set(10, t.getTakerOrderId());
    r.set(11, t.getMakerAccount());
    r.set(12, t.getTakerAccount());
    return r;
  }

  /** Whether a candle belongs in {@code exchange.candles_1m}: a closed 1m candle. */
  public static boolean isClosedMinute(Candle c) {
    return c.getClosed() && CANDLE_INTERVAL.equals(c.getInterval());
  }

  /** Whether a candle belongs in {@code exchange.candles_1h}: a closed 1h candle. */
  public static boolean isClosedHour(Candle c) {
    return c.getClosed() && HOUR_INTERVAL.equals(c.getInterval());
  }

  /** A row of {@code exchange.candles_1m}; only closed 1m candles are accepted. */
  public static Record candle1m(Candle c) {
    return candle(c, isClosedMinute(c), "candles_1m", LakehouseTables.CANDLES_1M_SCHEMA);
  }

  /** A row of {@code exchange.candles_1h}; only closed 1h candles are accepted. */
  public static Record candle1h(Candle c) {
    return candle(c, isClosedHour(c), "candles_1h", LakehouseTables.CANDLES_1H_SCHEMA);
  }

  private static Record candle(Candle c, boolean accepted, String table, Schema schema) {
    String what = "candle " + c.getSymbol() + "/" + c.getInterval() + "/" + c.getOpenTime();
    if (!accepted) {
      String interval = table.equals("candles_1m") ? CANDLE_INTERVAL : HOUR_INTERVAL;
      throw new UnsupportedRecordException(
          what
              + ": "
              + table
              + " holds closed "
              + interval
              + " candles only (closed="
              + c.getClosed()
              + ")");
    }
    int ps = c.getPriceScale();
    int qs = c.getQuantityScale();
    checkScales(ps, qs, what);
    GenericRecord r = GenericRecord.create(schema);
    r.set(0, c.getSymbol());
    r.set(1, time(c.getOpenTime()));
    r.set(2, time(c.getCloseTime()));
    r.set(3, money(c.getOpen(), ps));
    r.set(4, money(c.getHigh(), ps));
    r.set(5, money(c.getLow(), ps));
    r.set(6, money(c.getClose(), ps));
    r.set(7, money(c.getVolume(), qs));
    r.set(8, money(c.getQuoteVolume(), ps + qs));
    r.set(9, c.getTradeCount());
    r.set(10, money(c.getTakerBuyVolume(), qs));
    r.set(11, money(c.getTakerBuyQuoteVolume(), ps + qs));
    r.set(12, c.getFirstTradeId());
    r.set(13, c.getLastTradeId());
    r.set(14, ps);
    r.set(15, qs);
    return r;
  }

  /** A row of {@code exchange.order_events}. */
  public static Record orderEvent(OrderEvent e) {
    int ps = e.getPriceScale();
    int qs = e.getQuantityScale();
    checkScales(ps, qs, "order event " + e.getSymbol() + "/" + e.getSequence());
    GenericRecord r = GenericRecord.create(LakehouseTables.ORDER_EVENTS_SCHEMA);
    r.set(0, e.getSymbol());
    r.set(1, e.getSequence());
    r.set(2, time(e.getTime()));
    r.set(3, e.getAccount());
    r.set(4, e.getOrderId());
    r.set(5, e.getClientOrderId());
    r.set(6, e.getSide().name());
    r.set(7, e.getOrderType().name());
    r.set(8, e.getTimeInForce().name());
    r.set(9, e.getExecutionType().name());
    r.set(10, e.getStatus().name());
    r.set(11, e.getRejectReason());
    r.set(12, e.getPrice() == null ? null : money(e.getPrice(), ps));
    r.set(13, e.getQuantity() == null ? null : money(e.getQuantity(), qs));
    r.set(14, e.getQuoteQuantity() == null ? null : money(e.getQuoteQuantity(), ps + qs));
    r.set(15, money(e.getExecutedQuantity(), qs));
    r.set(16, money(e.getCumulativeQuote(), ps + qs));
    r.set(17, money(e.getLastQuantity(), qs));
    r.set(18, money(e.getLastPrice(), ps));
    r.set(19, money(e.getLastQuote(), ps + qs));
    r.set(20, e.getTradeId());
    r.set(21, e.getMaker());
    r.set(22, ps);
    r.set(23, qs);
    r.set(24, time(e.getCreatedTime()));
    return r;
  }

  /** A row of {@code exchange.ledger}. */
  public static Record ledgerEntry(BalanceEvent b) {
    int scale = b.getAssetScale();
    if (scale < 0 || scale > LakehouseTables.DECIMAL_SCALE) {
      throw new UnsupportedRecordException(
          "ledger entry "
              + b.getAccount()
              + "/"
              + b.getSequence()
              + ": asset scale "
              + scale
              + " does not fit decimal(38,18) exactly");
    }
    GenericRecord r = GenericRecord.create(LakehouseTables.LEDGER_SCHEMA);
    r.set(0, b.getAccount());
    r.set(1, b.getSequence());
    r.set(2, time(b.getTime()));
    r.set(3, b.getKind().name());
    r.set(4, b.getAsset());
    r.set(5, scale);
    r.set(6, money(b.getFreeDelta(), scale));
    r.set(7, money(b.getLockedDelta(), scale));
    r.set(8, money(b.getFree(), scale));
    r.set(9, money(b.getLocked(), scale));
    r.set(10, b.getSymbol());
    r.set(11, b.getOrderId());
    r.set(12, b.getTradeId());
    r.set(13, b.getTransferId());
    r.set(14, b.getRejectReason());
    return r;
  }

  /**
   * A fixed-point value as a {@code decimal(38,18)} value: exactly {@code units * 10^-scale}, with
   * the column's scale (Iceberg's writers require it). Exact for {@code 0 ≤ scale ≤ 18}.
   */
  public static BigDecimal money(long units, int scale) {
    if (scale < 0 || scale > LakehouseTables.DECIMAL_SCALE) {
      throw new UnsupportedRecordException("scale " + scale + " is outside 0..18");
    }
    return BigDecimal.valueOf(units, scale)
        .setScale(LakehouseTables.DECIMAL_SCALE, RoundingMode.UNNECESSARY);
  }

  /** Epoch milliseconds as a {@code timestamptz} value. */
  public static OffsetDateTime time(long epochMillis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  /** Whether the scales of a record fit the money columns exactly. */
  public static boolean supportedScales(int priceScale, int quantityScale) {
    return priceScale >= 0
        && quantityScale >= 0
        && priceScale + quantityScale <= LakehouseTables.DECIMAL_SCALE;
  }

  private static void checkScales(int priceScale, int quantityScale, String what) {
    if (!supportedScales(priceScale, quantityScale)) {
      throw new UnsupportedRecordException(
          what
              + ": price scale "
              + priceScale
              + " + quantity scale "
              + quantityScale
              + " does not fit decimal(38,18) exactly");
    }
  }

  /** A record the cold tier cannot hold exactly; nothing was converted. */
  public static final class UnsupportedRecordException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedRecordException(String message) {
      super(message);
    }
  }
}
