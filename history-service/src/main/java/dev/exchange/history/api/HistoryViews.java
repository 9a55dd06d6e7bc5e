package dev.exchange.history.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.exchange.history.klines.Kline;
import dev.exchange.history.klines.KlineInterval;
import dev.exchange.history.orders.Fill;
import dev.exchange.history.orders.OrderRow;
import dev.exchange.history.system.Decimals;
import dev.exchange.history.trades.TradeRow;
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
          Decimals.text(k.open(), ps),
          Decimals.text(k.high(), ps),
          Decimals.text(k.low(), ps),
          Decimals.text(k.close(), ps),
          Decimals.text(k.volume(), qs),
          Decimals.text(k.quoteVolume(), ps + qs),
          k.trades(),
          Decimals.text(k.takerBuyVolume(), qs),
          Decimals.text(k.takerBuyQuoteVolume(), ps + qs),
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
          Decimals.text(t.price(), ps),
          Decimals.text(t.quantity(), qs),
          Decimals.text(t.quoteQuantity(), ps + qs),
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
          Decimals.text(f.price(), ps),
          Decimals.text(f.quantity(), qs),
          Decimals.text(f.quoteQuantity(), ps + qs),
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
          Decimals.text(o.price(), ps),
          Decimals.text(o.quantity(), qs),
          Decimals.text(o.quoteQuantity(), ps + qs),
          Decimals.text(o.executedQuantity(), qs),
          Decimals.text(o.cumulativeQuote(), ps + qs),
          o.status(),
          o.rejectReason(),
          o.createdAt(),
          o.updatedAt(),
          fills);
    }
  }
}
