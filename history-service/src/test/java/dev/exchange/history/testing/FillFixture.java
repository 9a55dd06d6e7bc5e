package dev.exchange.history.testing;

import java.math.BigDecimal;

/** A fill of a test order (an execution report of type TRADE). */
public record FillFixture(
    String symbol,
    long sequence,
    long time,
    String account,
    String orderId,
    long tradeId,
    long priceUnits,
    long quantityUnits,
    boolean maker,
    long createdAt) {

  public BigDecimal price() {
    return BigDecimal.valueOf(priceUnits, TradeFixture.PRICE_SCALE);
  }

  public BigDecimal quantity() {
    return BigDecimal.valueOf(quantityUnits, TradeFixture.QUANTITY_SCALE);
  }

  public BigDecimal quote() {
    return price().multiply(quantity());
  }
}
