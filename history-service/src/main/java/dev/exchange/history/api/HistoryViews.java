package dev.exchange.history.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.exchange.history.klines.KlineInterval;
import dev.exchange.history.rows.Fill;
import dev.exchange.history.rows.Kline;
import dev.exchange.history.rows.OrderRow;
import dev.exchange.history.rows.TradeRow;
import dev.exchange.history.system.PaddedDecimals;
import java.util.List;

/** The own API's response bodies: decimals as strings, times in epoch ms. */
final class HistoryViews {

  private HistoryViews() {}

  record KlineView(
      long openTime,
      long closeTime,
      String open,
      String high,
      String low,
      String close,
      String volume,
      String quoteVolume,
      long trades,
      String takerBuyVolume,
      String takerBuyQuoteVolume,
      long firstTradeId,
      long lastTradeId) {

    static KlineView of(Kline k, KlineInterval interval) {
      int ps = k.priceScale();
      int qs = k.quantityScale();
      return new KlineView(
          k.openTime(),
          interval.closeTime(k.openTime()),
          PaddedDecimals.text(k.open(), ps),
          PaddedDecimals.text(k.high(), ps),
          PaddedDecimals.text(k.low(), ps),
          PaddedDecimals.text(k.close(), ps),
          PaddedDecimals.text(k.volume(), qs),
          PaddedDecimals.text(k.quoteVolume(), ps + qs),
          k.trades(),
          PaddedDecimals.text(k.takerBuyVolume(), qs),
          PaddedDecimals.text(k.takerBuyQuoteVolume(), ps + qs),
          k.firstTradeId(),
          k.lastTradeId());
    }
  }

  record KlinesView(String symbol, String interval, List<KlineView> items) {}

  record TradeView(
      long tradeId,
      String price,
      String quantity,
      String quoteQuantity,
      long time,
      String takerSide) {

    static TradeView of(TradeRow t) {
      int ps = t.priceScale();
      int qs = t.quantityScale();
      return new TradeView(
          t.tradeId(),
          PaddedDecimals.text(t.price(), ps),
          PaddedDecimals.text(t.quantity(), qs),
          PaddedDecimals.text(t.quoteQuantity(), ps + qs),
          t.time(),
          t.takerBuy() ? "BUY" : "SELL");
    }
  }

  record Page<T>(List<T> items, String nextCursor) {}

  record FillView(
      long tradeId, String price, String quantity, String quoteQuantity, long time, boolean maker) {

    static FillView of(Fill f) {
      int ps = f.priceScale();
      int qs = f.quantityScale();
      return new FillView(
          f.tradeId(),
          PaddedDecimals.text(f.price(), ps),
          PaddedDecimals.text(f.quantity(), qs),
          PaddedDecimals.text(f.quoteQuantity(), ps + qs),
          f.time(),
          f.maker());
    }
  }

  record OrderView(
      String orderId,
      String clientOrderId,
      String symbol,
      String side,
      String type,
      String timeInForce,
      String price,
      String quantity,
      String quoteQuantity,
      String executedQuantity,
      String cumulativeQuote,
      String status,
      String rejectReason,
      long createdAt,
      long updatedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<FillView> fills) {

    static OrderView of(OrderRow o, List<FillView> fills) {
      int ps = o.priceScale();
      int qs = o.quantityScale();
      return new OrderView(
          o.orderId(),
          o.clientOrderId(),
          o.symbol(),
          o.side(),
          o.type(),
          o.timeInForce(),
          PaddedDecimals.text(o.price(), ps),
          PaddedDecimals.text(o.quantity(), qs),
          PaddedDecimals.text(o.quoteQuantity(), ps + qs),
          PaddedDecimals.text(o.executedQuantity(), qs),
          PaddedDecimals.text(o.cumulativeQuote(), ps + qs),
          o.status(),
          o.rejectReason(),
          o.createdAt(),
          o.updatedAt(),
          fills);
    }
  }
}
