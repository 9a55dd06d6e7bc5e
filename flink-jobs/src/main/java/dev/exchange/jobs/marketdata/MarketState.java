package dev.exchange.jobs.marketdata;

/**
 * Everything the market-data job keeps per symbol besides the ticker's minute history (state POJO,
 * one RocksDB value, read and written once per trade). Null members mean "nothing yet".
 */
public class MarketState {
  /** Highest tradeId applied; trades at or below it are replays and are ignored. */
  public long lastTradeId;

  /** Time of the last applied trade. */
  public long lastTime;

  /** False until the first trade: tradeIds start at 1 but nothing here relies on it. */
  public boolean started;

  public CandleState candle1m;
  public CandleState candle5m;
  public CandleState candle15m;
  public CandleState candle1h;
  public CandleState candle4h;
  public CandleState candle1d;

  /** The ticker's current minute; older minutes of the last 24h are in the minute map. */
  public MinuteBucket minute;

  /** The ticker's aggregate over the minutes of the window before {@link #minute}, if any. */
  public MinuteBucket window;

  public MarketState() {}

  CandleState candle(Interval interval) {
    return switch (interval) {
      case ONE_MINUTE -> candle1m;
      case FIVE_MINUTES -> candle5m;
      case FIFTEEN_MINUTES -> candle15m;
      case ONE_HOUR -> candle1h;
      case FOUR_HOURS -> candle4h;
      case ONE_DAY -> candle1d;
    };
  }

  void candle(Interval interval, CandleState candle) {
    switch (interval) {
      case ONE_MINUTE -> candle1m = candle;
      case FIVE_MINUTES -> candle5m = candle;
      case FIFTEEN_MINUTES -> candle15m = candle;
      case ONE_HOUR -> candle1h = candle;
      case FOUR_HOURS -> candle4h = candle;
      case ONE_DAY -> candle1d = candle;
    }
  }
}
