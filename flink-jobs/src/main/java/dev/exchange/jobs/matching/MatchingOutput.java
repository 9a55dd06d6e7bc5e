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
import dev.exchange.model.avro.CancelAllOrders;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.CommandRejection;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
  private final List<String> deadLetterReasons = new ArrayList<>();
  private final Consumer<String> deadLetterCounter;
  private RawRecord envelope;
  private byte[] key;

  MatchingOutput(TopicNames topics, Consumer<String> deadLetterCounter) {
    this.topics = topics;
    this.deadLetterCounter = deadLetterCounter;
  }

  void begin(RawRecord envelope) {
    this.envelope = envelope;
    this.key = envelope.symbol.getBytes(StandardCharsets.UTF_8);
    buffer.clear();
    deadLetterReasons.clear();
  }

  /**
   * Emits the current command's records and counts its dead letters: what a command the book threw
   * on had buffered is never emitted, nor counted.
   */
  void emit(Consumer<OutRecord> out) {
    buffer.forEach(out);
    deadLetterReasons.forEach(deadLetterCounter);
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

  /**
   * A cancel of an order that is not open, or not the sender's, goes back to its sender on the
   * command-rejections topic keyed by symbol like all the matcher writes, so that replays are
   * identical per key (Binance -2011 "Unknown order sent."); both are reported as {@code
   * UNKNOWN_ORDER}, so that no one learns that another account's order exists. Any other refusal is
   * a dead letter for operators.
   */
  @Override
  public void commandRejected(OrderCommand command, RejectReason reason, String detail) {
    boolean cancel =
        command.getPayload() instanceof CancelOrder
            || command.getPayload() instanceof CancelAllOrders;
    if (cancel
        && (reason == RejectReason.UNKNOWN_ORDER || reason == RejectReason.NOT_ORDER_OWNER)) {
      CancelOrder named = command.getPayload() instanceof CancelOrder c ? c : null;
      add(
          topics.commandRejections(),
          encoder.encode(
              new CommandRejection(
                  command.getSymbol(),
                  command.getAccount(),
                  command.getCommandId(),
                  named == null ? null : named.getOrderId(),
                  named == null ? null : named.getClientOrderId(),
                  RejectReason.UNKNOWN_ORDER.name(),
                  "no open order of this account" + (named == null ? "" : " with this id"),
                  command.getTimestamp())),
          command.getTimestamp());
      return;
    }
    deadLetter(reason.name(), detail);
  }

  /** Adds a dead letter for the current record. */
  void deadLetter(String reasonCode, String reason) {
    deadLetterReasons.add(reasonCode);
    add(
        topics.dlq(),
        encoder.encode(DeadLetters.of(envelope, reasonCode, reason, JOB)),
        envelope.timestamp);
  }
}
