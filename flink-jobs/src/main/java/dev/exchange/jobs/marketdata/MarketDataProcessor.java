package dev.exchange.jobs.marketdata;

import dev.exchange.jobs.common.DeadLetters;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.model.EventSerde;
import dev.exchange.model.InvalidEventException;
import dev.exchange.model.avro.Candle;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the market-data job does with one record of {@code exchange.trades} and with one closing
 * timer, without Flink: decode, check the key, drop replays, fold into candles ({@link CandleBook})
 * and the 24h ticker ({@link TickerWindow}), encode. Outputs of one call are buffered and emitted
 * only if the whole call succeeded.
 */
public final class MarketDataProcessor {

  /** The job name written into dead letters. */
  public static final String JOB = "market-data";

  /** The record could not be decoded as a Trade, or names another symbol than its key. */
  public static final String MALFORMED_TRADE = "MALFORMED_TRADE";

  /** Time earlier than the symbol's previous trade: upstream promises monotonic times. */
  public static final String OUT_OF_ORDER_TRADE = "OUT_OF_ORDER_TRADE";

  /**
   * A bucket the trade belongs in was already closed by the watermark. Counted in the ticker, not
   * in the candles (see docs/market-data.md).
   */
  public static final String LATE_TRADE = "LATE_TRADE";

  public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

  private static final Logger LOG = LoggerFactory.getLogger(MarketDataProcessor.class);

  private final String candles;
  private final String tickers;
  private final TopicNames topics;
  private final List<OutRecord> buffer = new ArrayList<>();
  private long duplicates;
  private final Consumer<String> deadLetterCounter;

  public MarketDataProcessor(TopicNames topics) {
    this(topics, reasonCode -> {});
  }

  /**
   * @param deadLetterCounter told the reason code of every dead letter made (the job counts them in
   *     its {@code deadLetters} metric, {@link DeadLetters.Meter})
   */
  public MarketDataProcessor(TopicNames topics, Consumer<String> deadLetterCounter) {
    this.candles = topics.candles();
    this.tickers = topics.tickers();
    this.topics = topics;
    this.deadLetterCounter = deadLetterCounter;
  }

  /**
   * Processes one record against its symbol's state.
   *
   * @param state the symbol's state, or null before its first trade; may be modified
   * @param newBucketClose receives the close time of every bucket opened (for a closing timer)
   * @return the state to keep, or null if it must not be written (nothing changed, or the record
   *     failed half-way)
   */
  public MarketState process(
      RawRecord envelope,
      MarketState state,
      MinuteStore minutes,
      LongConsumer newBucketClose,
      Consumer<OutRecord> out) {
    buffer.clear();
    Trade trade;
    try {
      trade = EventSerde.decode(envelope.value, Trade.class);
    } catch (InvalidEventException e) {
      deadLetter(envelope, MALFORMED_TRADE, e.getMessage());
      emit(out);
      return null;
    }
    if (!trade.getSymbol().equals(envelope.symbol)) {
      deadLetter(
          envelope,
          MALFORMED_TRADE,
          "trade of " + trade.getSymbol() + " under key '" + envelope.symbol + "'");
      emit(out);
      return null;
    }
    MarketState s = state == null ? new MarketState() : state;
    if (s.started && trade.getTradeId() <= s.lastTradeId) {
      // A replay of a trade already counted (tradeIds are gapless per symbol): the outputs it
      // produced are already in the log.
      duplicates++;
      return null;
    }
    byte[] key = envelope.symbol.getBytes(StandardCharsets.UTF_8);
    try {
      if (s.started && trade.getTime() < s.lastTime) {
        deadLetter(
            envelope,
            OUT_OF_ORDER_TRADE,
            "trade " + trade.getTradeId() + " at " + trade.getTime() + " after " + s.lastTime);
      } else {
        if (CandleBook.isLate(s, trade.getTime())) {
          deadLetter(
              envelope,
              LATE_TRADE,
              "trade " + trade.getTradeId() + " at " + trade.getTime() + " in a closed candle");
        } else {
          long time = trade.getTime();
          CandleBook.apply(
              s,
              trade,
              c -> candle(key, c, c.getClosed() ? c.getCloseTime() : time),
              newBucketClose);
        }
        buffer.add(
            new OutRecord(
                tickers,
                key,
                EventSerde.encode(TickerWindow.apply(s, trade, minutes)),
                trade.getTime()));
        s.lastTime = trade.getTime();
      }
      s.lastTradeId = trade.getTradeId();
      s.started = true;
    } catch (RuntimeException e) {
      // A bug or an overflow, not bad input. Failing would crash-loop on this record forever; the
      // state is not written, so the symbol continues as if this trade had not existed.
      LOG.error("trade at {}:{} failed", envelope.partition, envelope.offset, e);
      buffer.clear();
      deadLetter(envelope, INTERNAL_ERROR, e.getClass().getName() + ": " + e.getMessage());
      emit(out);
      return null;
    }
    emit(out);
    return s;
  }

  /**
   * Closes the symbol's buckets that end at or before {@code time} (the watermark passed them).
   * Returns whether the state changed.
   */
  public boolean close(String symbol, MarketState state, long time, Consumer<OutRecord> out) {
    if (state == null) {
      return false;
    }
    byte[] key = symbol.getBytes(StandardCharsets.UTF_8);
    buffer.clear();
    boolean changed =
        CandleBook.closeThrough(state, symbol, time, c -> candle(key, c, c.getCloseTime()));
    emit(out);
    return changed;
  }

  /** Replayed trades ignored since this processor was created. */
  public long duplicates() {
    return duplicates;
  }

  /**
   * An update is stamped with its trade's time, a closed candle with its close time: both are
   * functions of the trades, so a replay writes identical records.
   */
  private void candle(byte[] key, Candle c, long timestamp) {
    buffer.add(new OutRecord(candles, key, EventSerde.encode(c), timestamp));
  }

  private void deadLetter(RawRecord envelope, String reasonCode, String reason) {
    deadLetterCounter.accept(reasonCode);
    buffer.add(DeadLetters.record(topics, envelope, reasonCode, reason, JOB));
  }

  private void emit(Consumer<OutRecord> out) {
    for (OutRecord r : buffer) {
      out.accept(r);
    }
    buffer.clear();
  }
}
