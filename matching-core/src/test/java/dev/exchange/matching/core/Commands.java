package dev.exchange.matching.core;

import dev.exchange.model.avro.CancelAllOrders;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.DelistInstrument;
import dev.exchange.model.avro.HaltInstrument;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.ResumeInstrument;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.UpdateInstrument;

/**
 * Builds commands for BTCUSDT (price scale 2, quantity scale 4, notional scale 6) with
 * deterministic command ids ({@code cmd-1}, {@code cmd-2}, ...) and timestamps (one millisecond
 * apart from {@link #START}, unless set with {@link #at}). A new order's clientOrderId is {@code
 * "c-" + orderId} unless replaced with {@link #withClientOrderId}.
 */
final class Commands {

  static final String SYMBOL = "BTCUSDT";
  static final String ADMIN = "admin";
  static final int PRICE_SCALE = 2;
  static final int QUANTITY_SCALE = 4;
  static final long START = 1_700_000_000_000L;

  /** 100.00 USDT. */
  static final long PRICE_100 = 10_000;

  /** 1.0000 BTC. */
  static final long ONE_BTC = 10_000;

  private long commands;
  private long nextTimestamp = START;

  /**
   * The default filters: tick 0.01, step 0.0001, quantity 0.0001..1000, minimum notional 1.00 USDT,
   * at most 5 open orders per account.
   */
  static InstrumentFilters defaultFilters() {
    return filters(1, 1, 1, 1_000 * ONE_BTC, 1_000_000, 5);
  }

  static InstrumentFilters filters(
      long tickSize,
      long stepSize,
      long minQuantity,
      long maxQuantity,
      long minNotional,
      int maxOpenOrders) {
    return new InstrumentFilters(
        tickSize, stepSize, minQuantity, maxQuantity, minNotional, maxOpenOrders, 0, 0, 0, 0);
  }

  /** {@code filters} with the percent price multipliers (units of 10^-4, 0: not checked). */
  static InstrumentFilters withBand(
      InstrumentFilters filters, int bidUp, int bidDown, int askUp, int askDown) {
    return InstrumentFilters.newBuilder(filters)
        .setBidMultiplierUp(bidUp)
        .setBidMultiplierDown(bidDown)
        .setAskMultiplierUp(askUp)
        .setAskMultiplierDown(askDown)
        .build();
  }

  /** Sets the timestamp of the next command; later ones follow one millisecond apart. */
  Commands at(long timestamp) {
    nextTimestamp = timestamp;
    return this;
  }

  OrderCommand command(String account, Object payload) {
    long timestamp = nextTimestamp++;
    return new OrderCommand("cmd-" + ++commands, SYMBOL, account, timestamp, 0L, 0L, payload);
  }

  OrderCommand list() {
    return list(defaultFilters());
  }

  OrderCommand list(InstrumentFilters filters) {
    return list(PRICE_SCALE, QUANTITY_SCALE, filters);
  }

  OrderCommand list(int priceScale, int quantityScale, InstrumentFilters filters) {
    return command(
        ADMIN, new ListInstrument("BTC", "USDT", priceScale, quantityScale, filters, 0, 0, 0, 0));
  }

  /** BTCUSDT with the default scales and filters, the given asset scales and fee rates. */
  OrderCommand listWithFees(
      int baseAssetScale, int quoteAssetScale, int makerFeeBps, int takerFeeBps) {
    return listWithFees(
        defaultFilters(), baseAssetScale, quoteAssetScale, makerFeeBps, takerFeeBps);
  }

  OrderCommand listWithFees(
      InstrumentFilters filters,
      int baseAssetScale,
      int quoteAssetScale,
      int makerFeeBps,
      int takerFeeBps) {
    return command(
        ADMIN,
        new ListInstrument(
            "BTC",
            "USDT",
            PRICE_SCALE,
            QUANTITY_SCALE,
            filters,
            baseAssetScale,
            quoteAssetScale,
            makerFeeBps,
            takerFeeBps));
  }

  OrderCommand updateFees(Integer makerFeeBps, Integer takerFeeBps) {
    return command(ADMIN, new UpdateInstrument(defaultFilters(), makerFeeBps, takerFeeBps));
  }

  OrderCommand update(InstrumentFilters filters) {
    return command(ADMIN, new UpdateInstrument(filters, null, null));
  }

  OrderCommand halt() {
    return command(ADMIN, new HaltInstrument("maintenance"));
  }

  OrderCommand resume() {
    return command(ADMIN, new ResumeInstrument(null));
  }

  OrderCommand delist() {
    return command(ADMIN, new DelistInstrument("end of life"));
  }

  /** A new order with the default scales and no STP, for amounts set by the caller. */
  static NewOrder.Builder order(String orderId, Side side, OrderType type, TimeInForce tif) {
    return NewOrder.newBuilder()
        .setOrderId(orderId)
        .setClientOrderId("c-" + orderId)
        .setSide(side)
        .setOrderType(type)
        .setTimeInForce(tif)
        .setPriceScale(PRICE_SCALE)
        .setQuantityScale(QUANTITY_SCALE)
        .setSelfTradePrevention(SelfTradePrevention.NONE);
  }

  OrderCommand newOrder(String account, NewOrder.Builder order) {
    return command(account, order.build());
  }

  OrderCommand limit(
      String account, String orderId, Side side, long price, long quantity, TimeInForce tif) {
    return limit(account, orderId, side, price, quantity, tif, SelfTradePrevention.NONE);
  }

  OrderCommand limit(
      String account,
      String orderId,
      Side side,
      long price,
      long quantity,
      TimeInForce tif,
      SelfTradePrevention stp) {
    return newOrder(
        account,
        order(orderId, side, OrderType.LIMIT, tif)
            .setPrice(price)
            .setQuantity(quantity)
            .setSelfTradePrevention(stp));
  }

  OrderCommand buy(String account, String orderId, long price, long quantity) {
    return limit(account, orderId, Side.BUY, price, quantity, TimeInForce.GTC);
  }

  OrderCommand sell(String account, String orderId, long price, long quantity) {
    return limit(account, orderId, Side.SELL, price, quantity, TimeInForce.GTC);
  }

  OrderCommand limitMaker(String account, String orderId, Side side, long price, long quantity) {
    return newOrder(
        account,
        order(orderId, side, OrderType.LIMIT_MAKER, TimeInForce.GTC)
            .setPrice(price)
            .setQuantity(quantity));
  }

  OrderCommand market(String account, String orderId, Side side, long quantity) {
    return market(account, orderId, side, quantity, SelfTradePrevention.NONE);
  }

  OrderCommand market(
      String account, String orderId, Side side, long quantity, SelfTradePrevention stp) {
    return newOrder(
        account,
        order(orderId, side, OrderType.MARKET, TimeInForce.IOC)
            .setQuantity(quantity)
            .setSelfTradePrevention(stp));
  }

  /** A market buy spending {@code quote} units of the notional scale (6: 1.00 USDT = 1000000). */
  OrderCommand marketQuote(String account, String orderId, long quote) {
    return marketQuote(account, orderId, quote, SelfTradePrevention.NONE);
  }

  OrderCommand marketQuote(String account, String orderId, long quote, SelfTradePrevention stp) {
    return newOrder(
        account,
        order(orderId, Side.BUY, OrderType.MARKET, TimeInForce.IOC)
            .setQuoteQuantity(quote)
            .setSelfTradePrevention(stp));
  }

  /**
   * A market buy of {@code quantity} that may spend at most {@code quoteLimit} (notional scale).
   */
  OrderCommand marketBuyWithQuoteLimit(
      String account, String orderId, long quantity, long quoteLimit) {
    return newOrder(
        account,
        order(orderId, Side.BUY, OrderType.MARKET, TimeInForce.IOC)
            .setQuantity(quantity)
            .setQuoteLimit(quoteLimit));
  }

  OrderCommand cancel(String account, String orderId) {
    return command(account, new CancelOrder(orderId, null));
  }

  OrderCommand cancelByClientId(String account, String clientOrderId) {
    return command(account, new CancelOrder(null, clientOrderId));
  }

  /** A cancel that names no order at all. */
  OrderCommand cancelNothing(String account) {
    return command(account, new CancelOrder(null, null));
  }

  OrderCommand cancelAll(String account) {
    return command(account, new CancelAllOrders());
  }

  static OrderCommand withClientOrderId(OrderCommand command, String clientOrderId) {
    NewOrder order = (NewOrder) command.getPayload();
    return OrderCommand.newBuilder(command)
        .setPayload(NewOrder.newBuilder(order).setClientOrderId(clientOrderId).build())
        .build();
  }
}
