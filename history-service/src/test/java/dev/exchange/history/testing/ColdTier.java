package dev.exchange.history.testing;

import dev.exchange.lakehouse.LakehouseTables;
import dev.exchange.lakehouse.testing.LakehouseFixture;
import dev.exchange.localservices.PostgresServer;
import dev.exchange.localservices.S3Server;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * The Iceberg cold tier in a test, on the lakehouse module's fixture (JDBC catalog in the shared
 * PostgreSQL, data on the shared S3 server), seeded with rows as the lakehouse job writes them.
 */
public final class ColdTier implements AutoCloseable {

  private static final int BATCH = 50_000;

  private final LakehouseFixture lake;

  private ColdTier(LakehouseFixture lake) {
    this.lake = lake;
  }

  public static ColdTier create(PostgresServer postgres, S3Server s3) {
    return new ColdTier(LakehouseFixture.create(postgres, s3));
  }

  /** The catalog properties, for {@code exchange.lakehouse.*}. */
  public Map<String, String> properties() {
    return lake.properties();
  }

  public void appendTrades(List<TradeFixture> trades) {
    List<Record> rows = new ArrayList<>();
    for (TradeFixture t : trades) {
      GenericRecord r = GenericRecord.create(LakehouseTables.TRADES_SCHEMA);
      r.setField("symbol", t.symbol());
      r.setField("trade_id", t.tradeId());
      r.setField("time", time(t.time()));
      r.setField("price", money(t.price()));
      r.setField("quantity", money(t.quantity()));
      r.setField("quote_quantity", money(t.quoteQuantity()));
      r.setField("price_scale", TradeFixture.PRICE_SCALE);
      r.setField("quantity_scale", TradeFixture.QUANTITY_SCALE);
      r.setField("taker_side", t.takerBuy() ? "BUY" : "SELL");
      r.setField("maker_order_id", t.makerOrderId());
      r.setField("taker_order_id", t.takerOrderId());
      r.setField("maker_account", t.makerAccount());
      r.setField("taker_account", t.takerAccount());
      rows.add(r);
    }
    append(LakehouseTables.TRADES, rows);
  }

  public void appendCandles1m(List<CandleFixture> candles) {
    appendCandles(LakehouseTables.CANDLES_1M, LakehouseTables.CANDLES_1M_SCHEMA, candles);
  }

  /** Closed 1h candles, as the lakehouse job writes them into {@code candles_1h}. */
  public void appendCandles1h(List<CandleFixture> candles) {
    appendCandles(LakehouseTables.CANDLES_1H, LakehouseTables.CANDLES_1H_SCHEMA, candles);
  }

  private void appendCandles(
      org.apache.iceberg.catalog.TableIdentifier id,
      org.apache.iceberg.Schema schema,
      List<CandleFixture> candles) {
    List<Record> rows = new ArrayList<>();
    for (CandleFixture k : candles) {
      GenericRecord r = GenericRecord.create(schema);
      r.setField("symbol", k.symbol());
      r.setField("open_time", time(k.openTime()));
      r.setField("close_time", time(k.closeTime()));
      r.setField("open", money(k.open()));
      r.setField("high", money(k.high()));
      r.setField("low", money(k.low()));
      r.setField("close", money(k.close()));
      r.setField("volume", money(k.volume()));
      r.setField("quote_volume", money(k.quoteVolume()));
      r.setField("trade_count", k.trades());
      r.setField("taker_buy_volume", money(k.takerBuyVolume()));
      r.setField("taker_buy_quote_volume", money(k.takerBuyQuoteVolume()));
      r.setField("first_trade_id", k.firstTradeId());
      r.setField("last_trade_id", k.lastTradeId());
      r.setField("price_scale", TradeFixture.PRICE_SCALE);
      r.setField("quantity_scale", TradeFixture.QUANTITY_SCALE);
      rows.add(r);
    }
    append(id, rows);
  }

  public void appendFills(List<FillFixture> fills) {
    List<Record> rows = new ArrayList<>();
    for (FillFixture f : fills) {
      GenericRecord r = GenericRecord.create(LakehouseTables.ORDER_EVENTS_SCHEMA);
      r.setField("symbol", f.symbol());
      r.setField("sequence", f.sequence());
      r.setField("time", time(f.time()));
      r.setField("account", f.account());
      r.setField("order_id", f.orderId());
      r.setField("client_order_id", "c-" + f.orderId());
      r.setField("side", "BUY");
      r.setField("order_type", "LIMIT");
      r.setField("time_in_force", "GTC");
      r.setField("execution_type", "TRADE");
      r.setField("status", "PARTIALLY_FILLED");
      r.setField("price", money(f.price()));
      r.setField("quantity", money(f.quantity()));
      r.setField("executed_quantity", money(f.quantity()));
      r.setField("cumulative_quote", money(f.quote()));
      r.setField("last_quantity", money(f.quantity()));
      r.setField("last_price", money(f.price()));
      r.setField("last_quote", money(f.quote()));
      r.setField("trade_id", f.tradeId());
      r.setField("maker", f.maker());
      r.setField("price_scale", TradeFixture.PRICE_SCALE);
      r.setField("quantity_scale", TradeFixture.QUANTITY_SCALE);
      r.setField("created_at", time(f.createdAt()));
      rows.add(r);
    }
    append(LakehouseTables.ORDER_EVENTS, rows);
  }

  private void append(org.apache.iceberg.catalog.TableIdentifier id, List<Record> rows) {
    for (int i = 0; i < rows.size(); i += BATCH) {
      lake.append(id, rows.subList(i, Math.min(rows.size(), i + BATCH)));
    }
  }

  private static OffsetDateTime time(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(LakehouseTables.DECIMAL_SCALE);
  }

  @Override
  public void close() {
    lake.close();
  }
}
