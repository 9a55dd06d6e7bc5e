package dev.exchange.lakehouse.testing;

import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;

/**
 * Model records for cold-tier tests, with price scale 2 and quantity scale 8 unless given. Values
 * are fixed-point units, as on the topics.
 */
public final class SampleRecords {

  public static final int PRICE_SCALE = 2;
  public static final int QUANTITY_SCALE = 8;

  private SampleRecords() {}

  /** A trade; the quote quantity is price * quantity (scale 10). */
  public static Trade trade(
      String symbol, long tradeId, long timeMillis, long price, long quantity) {
    return Trade.newBuilder()
        .setSymbol(symbol)
        .setTradeId(tradeId)
        .setPrice(price)
        .setQuantity(quantity)
        .setQuoteQuantity(Math.multiplyExact(price, quantity))
        .setPriceScale(PRICE_SCALE)
        .setQuantityScale(QUANTITY_SCALE)
        .setTakerSide(tradeId % 2 == 0 ? Side.BUY : Side.SELL)
        .setMakerOrderId("maker-" + tradeId)
        .setTakerOrderId("taker-" + tradeId)
        .setMakerAccount("alice")
        .setTakerAccount("bob")
        .setTime(timeMillis)
        .build();
  }

  /** A closed 1m candle of one trade at {@code price}. */
  public static Candle closedMinute(
      String symbol, long openTimeMillis, long price, long quantity, long tradeId) {
    long quote = Math.multiplyExact(price, quantity);
    return Candle.newBuilder()
        .setSymbol(symbol)
        .setInterval("1m")
        .setOpenTime(openTimeMillis)
        .setCloseTime(openTimeMillis + 59_999)
        .setOpen(price)
        .setHigh(price)
        .setLow(price)
        .setClose(price)
        .setVolume(quantity)
        .setQuoteVolume(quote)
        .setTradeCount(1)
        .setTakerBuyVolume(quantity)
        .setTakerBuyQuoteVolume(quote)
        .setFirstTradeId(tradeId)
        .setLastTradeId(tradeId)
        .setClosed(true)
        .setPriceScale(PRICE_SCALE)
        .setQuantityScale(QUANTITY_SCALE)
        .build();
  }

  /** A closed 1h candle of one trade at {@code price}. */
  public static Candle closedHour(
      String symbol, long openTimeMillis, long price, long quantity, long tradeId) {
    Candle c = closedMinute(symbol, openTimeMillis, price, quantity, tradeId);
    c.setInterval("1h");
    c.setCloseTime(openTimeMillis + 3_599_999);
    return c;
  }

  /** A fill of a limit buy order: price, quantity and trade id set; no reject reason. */
  public static OrderEvent fill(
      String symbol, long sequence, long timeMillis, String orderId, long price, long quantity) {
    long quote = Math.multiplyExact(price, quantity);
    return OrderEvent.newBuilder()
        .setSymbol(symbol)
        .setSequence(sequence)
        .setAccount("alice")
        .setOrderId(orderId)
        .setClientOrderId("c-" + orderId)
        .setSide(Side.BUY)
        .setOrderType(OrderType.LIMIT)
        .setTimeInForce(TimeInForce.GTC)
        .setExecutionType(ExecutionType.TRADE)
        .setStatus(OrderStatus.FILLED)
        .setRejectReason(null)
        .setPrice(price)
        .setQuantity(quantity)
        .setQuoteQuantity(null)
        .setExecutedQuantity(quantity)
        .setCumulativeQuote(quote)
        .setLastQuantity(quantity)
        .setLastPrice(price)
        .setLastQuote(quote)
        .setTradeId(sequence)
        .setMaker(false)
        .setPriceScale(PRICE_SCALE)
        .setQuantityScale(QUANTITY_SCALE)
        .setTime(timeMillis)
        .setCreatedTime(timeMillis - 1_000)
        .build();
  }
}
