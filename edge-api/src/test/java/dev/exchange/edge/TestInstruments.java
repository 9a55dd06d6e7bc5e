package dev.exchange.edge;

import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.avro.InstrumentStatus;

/** Instruments the tests trade, as the matcher would publish them. */
public final class TestInstruments {

  /** tick 0.01, step 0.00001, quantity 0.0001..100, min notional 5. */
  public static final InstrumentSpec BTCUSDT =
      new InstrumentSpec(
          "BTCUSDT",
          "BTC",
          "USDT",
          InstrumentStatus.TRADING,
          2,
          5,
          1,
          1,
          10,
          100_00000L,
          5_0000000L,
          200);

  /** tick 0.05, step 0.001, quantity 0.01..1000, min notional 10. */
  public static final InstrumentSpec ETHUSDT =
      new InstrumentSpec(
          "ETHUSDT",
          "ETH",
          "USDT",
          InstrumentStatus.TRADING,
          2,
          4,
          5,
          10,
          100,
          1000_0000L,
          10_000000L,
          200);

  public static final InstrumentSpec HALTUSDT =
      new InstrumentSpec(
          "HALTUSDT",
          "HALT",
          "USDT",
          InstrumentStatus.HALTED,
          2,
          2,
          1,
          1,
          1,
          1_000_00L,
          1_0000L,
          10);

  public static final InstrumentSpec DEADUSDT =
      new InstrumentSpec(
          "DEADUSDT",
          "DEAD",
          "USDT",
          InstrumentStatus.DELISTED,
          2,
          2,
          1,
          1,
          1,
          1_000_00L,
          1_0000L,
          10);

  private TestInstruments() {}
}
