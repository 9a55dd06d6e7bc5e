package dev.exchange.matching.core;

import dev.exchange.model.InstrumentSpec;
import dev.exchange.model.PriceBand;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.DelistInstrument;
import dev.exchange.model.avro.HaltInstrument;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.ResumeInstrument;
import dev.exchange.model.avro.UpdateInstrument;

/**
 * The instrument life cycle (LIST, UPDATE, HALT, RESUME, DELIST) as {@link OrderBook} describes it;
 * shared by every implementation because it does not depend on how the book is stored.
 */
public final class InstrumentCommands {

  /** What an implementation provides for DELIST and the snapshots. */
  public interface Book {
    /** Cancels every resting order in arrival order with the given reason, emitting a delta. */
    void cancelAllResting(RejectReason reason, Output out);

    /** Marks that the command ends with a snapshot (see {@link OrderBook}: at most one). */
    void snapshotDue();
  }

  private InstrumentCommands() {}

  public static boolean isInstrumentCommand(Object payload) {
    return payload instanceof ListInstrument
        || payload instanceof UpdateInstrument
        || payload instanceof HaltInstrument
        || payload instanceof ResumeInstrument
        || payload instanceof DelistInstrument;
  }

  /** Applies an instrument command; {@code s.lastTime} must already be advanced. */
  public static void apply(EngineState s, OrderCommand c, Output out, Book book) {
    Object payload = c.getPayload();
    InstrumentStatus status = s.status;
    if (payload instanceof ListInstrument list) {
      if (status != null && status != InstrumentStatus.DELISTED) {
        out.commandRejected(c, RejectReason.INSTRUMENT_ALREADY_LISTED, s.symbol + " is " + status);
        return;
      }
      InstrumentSpec spec;
      try {
        spec =
            new InstrumentSpec(
                c.getSymbol(),
                list.getBaseAsset(),
                list.getQuoteAsset(),
                InstrumentStatus.TRADING,
                list.getPriceScale(),
                list.getQuantityScale(),
                list.getFilters().getTickSize(),
                list.getFilters().getStepSize(),
                list.getFilters().getMinQuantity(),
                list.getFilters().getMaxQuantity(),
                list.getFilters().getMinNotional(),
                list.getFilters().getMaxOpenOrders(),
                list.getBaseAssetScale(),
                list.getQuoteAssetScale(),
                list.getMakerFeeBps(),
                list.getTakerFeeBps(),
                PriceBand.of(list.getFilters()));
      } catch (IllegalArgumentException e) {
        out.commandRejected(c, RejectReason.INVALID_INSTRUMENT, e.getMessage());
        return;
      }
      s.define(spec);
      // A relisted symbol starts without a reference price: no band until its first trade.
      s.lastTradePrice = 0;
      publish(s, out);
      book.snapshotDue();
      return;
    }
    if (status == null) {
      out.commandRejected(c, RejectReason.UNKNOWN_SYMBOL, c.getSymbol() + " is not listed");
      return;
    }
    if (payload instanceof UpdateInstrument update) {
      if (status == InstrumentStatus.DELISTED) {
        out.commandRejected(
            c, RejectReason.INSTRUMENT_TRANSITION, "cannot update a delisted symbol");
        return;
      }
      InstrumentSpec updated;
      try {
        InstrumentSpec current = s.spec();
        updated =
            current
                .withFilters(update.getFilters())
                .withFees(
                    update.getMakerFeeBps() == null
                        ? current.makerFeeBps()
                        : update.getMakerFeeBps(),
                    update.getTakerFeeBps() == null
                        ? current.takerFeeBps()
                        : update.getTakerFeeBps());
      } catch (IllegalArgumentException e) {
        out.commandRejected(c, RejectReason.INVALID_INSTRUMENT, e.getMessage());
        return;
      }
      s.define(updated);
      publish(s, out);
    } else if (payload instanceof HaltInstrument) {
      transition(s, c, out, InstrumentStatus.TRADING, InstrumentStatus.HALTED);
    } else if (payload instanceof ResumeInstrument) {
      transition(s, c, out, InstrumentStatus.HALTED, InstrumentStatus.TRADING);
    } else if (payload instanceof DelistInstrument) {
      if (status == InstrumentStatus.DELISTED) {
        out.commandRejected(c, RejectReason.INSTRUMENT_TRANSITION, "already delisted");
        return;
      }
      book.cancelAllResting(RejectReason.INSTRUMENT_DELISTED, out);
      s.status = InstrumentStatus.DELISTED;
      publish(s, out);
      book.snapshotDue();
    }
  }

  private static void transition(
      EngineState s, OrderCommand c, Output out, InstrumentStatus from, InstrumentStatus to) {
    if (s.status != from) {
      out.commandRejected(
          c, RejectReason.INSTRUMENT_TRANSITION, "cannot go from " + s.status + " to " + to);
      return;
    }
    s.status = to;
    publish(s, out);
  }

  private static void publish(EngineState s, Output out) {
    out.instrument(s.spec().toRecord(++s.instrumentVersion, s.lastTime));
  }
}
