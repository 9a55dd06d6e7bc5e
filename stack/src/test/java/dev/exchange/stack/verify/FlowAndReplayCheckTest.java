package dev.exchange.stack.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.matching.core.CollectingOutput;
import dev.exchange.matching.core.ReferenceOrderBook;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chaos run's and the end-to-end tests' exactly-once checks find what they are for: a clean log
 * passes; a lost, repeated or foreign order, a missing or changed trade fails, with a line that
 * says what.
 */
class FlowAndReplayCheckTest {

  private static final String SYMBOL = "CHKUSDT";
  private static final Instant AT = Instant.parse("2026-12-06T00:00:00Z");

  private final List<OrderCommand> log = new ArrayList<>();

  /** Per account: the accounts job numbers each account's commands on a symbol from 1. */
  private final Map<String, Long> sequences = new java.util.HashMap<>();

  /** Two crossing pairs; the second buy came back under a 503 (its write had landed). */
  private final Map<String, OrderFlow.Accepted> accepted =
      Map.of(
          "s1", accepted("s1", false),
          "b1", accepted("b1", true),
          "s2", accepted("s2", false));

  private final List<OrderFlow.Refused> refused = List.of(new OrderFlow.Refused("c-b2", 503, AT));

  private OrderFlow.Accepted accepted(String orderId, boolean buy) {
    return new OrderFlow.Accepted(orderId, "c-" + orderId, buy, "1.000", AT);
  }

  FlowAndReplayCheckTest() {
    log.add(
        new OrderCommand(
            "list",
            SYMBOL,
            "admin",
            1L,
            0L,
            0L,
            new ListInstrument(
                "CHK",
                "USDT",
                2,
                3,
                new InstrumentFilters(1L, 1L, 1L, 1_000_000L, 100L, 1000, 0, 0, 0, 0),
                0,
                0,
                0,
                0)));
    order("s1", "seller", Side.SELL);
    order("b1", "buyer", Side.BUY);
    order("s2", "seller", Side.SELL);
    order("b2", "buyer", Side.BUY);
  }

  private void order(String orderId, String account, Side side) {
    NewOrder order =
        NewOrder.newBuilder()
            .setOrderId(orderId)
            .setClientOrderId("c-" + orderId)
            .setSide(side)
            .setOrderType(OrderType.LIMIT)
            .setTimeInForce(TimeInForce.GTC)
            .setPriceScale(2)
            .setQuantityScale(3)
            .setPrice(100L)
            .setQuantity(1000L)
            .setSelfTradePrevention(SelfTradePrevention.NONE)
            .build();
    long n = sequences.merge(account, 1L, Long::sum);
    log.add(new OrderCommand("cmd-" + orderId, SYMBOL, account, 2L, n, n, order));
  }

  /** What the matcher would publish for {@code commands}. */
  private static CollectingOutput publish(List<OrderCommand> commands) {
    ReferenceOrderBook book = new ReferenceOrderBook(SYMBOL, 1000);
    CollectingOutput out = new CollectingOutput();
    commands.forEach(c -> book.apply(c, out));
    return out;
  }

  @Test
  void aCleanRunPassesAndAnOrderThatLandedUnansweredIsFoundByItsClientOrderId() {
    CollectingOutput out = publish(log);
    List<OrderEvent> events = out.ofType(OrderEvent.class);
    List<Trade> trades = out.ofType(Trade.class);
    assertThat(trades).hasSize(2);
    assertThat(FlowCheck.problems(accepted, refused, events, trades)).isEmpty();
    assertThat(FlowCheck.landed(accepted, refused, events)).containsEntry("b2", true);
    assertThat(ReplayCheck.problems(SYMBOL, log, trades)).isEmpty();
  }

  @Test
  void aLostAcknowledgementARepeatAndAnOrderNobodySentAreEachReported() {
    CollectingOutput out = publish(log);
    List<OrderEvent> events = new ArrayList<>(out.ofType(OrderEvent.class));
    List<Trade> trades = out.ofType(Trade.class);
    OrderEvent first = events.remove(0);
    assertThat(FlowCheck.problems(accepted, refused, events, trades))
        .contains("order " + first.getOrderId() + " acknowledged 0 times");
    events.add(0, first);
    events.add(first);
    assertThat(FlowCheck.problems(accepted, refused, events, trades))
        .anyMatch(p -> p.contains("published twice"))
        .contains("order " + first.getOrderId() + " acknowledged 2 times");
    assertThat(FlowCheck.problems(accepted, List.of(), out.ofType(OrderEvent.class), trades))
        .contains("order b2 acknowledged but never sent by the flow");
  }

  @Test
  void aMissingOrChangedTradeDiffersFromTheReplayOfTheLog() {
    List<Trade> trades = publish(log).ofType(Trade.class);
    assertThat(ReplayCheck.problems(SYMBOL, log, trades.subList(0, 1)))
        .singleElement()
        .asString()
        .contains("trade 2");
    Trade changed = Trade.newBuilder(trades.get(1)).setPrice(101L).build();
    assertThat(ReplayCheck.problems(SYMBOL, log, List.of(trades.get(0), changed)))
        .singleElement()
        .asString()
        .contains("trade 2");
    assertThat(
            FlowCheck.problems(
                accepted, refused, publish(log).ofType(OrderEvent.class), trades.subList(0, 1)))
        .contains("1 trades where the landed pairs make 2");
  }

  @Test
  void theReplayReadsTheLogAsTheMatcherDoesRepeatsSkippedEarlyCommandsParked() {
    List<Trade> trades = publish(log).ofType(Trade.class);
    // The seller's second order before its first (it waits for it), and a repeat of b1.
    List<OrderCommand> messy =
        List.of(log.get(0), log.get(3), log.get(1), log.get(2), log.get(4), log.get(2));
    assertThat(ReplayCheck.replay(SYMBOL, messy)).isEqualTo(trades);
    assertThat(ReplayCheck.replay(SYMBOL, List.of(log.get(0), log.get(3), log.get(2))))
        .as("s2 waits for s1, which never comes: b1 rests alone")
        .isEmpty();
  }
}
