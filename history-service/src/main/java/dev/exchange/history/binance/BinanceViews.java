package dev.exchange.history.binance;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.exchange.history.klines.KlineInterval;
import dev.exchange.history.rows.Kline;
import dev.exchange.history.rows.TradeRow;
import dev.exchange.history.system.PaddedDecimals;
import dev.exchange.history.trades.AggTrade;
import java.math.BigDecimal;

/** Binance's REST payloads, field names and types exactly as Binance documents them. */
final class BinanceViews {

  private BinanceViews() {}

  /**
   * Appends a 12-field kline row: open time, open, high, low, close, volume, close time, quote
   * volume, trades, taker buy base volume, taker buy quote volume, ignore. Decimal texts are plain
   * digits, a sign and a dot, so they need no JSON escaping.
   */
  static void kline(StringBuilder out, Kline k, KlineInterval interval) {
    int ps = k.priceScale();
    int qs = k.quantityScale();
    out.append('[').append(k.openTime());
    str(out, k.open(), ps);
    str(out, k.high(), ps);
    str(out, k.low(), ps);
    str(out, k.close(), ps);
    str(out, k.volume(), qs);
    out.append(',').append(interval.closeTime(k.openTime()));
    str(out, k.quoteVolume(), ps + qs);
    out.append(',').append(k.trades());
    str(out, k.takerBuyVolume(), qs);
    str(out, k.takerBuyQuoteVolume(), ps + qs);
    out.append(",\"0\"]");
  }

  private static void str(StringBuilder out, BigDecimal decimal, int scale) {
    out.append(",\"");
    PaddedDecimals.append(out, decimal, scale);
    out.append('"');
  }

  /** {@code /api/v3/trades} and {@code historicalTrades}. */
  record Trade(
      @JsonProperty("id") long id,
      @JsonProperty("price") String price,
      @JsonProperty("qty") String qty,
      @JsonProperty("quoteQty") String quoteQty,
      @JsonProperty("time") long time,
      @JsonProperty("isBuyerMaker") boolean isBuyerMaker,
      @JsonProperty("isBestMatch") boolean isBestMatch) {

    static Trade of(TradeRow t) {
      int ps = t.priceScale();
      int qs = t.quantityScale();
      return new Trade(
          t.tradeId(),
          PaddedDecimals.text(t.price(), ps),
          PaddedDecimals.text(t.quantity(), qs),
          PaddedDecimals.text(t.quoteQuantity(), ps + qs),
          t.time(),
          // The buyer is the maker exactly when the taker sold.
          !t.takerBuy(),
          true);
    }
  }

  /** {@code /api/v3/aggTrades}. */
  record Agg(
      @JsonProperty("a") long a,
      @JsonProperty("p") String p,
      @JsonProperty("q") String q,
      @JsonProperty("f") long f,
      @JsonProperty("l") long l,
      @JsonProperty("T") long time,
      @JsonProperty("m") boolean m,
      @JsonProperty("M") boolean bestMatch) {

    static Agg of(AggTrade t) {
      return new Agg(
          t.id(),
          PaddedDecimals.text(t.price(), t.priceScale()),
          PaddedDecimals.text(t.quantity(), t.quantityScale()),
          t.firstTradeId(),
          t.lastTradeId(),
          t.time(),
          !t.takerBuy(),
          true);
    }
  }
}
