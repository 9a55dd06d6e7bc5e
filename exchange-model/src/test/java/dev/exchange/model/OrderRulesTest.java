package dev.exchange.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderRulesTest {

  /**
   * BTCUSDT: price scale 2, tick 0.05; quantity scale 4, step 0.001, 0.001..100; min notional 5.
   */
  static final InstrumentSpec BTC =
      new InstrumentSpec(
          "BTCUSDT",
          "BTC",
          "USDT",
          InstrumentStatus.TRADING,
          2,
          4,
          5,
          10,
          10,
          1_000_000,
          5_000_000,
          3);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "valid limit",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            10_000L,
            10_000L,
            null,
            null),
        Arguments.of(
            "valid market qty",
            Side.SELL,
            OrderType.MARKET,
            TimeInForce.IOC,
            null,
            10L,
            null,
            null),
        Arguments.of(
            "valid market quote",
            Side.BUY,
            OrderType.MARKET,
            TimeInForce.IOC,
            null,
            null,
            5_000_000L,
            null),
        Arguments.of(
            "valid post-only",
            Side.SELL,
            OrderType.LIMIT_MAKER,
            TimeInForce.GTC,
            10_000L,
            10_000L,
            null,
            null),
        Arguments.of(
            "limit without price",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            null,
            10L,
            null,
            RejectReason.PRICE_REQUIRED),
        Arguments.of(
            "limit without quantity",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            100L,
            null,
            null,
            RejectReason.QUANTITY_REQUIRED),
        Arguments.of(
            "limit with quote",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            100L,
            10L,
            5L,
            RejectReason.QUOTE_QUANTITY_NOT_ALLOWED),
        Arguments.of(
            "post-only IOC",
            Side.BUY,
            OrderType.LIMIT_MAKER,
            TimeInForce.IOC,
            100L,
            10L,
            null,
            RejectReason.TIME_IN_FORCE_NOT_ALLOWED),
        Arguments.of(
            "market with price",
            Side.BUY,
            OrderType.MARKET,
            TimeInForce.IOC,
            100L,
            10L,
            null,
            RejectReason.PRICE_NOT_ALLOWED),
        Arguments.of(
            "market GTC",
            Side.BUY,
            OrderType.MARKET,
            TimeInForce.GTC,
            null,
            10L,
            null,
            RejectReason.TIME_IN_FORCE_NOT_ALLOWED),
        Arguments.of(
            "market both",
            Side.BUY,
            OrderType.MARKET,
            TimeInForce.IOC,
            null,
            10L,
            5_000_000L,
            RejectReason.QUANTITY_AND_QUOTE_QUANTITY),
        Arguments.of(
            "market neither",
            Side.BUY,
            OrderType.MARKET,
            TimeInForce.IOC,
            null,
            null,
            null,
            RejectReason.QUANTITY_REQUIRED),
        Arguments.of(
            "market sell by quote",
            Side.SELL,
            OrderType.MARKET,
            TimeInForce.IOC,
            null,
            null,
            5_000_000L,
            RejectReason.QUOTE_QUANTITY_NOT_ALLOWED),
        Arguments.of(
            "zero price",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            0L,
            10_000L,
            null,
            RejectReason.PRICE_NOT_POSITIVE),
        Arguments.of(
            "off tick",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            10_003L,
            10_000L,
            null,
            RejectReason.PRICE_NOT_ON_TICK),
        Arguments.of(
            "zero quantity",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            10_000L,
            0L,
            null,
            RejectReason.QUANTITY_NOT_POSITIVE),
        Arguments.of(
            "off step",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            10_000L,
            10_005L,
            null,
            RejectReason.QUANTITY_NOT_ON_STEP),
        Arguments.of(
            "above max",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            10_000L,
            1_000_010L,
            null,
            RejectReason.QUANTITY_ABOVE_MAX),
        Arguments.of(
            "below notional",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            100L,
            10L,
            null,
            RejectReason.NOTIONAL_BELOW_MIN),
        Arguments.of(
            "quote below notional",
            Side.BUY,
            OrderType.MARKET,
            TimeInForce.IOC,
            null,
            null,
            4_999_999L,
            RejectReason.NOTIONAL_BELOW_MIN),
        Arguments.of(
            "quote zero",
            Side.BUY,
            OrderType.MARKET,
            TimeInForce.IOC,
            null,
            null,
            0L,
            RejectReason.QUOTE_QUANTITY_NOT_POSITIVE),
        Arguments.of(
            "notional overflow",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            9_000_000_000_000_000L,
            1_000_000L,
            null,
            RejectReason.NOTIONAL_OVERFLOW));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void checksInAFixedOrder(
      String name,
      Side side,
      OrderType type,
      TimeInForce tif,
      Long price,
      Long quantity,
      Long quote,
      RejectReason expected) {
    assertThat(OrderRules.check(BTC, side, type, tif, price, quantity, quote)).isEqualTo(expected);
  }

  @Test
  void haltedAndDelistedInstrumentsRefuseNewOrdersFirst() {
    assertThat(
            OrderRules.check(
                BTC.withStatus(InstrumentStatus.HALTED),
                Side.BUY,
                OrderType.LIMIT,
                TimeInForce.GTC,
                null,
                null,
                null))
        .isEqualTo(RejectReason.SYMBOL_HALTED);
    assertThat(
            OrderRules.check(
                BTC.withStatus(InstrumentStatus.DELISTED),
                Side.BUY,
                OrderType.LIMIT,
                TimeInForce.GTC,
                10_000L,
                10_000L,
                null))
        .isEqualTo(RejectReason.SYMBOL_NOT_TRADING);
  }

  @Test
  void clientOrderIds() {
    assertThat(OrderRules.isValidClientOrderId("web-1700000000.1:a_b")).isTrue();
    assertThat(OrderRules.isValidClientOrderId("")).isFalse();
    assertThat(OrderRules.isValidClientOrderId("x".repeat(37))).isFalse();
    assertThat(OrderRules.isValidClientOrderId("has space")).isFalse();
  }

  @Test
  void rejectReasonCodesAreUnique() {
    assertThat(Stream.of(RejectReason.values()).map(RejectReason::code).distinct().count())
        .isEqualTo(RejectReason.values().length);
  }

  @Test
  void inconsistentInstrumentDefinitionsNameTheField() {
    assertThatThrownBy(
            () ->
                new InstrumentSpec(
                    "BTCUSDT", "BTC", "USDT", InstrumentStatus.TRADING, 10, 10, 1, 1, 1, 1, 0, 1))
        .hasMessage("priceScale + quantityScale must be at most 18 so notionals stay exact");
    assertThatThrownBy(
            () ->
                new InstrumentSpec(
                    "BTCUSDT", "BTC", "USDT", InstrumentStatus.TRADING, 2, 4, 0, 1, 1, 1, 0, 1))
        .hasMessage("tickSize must be greater than zero");
    assertThatThrownBy(
            () ->
                new InstrumentSpec(
                    "BTCUSDT", "BTC", "USDT", InstrumentStatus.TRADING, 2, 4, 1, 10, 15, 100, 0, 1))
        .hasMessage("minQuantity must be a multiple of stepSize");
    assertThatThrownBy(
            () ->
                new InstrumentSpec(
                    "btc", "BTC", "USDT", InstrumentStatus.TRADING, 2, 4, 1, 10, 10, 100, 0, 1))
        .hasMessageContaining("symbol 'btc'");
  }

  @Test
  void instrumentRecordRoundTrip() {
    assertThat(InstrumentSpec.fromRecord(BTC.toRecord(4, 99))).isEqualTo(BTC);
  }
}
