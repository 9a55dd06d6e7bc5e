package dev.exchange.jobs.alerts;

import dev.exchange.jobs.marketdata.TradeLog;
import dev.exchange.model.avro.AlertAction;
import dev.exchange.model.avro.AlertCommand;
import dev.exchange.model.avro.AlertDefinition;
import dev.exchange.model.avro.AlertKind;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;

/** Alert commands, trades and fills for the alerts job's tests (prices at scale 2). */
final class AlertLog {

  static final long START = 1_709_251_200_000L;
  static final long MINUTE = 60_000L;

  private AlertLog() {}

  static AlertDefinition price(String id, String account, AlertKind kind, long level, long bps) {
    return definition(id, account, kind).setLevel(level).setHysteresisBps(bps).build();
  }

  static AlertDefinition change(String id, String account, long thresholdBps, int window) {
    return definition(id, account, AlertKind.PERCENT_CHANGE)
        .setThresholdBps(thresholdBps)
        .setWindowMinutes(window)
        .build();
  }

  static AlertDefinition fills(String id, String account, boolean partialFills) {
    return definition(id, account, AlertKind.ORDER_FILLED).setPartialFills(partialFills).build();
  }

  static AlertDefinition.Builder definition(String id, String account, AlertKind kind) {
    return AlertDefinition.newBuilder()
        .setAlertId(id)
        .setAccount(account)
        .setSymbol("BTCUSDT")
        .setClientAlertId(null)
        .setKind(kind)
        .setPriceScale(TradeLog.PRICE_SCALE)
        .setCreatedTime(START);
  }

  static AlertCommand command(AlertAction action, AlertDefinition alert) {
    return new AlertCommand("c-" + action + "-" + alert.getAlertId(), action, alert, START);
  }

  static Trade trade(long id, long price, long time) {
    return TradeLog.trade("BTCUSDT", id, price, 1, true, time);
  }

  static OrderEvent fill(long sequence, String account, OrderStatus status, long executed) {
    return OrderEvent.newBuilder()
        .setSymbol("BTCUSDT")
        .setSequence(sequence)
        .setAccount(account)
        .setOrderId("o-" + account)
        .setClientOrderId("c-" + account)
        .setSide(Side.BUY)
        .setOrderType(OrderType.LIMIT)
        .setTimeInForce(TimeInForce.GTC)
        .setExecutionType(ExecutionType.TRADE)
        .setStatus(status)
        .setPrice(10_000L)
        .setQuantity(10L)
        .setExecutedQuantity(executed)
        .setCumulativeQuote(executed * 10_000L)
        .setLastQuantity(5L)
        .setLastPrice(10_000L)
        .setLastQuote(50_000L)
        .setTradeId(sequence)
        .setMaker(false)
        .setPriceScale(TradeLog.PRICE_SCALE)
        .setQuantityScale(0)
        .setTime(START + sequence)
        .setCreatedTime(START)
        .build();
  }
}
