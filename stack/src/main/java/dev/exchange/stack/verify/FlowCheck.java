package dev.exchange.stack.verify;

import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exactly-once on the committed output of {@link OrderFlow}s on a symbol that only they trade.
 * Every accepted (202) order is acknowledged (NEW or REJECTED) exactly once; an order the edge did
 * not accept may still have landed (its answer was lost, not its write: see {@link
 * OrderFlow.Refused}) and is then known by its client order id; no other order appears at all.
 * Event sequences are unique and gapless. The orders that landed make one trade per crossing pair,
 * so {@code min(buys, sells)} trades with gapless unique ids, each between two landed orders, no
 * order filled beyond its lot.
 */
public final class FlowCheck {

  private FlowCheck() {}

  /**
   * The orders that reached the book, by order id, with their side ({@code true}: buy): the
   * accepted ones, and the uncertain ones whose acknowledgement shows they landed.
   */
  public static Map<String, Boolean> landed(
      Map<String, OrderFlow.Accepted> accepted,
      Collection<OrderFlow.Refused> uncertain,
      List<OrderEvent> events) {
    Set<String> maybe = new HashSet<>();
    uncertain.forEach(r -> maybe.add(r.clientOrderId()));
    Map<String, Boolean> landed = new HashMap<>();
    accepted.values().forEach(a -> landed.put(a.orderId(), a.buy()));
    for (OrderEvent e : events) {
      if (isAcknowledgement(e) && maybe.contains(e.getClientOrderId())) {
        landed.put(e.getOrderId(), e.getSide() == Side.BUY);
      }
    }
    return landed;
  }

  /** The trades the landed orders must make: every buy meets a sell at the one price. */
  public static long expectedTrades(Map<String, Boolean> landed) {
    long buys = landed.values().stream().filter(b -> b).count();
    return Math.min(buys, landed.size() - buys);
  }

  /** How often each order was acknowledged (NEW or REJECTED): once, if nothing went wrong. */
  public static Map<String, Integer> acknowledgements(List<OrderEvent> events) {
    Map<String, Integer> acknowledgements = new HashMap<>();
    for (OrderEvent e : events) {
      if (isAcknowledgement(e)) {
        acknowledgements.merge(e.getOrderId(), 1, Integer::sum);
      }
    }
    return acknowledgements;
  }

  private static boolean isAcknowledgement(OrderEvent e) {
    return e.getExecutionType() == ExecutionType.NEW
        || e.getExecutionType() == ExecutionType.REJECTED;
  }

  /** What breaks exactly-once; empty when nothing was lost or duplicated. */
  public static List<String> problems(
      Map<String, OrderFlow.Accepted> accepted,
      Collection<OrderFlow.Refused> uncertain,
      List<OrderEvent> events,
      List<Trade> trades) {
    List<String> found = new ArrayList<>();
    Map<String, Boolean> landed = landed(accepted, uncertain, events);
    Map<String, Integer> acknowledgements = acknowledgements(events);
    TreeSet<Long> sequences = new TreeSet<>();
    for (OrderEvent e : events) {
      if (!sequences.add(e.getSequence())) {
        found.add("event sequence " + e.getSequence() + " published twice");
      }
    }
    for (String orderId : landed.keySet()) {
      int n = acknowledgements.getOrDefault(orderId, 0);
      if (n != 1) {
        found.add("order " + orderId + " acknowledged " + n + " times");
      }
    }
    for (String orderId : acknowledgements.keySet()) {
      if (!landed.containsKey(orderId)) {
        found.add("order " + orderId + " acknowledged but never sent by the flow");
      }
    }
    if (!sequences.isEmpty()) {
      long span = sequences.last() - sequences.first() + 1;
      if (span != sequences.size()) {
        found.add((span - sequences.size()) + " event sequences missing between first and last");
      }
    }
    long expected = expectedTrades(landed);
    if (trades.size() != expected) {
      found.add(trades.size() + " trades where the landed pairs make " + expected);
    }
    Set<Long> tradeIds = new HashSet<>();
    Map<String, Long> filled = new HashMap<>();
    long lot = trades.isEmpty() ? 0 : trades.get(0).getQuantity();
    for (Trade t : trades) {
      if (!tradeIds.add(t.getTradeId())) {
        found.add("trade " + t.getTradeId() + " published twice");
      }
      for (String orderId : List.of(t.getMakerOrderId(), t.getTakerOrderId())) {
        if (!landed.containsKey(orderId)) {
          found.add("trade " + t.getTradeId() + " fills " + orderId + ", never sent by the flow");
        }
        if (filled.merge(orderId, t.getQuantity(), Long::sum) > lot) {
          found.add("order " + orderId + " filled beyond its lot");
        }
      }
    }
    for (long id = 1; id <= trades.size(); id++) {
      if (!tradeIds.contains(id)) {
        found.add("trade id " + id + " missing");
      }
    }
    return found;
  }
}
