package dev.exchange.history.klines;

import dev.exchange.history.rows.Kline;
import dev.exchange.history.rows.TradeRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Folds finer candles, or trades, into the buckets of a coarser interval. */
public final class Buckets {

  private Buckets() {}

  /**
   * Folds candles ordered by open time, each lying inside one bucket of {@code interval}, into that
   * interval's candles, in order.
   */
  public static List<Kline> fold(List<Kline> finer, KlineInterval interval) {
    List<Kline> out = new ArrayList<>();
    Kline current = null;
    for (Kline k : finer) {
      long bucket = interval.bucketStart(k.openTime());
      if (current != null && current.openTime() == bucket) {
        current = current.merge(k);
      } else {
        if (current != null) {
          out.add(current);
        }
        current = bucket == k.openTime() ? k : k.withOpenTime(bucket);
      }
    }
    if (current != null) {
      out.add(current);
    }
    return out;
  }

  /** Folds trades ordered by trade id into candles of {@code interval}, in order. */
  public static List<Kline> fromTrades(List<TradeRow> trades, KlineInterval interval) {
    List<Kline> out = new ArrayList<>();
    Kline current = null;
    for (TradeRow t : trades) {
      long bucket = interval.bucketStart(t.time());
      boolean takerBuy = t.takerBuy();
      Kline k =
          new Kline(
              bucket,
              t.price(),
              t.price(),
              t.price(),
              t.price(),
              t.quantity(),
              t.quoteQuantity(),
              1,
              takerBuy ? t.quantity() : BigDecimal.ZERO,
              takerBuy ? t.quoteQuantity() : BigDecimal.ZERO,
              t.tradeId(),
              t.tradeId(),
              t.priceScale(),
              t.quantityScale());
      if (current != null && current.openTime() == bucket) {
        current = current.merge(k);
      } else {
        if (current != null) {
          out.add(current);
        }
        current = k;
      }
    }
    if (current != null) {
      out.add(current);
    }
    return out;
  }
}
