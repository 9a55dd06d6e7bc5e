package dev.exchange.jobs.matching;

import dev.exchange.jobs.common.DeadLetters;
import dev.exchange.jobs.common.EventEncoder;
import dev.exchange.jobs.common.OutRecord;
import dev.exchange.jobs.common.RawRecord;
import dev.exchange.jobs.common.TopicNames;
import dev.exchange.matching.core.Output;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes what the book emits for one command into {@link OutRecord}s, keyed by symbol (the copies
 * of order events for the accounts job: by account). Buffered per command: nothing of a command
 * that fails half-way is emitted.
 */
final class MatchingOutput implements Output {

  static final String JOB = "matching";

  private final TopicNames topics;
  private final List<OutRecord> buffer = new ArrayList<>();
  private final EventEncoder encoder = new EventEncoder();
  private RawRecord envelope;
  private byte[] key;

  MatchingOutput(TopicNames topics) {
    this.topics = topics;
  }

  void begin(RawRecord envelope) {
    this.envelope = envelope;
    this.key = envelope.symbol.getBytes(StandardCharsets.UTF_8);
    buffer.clear();
  }

  List<OutRecord> records() {
    return buffer;
  }

  private void add(String topic, byte[] value, long time) {
    buffer.add(new OutRecord(topic, key, value, time));
  }

  @Override
  public void trade(Trade trade) {
    add(topics.trades(), encoder.encode(trade), trade.getTime());
  }

  /**
   * The execution report on the order-events topic and, as the account's settlement, wrapped in an
   * {@code AccountCommand} keyed by account on the account-commands topic, in the same transaction.
   */
  @Override
  public void orderEvent(OrderEvent event) {
    byte[] encoded = encoder.encode(event);
    add(topics.orderEvents(), encoded, event.getTime());
    buffer.add(
        new OutRecord(
            topics.accountCommands(),
            event.getAccount().getBytes(StandardCharsets.UTF_8),
            encoder.encodeAccountCommand(event.getAccount(), encoded),
            event.getTime()));
  }

  @Override
  public void bookDelta(BookDelta delta) {
    add(topics.book(), encoder.encode(delta), delta.getTime());
  }

  @Override
  public void bookSnapshot(BookSnapshot snapshot) {
    byte[] bytes = encoder.encode(snapshot);
    add(topics.book(), bytes, snapshot.getTime());
    add(topics.bookSnapshots(), bytes, snapshot.getTime());
  }

  @Override
  public void instrument(Instrument instrument) {
    add(topics.instruments(), encoder.encode(instrument), instrument.getUpdatedTime());
  }

  @Override
  public void commandRejected(OrderCommand command, RejectReason reason, String detail) {
    deadLetter(reason.name(), detail);
  }

  /** Adds a dead letter for the current record. */
  void deadLetter(String reasonCode, String reason) {
    add(
        topics.dlq(),
        encoder.encode(DeadLetters.of(envelope, reasonCode, reason, JOB)),
        envelope.timestamp);
  }
}
