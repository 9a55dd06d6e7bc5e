package dev.exchange.model;

import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.AlertAction;
import dev.exchange.model.avro.AlertCommand;
import dev.exchange.model.avro.AlertDefinition;
import dev.exchange.model.avro.AlertFired;
import dev.exchange.model.avro.AlertKind;
import dev.exchange.model.avro.Asset;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.CancelAllOrders;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.CommandRejection;
import dev.exchange.model.avro.DeadLetter;
import dev.exchange.model.avro.DelistInstrument;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.HaltInstrument;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderRequest;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.PriceLevel;
import dev.exchange.model.avro.ResumeInstrument;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Ticker;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;
import dev.exchange.model.avro.Transfer;
import dev.exchange.model.avro.TransferKind;
import dev.exchange.model.avro.UpdateInstrument;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in record of every event type and every command payload. */
final class SampleEvents {

  static final InstrumentFilters FILTERS =
      new InstrumentFilters(
          1L, 1_000L, 1_000L, 100_000_000_000L, 500_000L, 200, 50_000, 2_000, 50_000, 2_000);

  private SampleEvents() {}

  static List<SpecificRecord> all() {
    return List.of(
        command(
            new NewOrder(
                "0190f1c2-0000-7000-8000-000000000001",
                "my-order-1",
                Side.BUY,
                OrderType.LIMIT,
                TimeInForce.GTC,
                6_500_012L,
                150_000L,
                null,
                2,
                8,
                SelfTradePrevention.EXPIRE_TAKER,
                null,
                null)),
        command(
            new NewOrder(
                "0190f1c2-0000-7000-8000-000000000002",
                "mkt",
                Side.BUY,
                OrderType.MARKET,
                TimeInForce.IOC,
                null,
                null,
                12_345_000_000L,
                2,
                8,
                SelfTradePrevention.NONE,
                null,
                null)),
        command(new CancelOrder("0190f1c2-0000-7000-8000-000000000001", null)),
        command(new CancelOrder(null, "my-order-1")),
        command(new CancelAllOrders()),
        command(new ListInstrument("BTC", "USDT", 2, 8, FILTERS, 0, 0, 0, 0)),
        command(new ListInstrument("ETH", "USDT", 2, 6, FILTERS, 8, 8, 10, 20)),
        command(new UpdateInstrument(FILTERS, null, null)),
        command(new UpdateInstrument(FILTERS, 5, 7)),
        command(new HaltInstrument("maintenance")),
        command(new ResumeInstrument(null)),
        command(new DelistInstrument("end of life")),
        new Trade(
            "BTCUSDT",
            42L,
            6_500_000L,
            150_000L,
            975_000_000_000L,
            2,
            8,
            Side.SELL,
            "maker-id",
            "taker-id",
            "alice",
            "bob",
            1_700_000_000_123L),
        new OrderEvent(
            "BTCUSDT",
            7L,
            "alice",
            "order-id",
            "cid",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            ExecutionType.TRADE,
            OrderStatus.PARTIALLY_FILLED,
            null,
            6_500_000L,
            300_000L,
            null,
            150_000L,
            975_000_000_000L,
            150_000L,
            6_500_000L,
            975_000_000_000L,
            42L,
            true,
            2,
            8,
            1_700_000_000_123L,
            1_700_000_000_000L,
            0L,
            null,
            0),
        new BookDelta(
            "BTCUSDT",
            100L,
            102L,
            1_700_000_000_123L,
            List.of(new PriceLevel(6_500_000L, 0L)),
            List.of(new PriceLevel(6_500_100L, 200_000L)),
            new PriceLevel(6_499_900L, 10_000L),
            new PriceLevel(6_500_100L, 200_000L),
            2,
            8),
        new BookSnapshot(
            "BTCUSDT",
            102L,
            1_700_000_000_123L,
            List.of(new PriceLevel(6_499_900L, 10_000L)),
            List.of(new PriceLevel(6_500_100L, 200_000L)),
            2,
            8),
        new dev.exchange.model.avro.Instrument(
            "BTCUSDT",
            "BTC",
            "USDT",
            InstrumentStatus.TRADING,
            2,
            8,
            FILTERS,
            3L,
            8,
            10,
            10,
            10,
            1L),
        new Candle(
            "BTCUSDT",
            "1m",
            1_699_999_980_000L,
            1_700_000_039_999L,
            1L,
            3L,
            1L,
            2L,
            10L,
            20L,
            4L,
            5L,
            10L,
            40L,
            43L,
            false,
            2,
            8),
        new Ticker(
            "BTCUSDT", 1L, 0L, 1L, 100L, 120L, 90L, 110L, 5L, 500L, 10L, 10_000L, 1L, 9L, 9L, 2, 8),
        new DeadLetter(
            Topics.ORDERS,
            3,
            17L,
            ByteBuffer.wrap(new byte[] {'B', 'T', 'C'}),
            ByteBuffer.wrap(new byte[] {1, 2, 3}),
            RejectReason.MALFORMED_COMMAND.name(),
            "not Avro single-object encoding: bad header",
            "matching",
            1_700_000_000_123L));
  }

  /** Every sample, one or more per record type. */
  static List<SpecificRecord> everything() {
    List<SpecificRecord> out = new java.util.ArrayList<>(all());
    out.addAll(accounts());
    out.addAll(alerts());
    return out;
  }

  /** An alert definition and one of its firings. */
  static List<SpecificRecord> alerts() {
    AlertDefinition definition =
        new AlertDefinition(
            "0190f1c2-0000-7000-8000-0000000000a1",
            "alice",
            "BTCUSDT",
            "my-alert",
            AlertKind.PRICE_ABOVE,
            6_600_000L,
            2,
            null,
            null,
            10L,
            false,
            1_700_000_000_000L,
            "https://hooks.example.com/alerts",
            "alice@example.com");
    return List.of(
        new AlertCommand(
            "0190f1c2-0000-7000-8000-0000000000b1",
            AlertAction.CREATE,
            definition,
            1_700_000_000_000L),
        new AlertFired(
            definition.getAlertId(),
            "alice",
            "BTCUSDT",
            "my-alert",
            AlertKind.PRICE_ABOVE,
            1L,
            6_600_012L,
            2,
            42L,
            6_600_000L,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            1_700_000_001_000L,
            "https://hooks.example.com/alerts",
            "alice@example.com"));
  }

  /**
   * The account-keyed records: listed assets, account commands, ledger entries and command
   * rejections.
   */
  static List<SpecificRecord> accounts() {
    OrderEvent fill =
        OrderEvent.newBuilder(orderEvent())
            .setCommission(15L)
            .setCommissionAsset("BTC")
            .setCommissionScale(8)
            .build();
    return List.of(
        new Asset("BTC", 8, 1_700_000_000_000L),
        new AccountCommand(
            "alice", new OrderRequest(command(new CancelAllOrders()), "BTC", 8, "USDT", 8)),
        new AccountCommand(
            "alice",
            new Transfer(
                "deposit-1",
                TransferKind.DEPOSIT,
                "USDT",
                8,
                100_000_000_000L,
                1_700_000_000_000L)),
        new AccountCommand("alice", fill),
        new BalanceEvent(
            "alice",
            3L,
            1_700_000_000_123L,
            LedgerEntryKind.FEE,
            "BTC",
            8,
            -15L,
            0L,
            149_985L,
            0L,
            "BTCUSDT",
            "order-id",
            42L,
            null,
            null),
        new BalanceEvent(
            "alice",
            4L,
            1_700_000_000_124L,
            LedgerEntryKind.WITHDRAWAL,
            "USDT",
            8,
            0L,
            0L,
            0L,
            0L,
            null,
            null,
            null,
            "withdrawal-9",
            RejectReason.INSUFFICIENT_BALANCE.name()),
        new CommandRejection(
            "BTCUSDT",
            "alice",
            "command-7",
            "order-id",
            null,
            RejectReason.UNKNOWN_ORDER.name(),
            "no open order of this account with this id",
            1_700_000_000_125L));
  }

  private static OrderEvent orderEvent() {
    return (OrderEvent)
        all().stream().filter(OrderEvent.class::isInstance).findFirst().orElseThrow();
  }

  static OrderCommand command(Object payload) {
    return new OrderCommand(
        "0190f1c2-0000-7000-8000-0000000000ff",
        "BTCUSDT",
        "alice",
        1_700_000_000_000L,
        0L,
        0L,
        payload);
  }
}
