package dev.exchange.history.testing;

import java.math.BigDecimal;

/**
 * A trade as the test data knows it: fixed-point price (scale 2) and quantity (scale 5), like the
 * history job writes them.
 */
public record TradeFixture(
    String symbol,
    long tradeId,
    long time,
    long priceUnits,
    long quantityUnits,
    boolean takerBuy,
    String takerOrderId,
    String makerOrderId,
    String takerAccount,
    String makerAccount) {

  public static final int PRICE_SCALE = 2;
  public static final int QUANTITY_SCALE = 5;

  public BigDecimal price() {
    return BigDecimal.valueOf(priceUnits, PRICE_SCALE);
  }

  public BigDecimal quantity() {
    return BigDecimal.valueOf(quantityUnits, QUANTITY_SCALE);
  }

  public BigDecimal quoteQuantity() {
    return price().multiply(quantity());
  }
}
