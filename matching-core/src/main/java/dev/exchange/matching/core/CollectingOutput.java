package dev.exchange.matching.core;

import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything emitted, in order; for tests, benchmarks and replay comparisons. */
public final class CollectingOutput implements Output {

  /** A refused command as reported to {@link Output#commandRejected}. */
  public record Rejection(String commandId, RejectReason reason, String detail) {}

  private final List<Object> all = new ArrayList<>();

  @Override
  public void trade(Trade trade) {
    all.add(trade);
  }

  @Override
  public void orderEvent(OrderEvent event) {
    all.add(event);
  }

  @Override
  public void bookDelta(BookDelta delta) {
    all.add(delta);
  }

  @Override
  public void bookSnapshot(BookSnapshot snapshot) {
    all.add(snapshot);
  }

  @Override
  public void instrument(Instrument instrument) {
    all.add(instrument);
  }

  @Override
  public void commandRejected(OrderCommand command, RejectReason reason, String detail) {
    all.add(new Rejection(command.getCommandId(), reason, detail));
  }

  /** Everything, in emission order. */
  public List<Object> all() {
    return all;
  }

  public <T> List<T> ofType(Class<T> type) {
    return all.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public void clear() {
    all.clear();
  }
}
