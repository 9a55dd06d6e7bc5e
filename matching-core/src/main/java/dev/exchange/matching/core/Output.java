package dev.exchange.matching.core;

import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;

/** Receives what an {@link OrderBook} emits, in emission order. */
public interface Output {

  void trade(Trade trade);

  void orderEvent(OrderEvent event);

  void bookDelta(BookDelta delta);

  void bookSnapshot(BookSnapshot snapshot);

  void instrument(Instrument instrument);

  /** A command that is well-formed but cannot be applied (unknown order, wrong state, ...). */
  void commandRejected(OrderCommand command, RejectReason reason, String detail);
}
