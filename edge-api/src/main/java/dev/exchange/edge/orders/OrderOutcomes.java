package dev.exchange.edge.orders;

import dev.exchange.model.EventSerde;
import dev.exchange.model.Topics;
import dev.exchange.model.avro.CommandRejection;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.service.kafka.KafkaProperties;
import dev.exchange.service.kafka.TopicFollower;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the engine made of a command, for the Binance answers that wait for it ({@code
 * newOrderRespType} RESULT and FULL, cancels): follows {@code exchange.order-events} and {@code
 * exchange.command-rejections} from their end, {@code read_uncommitted} like ws-relay (the
 * checkpoint that commits the matcher's transaction would add its interval to every answer; a
 * record of an aborted transaction is re-emitted identically by the replay). A caller registers
 * what it expects before it publishes the command, so an outcome faster than the acknowledgement is
 * not missed.
 *
 * <p>All of one command's reports are written together, in order, to the symbol's partition; an
 * expectation completes at a final status, or, for an order that may rest (GTC), otherwise at the
 * end of the poll that brought its first report (a resting order's NEW, with the fills the same
 * command made). An IOC, FOK or MARKET order always ends in a final status within its command, so
 * its expectation waits for that: a poll can end between its NEW and its fills.
 */
public class OrderOutcomes extends TopicFollower {

  private static final Duration POLL = Duration.ofMillis(50);
  private static final Set<OrderStatus> FINAL =
      EnumSet.of(
          OrderStatus.FILLED,
          OrderStatus.CANCELED,
          OrderStatus.REJECTED,
          OrderStatus.EXPIRED,
          OrderStatus.EXPIRED_IN_MATCH);

  /** The engine's reports for the command, or the rejection of a cancel. */
  public record Outcome(List<OrderEvent> events, CommandRejection rejection) {}

  /** One expectation: registered under its keys until it completes. */
  public final class Expected {
    private final List<String> keys;
    private final boolean untilFinal;
    private final List<OrderEvent> events = new ArrayList<>();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    private Expected(List<String> keys, boolean untilFinal) {
      this.keys = keys;
      this.untilFinal = untilFinal;
      keys.forEach(k -> waiting.put(k, this));
    }

    public CompletableFuture<Outcome> outcome() {
      return outcome;
    }

    /** Stops waiting (the caller gave up or the command was not sent). */
    public void cancel() {
      keys.forEach(k -> waiting.remove(k, this));
    }

    private synchronized void add(OrderEvent event, boolean complete) {
      events.add(event);
      if (complete) {
        complete(null);
      }
    }

    private synchronized void complete(CommandRejection rejection) {
      cancel();
      outcome.complete(new Outcome(List.copyOf(events), rejection));
    }

    /** Whether the end of a poll completes it: it has reports and need not wait for a final one. */
    private synchronized boolean completesAtPollEnd() {
      return !untilFinal && !events.isEmpty();
    }
  }

  private final Map<String, Expected> waiting = new ConcurrentHashMap<>();
  private volatile boolean following;

  public OrderOutcomes(KafkaProperties kafka) {
    super(
        "order-outcomes",
        POLL,
        settings(
            kafka.connection(),
            kafka.clientId() + "-order-outcomes",
            "read_uncommitted",
            "latest"));
  }

  /**
   * The reports of a new order; {@code mayRest} (GTC) lets the end of a poll complete it, else
   * (IOC, FOK, MARKET) it waits for the final status.
   */
  public Expected newOrder(String orderId, boolean mayRest) {
    return new Expected(List.of("new " + orderId), !mayRest);
  }

  /** The CANCELED report of one order (by orderId, or the account's clientOrderId), or -2011. */
  public Expected cancel(
      String commandId, String account, String symbol, String orderId, String clientOrderId) {
    String target =
        orderId != null
            ? "cancel " + orderId
            : "cancel " + account + " " + symbol + " " + clientOrderId;
    return new Expected(List.of(target, "command " + commandId), false);
  }

  /** The CANCELED reports of a cancel-all. */
  public Expected cancelAll(String account, String symbol) {
    return new Expected(List.of("all " + account + " " + symbol), false);
  }

  @Override
  protected Map<TopicPartition, Long> assign(KafkaConsumer<byte[], byte[]> consumer) {
    List<TopicPartition> partitions = new ArrayList<>(partitions(Topics.ORDER_EVENTS));
    partitions.addAll(partitions(Topics.COMMAND_REJECTIONS));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    following = true;
    return Map.of();
  }

  /**
   * Whether the follower holds its positions at the topics' ends: from then on no outcome is missed
   * (readiness waits for it, health indicator {@code orderOutcomes}).
   */
  public boolean following() {
    return following;
  }

  @Override
  protected void onRecord(ConsumerRecord<byte[], byte[]> record, long polledMillis) {
    if (waiting.isEmpty()) {
      return;
    }
    if (record.topic().equals(Topics.COMMAND_REJECTIONS)) {
      CommandRejection rejection = EventSerde.decode(record.value(), CommandRejection.class);
      Expected e = waiting.get("command " + rejection.getCommandId());
      if (e != null) {
        e.complete(rejection);
      }
      return;
    }
    OrderEvent event = EventSerde.decode(record.value(), OrderEvent.class);
    Expected placed = waiting.get("new " + event.getOrderId());
    if (placed != null) {
      placed.add(event, FINAL.contains(event.getStatus()));
    }
    if (event.getExecutionType() != ExecutionType.CANCELED) {
      return;
    }
    for (String key :
        List.of(
            "cancel " + event.getOrderId(),
            "cancel "
                + event.getAccount()
                + " "
                + event.getSymbol()
                + " "
                + event.getClientOrderId())) {
      Expected e = waiting.get(key);
      if (e != null) {
        e.add(event, true);
      }
    }
    Expected all = waiting.get("all " + event.getAccount() + " " + event.getSymbol());
    if (all != null) {
      all.add(event, false);
    }
  }

  @Override
  protected void afterPoll() {
    for (Expected e : waiting.values()) {
      if (e.completesAtPollEnd()) {
        e.complete(null);
      }
    }
  }

  @Override
  protected void onCaughtUp() {}
}
