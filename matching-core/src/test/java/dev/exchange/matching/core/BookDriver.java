package dev.exchange.matching.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.DelistInstrument;
import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.InstrumentStatus;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.PriceLevel;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Applies commands to an {@link OrderBook} and checks, after every command, the invariants every
 * implementation must keep: counters gapless, output order as the contract states, quantities
 * conserved, trades at the maker's price, the book never crossed, the open orders consistent with
 * their events, levels equal to the sums of open orders, and the market data stream (deltas and
 * snapshots applied to a mirror) reproducing {@link OrderBook#levels}.
 */
final class BookDriver {

  private static final Set<OrderStatus> OPEN =
      EnumSet.of(OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED);

  private final OrderBook book;
  private final int snapshotInterval;

  private long matchTime;
  private long lastSequence;
  private long lastTradeId;
  private long lastUpdateId;
  private long lastVersion;

  /** Latest event of every order that was ever accepted (REJECTED events are not tracked). */
  private final Map<String, OrderEvent> lastEvent = new HashMap<>();

  /** Sum of {lastQuantity, lastQuote} over the TRADE events of each accepted order. */
  private final Map<String, long[]> traded = new HashMap<>();

  private final TreeMap<Long, Long> mirrorBids = new TreeMap<>(Comparator.reverseOrder());
  private final TreeMap<Long, Long> mirrorAsks = new TreeMap<>();

  BookDriver(OrderBook book, int snapshotInterval) {
    this.book = book;
    this.snapshotInterval = snapshotInterval;
  }

  OrderBook book() {
    return book;
  }

  /** Applies one command, checks every invariant, and returns what the command emitted. */
  List<Object> apply(OrderCommand command) {
    Map<String, RestingOrder> restingBefore = new HashMap<>();
    for (Side side : Side.values()) {
      book.restingOrders(side).forEach(o -> restingBefore.put(o.orderId(), o));
    }
    List<OrderBook.Level> bidsBefore = book.levels(Side.BUY);
    List<OrderBook.Level> asksBefore = book.levels(Side.SELL);
    CollectingOutput out = new CollectingOutput();
    book.apply(command, out);
    List<Object> outputs = List.copyOf(out.all());
    String context = "after " + command + "\noutputs:\n" + String.join("\n", render(outputs));
    checkOutputs(command, outputs, restingBefore, context);
    boolean delta = outputs.stream().anyMatch(BookDelta.class::isInstance);
    if (!delta) {
      assertThat(book.levels(Side.BUY))
          .as("levels unchanged without a delta " + context)
          .isEqualTo(bidsBefore);
      assertThat(book.levels(Side.SELL))
          .as("levels unchanged without a delta " + context)
          .isEqualTo(asksBefore);
    }
    checkBook(context);
    return outputs;
  }

  /** Applies commands in order and returns the outputs of the last one. */
  List<Object> applyAll(OrderCommand... commands) {
    List<Object> last = List.of();
    for (OrderCommand c : commands) {
      last = apply(c);
    }
    return last;
  }

  /** The latest event of an order accepted at some point, or null. */
  OrderEvent lastEvent(String orderId) {
    return lastEvent.get(orderId);
  }

  private void checkOutputs(
      OrderCommand command,
      List<Object> outputs,
      Map<String, RestingOrder> restingBefore,
      String context) {
    matchTime = Math.max(matchTime, command.getTimestamp());
    int deltaAt = -1;
    int snapshotAt = -1;
    boolean snapshotExpected = false;
    for (int i = 0; i < outputs.size(); i++) {
      Object o = outputs.get(i);
      if (o instanceof CollectingOutput.Rejection r) {
        assertThat(outputs).as("a refused command emits nothing else " + context).hasSize(1);
        assertThat(r.commandId()).isEqualTo(command.getCommandId());
      } else if (o instanceof OrderEvent e) {
        assertThat(deltaAt).as("order events precede the delta " + context).isEqualTo(-1);
        checkEvent(e, i == 0 ? null : outputs.get(i - 1), context);
      } else if (o instanceof Trade t) {
        assertThat(deltaAt).as("trades precede the delta " + context).isEqualTo(-1);
        checkTrade(t, outputs, i, restingBefore, context);
      } else if (o instanceof BookDelta d) {
        assertThat(deltaAt).as("one delta per command " + context).isEqualTo(-1);
        deltaAt = i;
        checkDelta(d, context);
        snapshotExpected |= d.getLastUpdateId() % snapshotInterval == 0;
      } else if (o instanceof BookSnapshot s) {
        assertThat(snapshotAt).as("one snapshot per command " + context).isEqualTo(-1);
        assertThat(i)
            .as("the snapshot is the last output " + context)
            .isEqualTo(outputs.size() - 1);
        snapshotAt = i;
        checkSnapshot(s, context);
      } else if (o instanceof Instrument instrument) {
        assertThat(instrument.getVersion())
            .as("instrument version " + context)
            .isEqualTo(++lastVersion);
        assertThat(instrument.getUpdatedTime()).isEqualTo(matchTime);
        boolean listOrDelist =
            command.getPayload() instanceof ListInstrument
                || command.getPayload() instanceof DelistInstrument;
        snapshotExpected |= listOrDelist;
      } else {
        throw new AssertionError("unexpected output " + o);
      }
    }
    assertThat(snapshotAt >= 0)
        .as("snapshot when due, and only then " + context)
        .isEqualTo(snapshotExpected);
    if (command.getPayload() instanceof NewOrder n
        && !outputs.isEmpty()
        && !(outputs.get(0) instanceof CollectingOutput.Rejection)) {
      OrderEvent first = (OrderEvent) outputs.get(0);
      assertThat(first.getOrderId())
          .as("a new order's first output " + context)
          .isEqualTo(n.getOrderId());
      assertThat(first.getExecutionType()).isIn(ExecutionType.NEW, ExecutionType.REJECTED);
      if (first.getExecutionType() == ExecutionType.REJECTED) {
        assertThat(outputs).as("a rejection changes nothing " + context).hasSize(1);
      }
    }
  }

  private void checkEvent(OrderEvent e, Object previous, String context) {
    String id = e.getOrderId();
    assertThat(e.getSequence()).as("gapless sequence " + context).isEqualTo(++lastSequence);
    assertThat(e.getTime()).as("event time " + context).isEqualTo(matchTime);
    if (e.getExecutionType() == ExecutionType.REJECTED) {
      assertThat(e.getStatus()).isEqualTo(OrderStatus.REJECTED);
      assertThat(e.getRejectReason()).isNotNull();
      assertThat(e.getExecutedQuantity()).isZero();
      return;
    }
    if (e.getExecutionType() == ExecutionType.NEW) {
      assertThat(e.getStatus()).isEqualTo(OrderStatus.NEW);
      assertThat(e.getCreatedTime()).isEqualTo(matchTime);
      assertThat(lastEvent.get(id) == null || !OPEN.contains(lastEvent.get(id).getStatus()))
          .as("NEW for an order that is still open " + context)
          .isTrue();
      traded.put(id, new long[2]);
    } else {
      OrderEvent before = lastEvent.get(id);
      assertThat(before).as("event for an order never accepted " + context).isNotNull();
      assertThat(before.getStatus()).as("event after a final one " + context).isIn(OPEN);
    }
    long[] sums = traded.get(id);
    switch (e.getExecutionType()) {
      case TRADE -> {
        assertThat(previous).as("a TRADE event follows its trade " + context).isNotNull();
        assertThat(e.getLastQuantity()).isPositive();
        assertThat(e.getTradeId()).isNotNull();
        assertThat(e.getStatus())
            .as(context)
            .isIn(OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED);
        sums[0] += e.getLastQuantity();
        sums[1] += e.getLastQuote();
      }
      case CANCELED -> {
        assertThat(e.getStatus()).isEqualTo(OrderStatus.CANCELED);
        assertThat(e.getRejectReason()).isIn(null, RejectReason.INSTRUMENT_DELISTED.name());
      }
      case EXPIRED -> {
        assertThat(e.getStatus()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(e.getRejectReason())
            .isIn(
                null,
                RejectReason.NO_LIQUIDITY.name(),
                RejectReason.INSUFFICIENT_BALANCE.name(),
                RejectReason.FOK_NOT_FILLABLE.name(),
                RejectReason.NOTIONAL_OVERFLOW.name());
        if (RejectReason.NO_LIQUIDITY.name().equals(e.getRejectReason())) {
          assertThat(e.getExecutedQuantity()).isZero();
        }
      }
      case TRADE_PREVENTION -> {
        assertThat(e.getStatus()).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(e.getRejectReason()).isEqualTo(RejectReason.SELF_TRADE_PREVENTED.name());
      }
      default -> {}
    }
    if (e.getExecutionType() != ExecutionType.TRADE) {
      assertThat(e.getLastQuantity()).isZero();
      assertThat(e.getTradeId()).isNull();
    }
    assertThat(e.getExecutedQuantity()).as("executed = sum of fills " + context).isEqualTo(sums[0]);
    assertThat(e.getCumulativeQuote())
        .as("cumulative quote = sum of fills " + context)
        .isEqualTo(sums[1]);
    if (e.getQuantity() != null) {
      assertThat(e.getExecutedQuantity()).isLessThanOrEqualTo(e.getQuantity());
      if (e.getStatus() == OrderStatus.FILLED) {
        assertThat(e.getExecutedQuantity()).as("FILLED " + context).isEqualTo(e.getQuantity());
      }
      if (e.getStatus() == OrderStatus.PARTIALLY_FILLED) {
        assertThat(e.getExecutedQuantity()).isPositive().isLessThan(e.getQuantity());
      }
    }
    if (e.getQuoteQuantity() != null) {
      assertThat(e.getCumulativeQuote()).isLessThanOrEqualTo(e.getQuoteQuantity());
    }
    lastEvent.put(id, e);
  }

  private void checkTrade(
      Trade t,
      List<Object> outputs,
      int at,
      Map<String, RestingOrder> restingBefore,
      String context) {
    assertThat(t.getTradeId()).as("gapless tradeId " + context).isEqualTo(++lastTradeId);
    assertThat(t.getTime()).isEqualTo(matchTime);
    assertThat(t.getQuantity()).isPositive();
    assertThat(t.getQuoteQuantity()).isEqualTo(Math.multiplyExact(t.getPrice(), t.getQuantity()));
    assertThat(outputs.size())
        .as("a trade is followed by two events " + context)
        .isGreaterThan(at + 2);
    OrderEvent taker = (OrderEvent) outputs.get(at + 1);
    OrderEvent maker = (OrderEvent) outputs.get(at + 2);
    for (OrderEvent e : List.of(taker, maker)) {
      assertThat(e.getExecutionType()).isEqualTo(ExecutionType.TRADE);
      assertThat(e.getTradeId()).isEqualTo(t.getTradeId());
      assertThat(e.getLastQuantity()).isEqualTo(t.getQuantity());
      assertThat(e.getLastPrice()).isEqualTo(t.getPrice());
      assertThat(e.getLastQuote()).isEqualTo(t.getQuoteQuantity());
    }
    assertThat(taker.getOrderId()).isEqualTo(t.getTakerOrderId());
    assertThat(taker.getMaker()).isFalse();
    assertThat(taker.getSide()).isEqualTo(t.getTakerSide());
    assertThat(maker.getOrderId()).isEqualTo(t.getMakerOrderId());
    assertThat(maker.getMaker()).isTrue();
    assertThat(maker.getSide()).isNotEqualTo(t.getTakerSide());
    RestingOrder restingMaker = restingBefore.get(t.getMakerOrderId());
    assertThat(restingMaker).as("the maker was open before the command " + context).isNotNull();
    assertThat(t.getPrice())
        .as("trade at the maker's price " + context)
        .isEqualTo(restingMaker.price())
        .isEqualTo(maker.getPrice());
    if (taker.getPrice() != null) {
      if (t.getTakerSide() == Side.BUY) {
        assertThat(t.getPrice())
            .as("within the buyer's limit")
            .isLessThanOrEqualTo(taker.getPrice());
      } else {
        assertThat(t.getPrice())
            .as("within the seller's limit")
            .isGreaterThanOrEqualTo(taker.getPrice());
      }
    }
  }

  private void checkDelta(BookDelta d, String context) {
    long id = ++lastUpdateId;
    assertThat(d.getFirstUpdateId()).as("gapless delta ids " + context).isEqualTo(id);
    assertThat(d.getLastUpdateId()).isEqualTo(id);
    assertThat(d.getTime()).isEqualTo(matchTime);
    assertThat(d.getBids().isEmpty() && d.getAsks().isEmpty()).as("empty delta").isFalse();
    applyLevels(mirrorBids, d.getBids(), Comparator.reverseOrder(), context);
    applyLevels(mirrorAsks, d.getAsks(), Comparator.naturalOrder(), context);
    assertThat(d.getBestBid()).as("best bid " + context).isEqualTo(top(mirrorBids));
    assertThat(d.getBestAsk()).as("best ask " + context).isEqualTo(top(mirrorAsks));
  }

  private static void applyLevels(
      TreeMap<Long, Long> mirror,
      List<PriceLevel> changes,
      Comparator<Long> order,
      String context) {
    assertThat(changes.stream().map(PriceLevel::getPrice).toList())
        .as("delta levels best first " + context)
        .isSortedAccordingTo(order)
        .doesNotHaveDuplicates();
    for (PriceLevel l : changes) {
      assertThat(l.getQuantity()).isNotNegative();
      assertThat(mirror.getOrDefault(l.getPrice(), 0L))
          .as("a delta carries only changed levels " + context)
          .isNotEqualTo(l.getQuantity());
      if (l.getQuantity() == 0) {
        mirror.remove(l.getPrice());
      } else {
        mirror.put(l.getPrice(), l.getQuantity());
      }
    }
  }

  private static PriceLevel top(TreeMap<Long, Long> mirror) {
    return mirror.isEmpty()
        ? null
        : new PriceLevel(mirror.firstKey(), mirror.firstEntry().getValue());
  }

  private void checkSnapshot(BookSnapshot s, String context) {
    assertThat(s.getLastUpdateId()).as("snapshot updateId " + context).isEqualTo(lastUpdateId);
    assertThat(s.getTime()).isEqualTo(matchTime);
    mirrorBids.clear();
    mirrorAsks.clear();
    s.getBids().forEach(l -> mirrorBids.put(l.getPrice(), l.getQuantity()));
    s.getAsks().forEach(l -> mirrorAsks.put(l.getPrice(), l.getQuantity()));
  }

  private void checkBook(String context) {
    List<OrderBook.Level> bids = book.levels(Side.BUY);
    List<OrderBook.Level> asks = book.levels(Side.SELL);
    assertThat(bids).as("mirror of the bids " + context).isEqualTo(asLevels(mirrorBids));
    assertThat(asks).as("mirror of the asks " + context).isEqualTo(asLevels(mirrorAsks));
    if (!bids.isEmpty() && !asks.isEmpty()) {
      assertThat(bids.get(0).price())
          .as("book not crossed " + context)
          .isLessThan(asks.get(0).price());
    }
    Set<String> open = new HashSet<>();
    Set<String> clientKeys = new HashSet<>();
    for (Side side : Side.values()) {
      List<RestingOrder> orders = book.restingOrders(side);
      Comparator<RestingOrder> priority =
          side == Side.BUY
              ? Comparator.comparingLong(RestingOrder::price).reversed()
              : Comparator.comparingLong(RestingOrder::price);
      assertThat(orders)
          .as("resting orders in priority " + context)
          .isSortedAccordingTo(priority.thenComparingLong(RestingOrder::arrival));
      Map<Long, Long> sums = new TreeMap<>();
      for (RestingOrder o : orders) {
        assertThat(o.side()).isEqualTo(side);
        assertThat(o.leaves()).as("open orders have leaves " + context).isPositive();
        assertThat(o.executedQuantity() + o.leaves())
            .as("quantity conserved " + context)
            .isEqualTo(o.quantity());
        assertThat(open.add(o.orderId())).as("orderId open once " + context).isTrue();
        assertThat(clientKeys.add(o.account() + "/" + o.clientOrderId()))
            .as("clientOrderId unique per account " + context)
            .isTrue();
        OrderEvent e = lastEvent.get(o.orderId());
        assertThat(e).as("an open order was accepted " + context).isNotNull();
        assertThat(e.getStatus()).as("open order status " + context).isIn(OPEN);
        assertThat(e.getAccount()).isEqualTo(o.account());
        assertThat(e.getClientOrderId()).isEqualTo(o.clientOrderId());
        assertThat(e.getSide()).isEqualTo(side);
        assertThat(e.getPrice()).isEqualTo(o.price());
        assertThat(e.getQuantity()).isEqualTo(o.quantity());
        assertThat(e.getExecutedQuantity())
            .as("events agree with the book " + context)
            .isEqualTo(o.executedQuantity());
        sums.merge(o.price(), o.leaves(), Long::sum);
      }
      List<OrderBook.Level> levels = side == Side.BUY ? bids : asks;
      assertThat(
              levels.stream().collect(Collectors.toMap(OrderBook.Level::price, l -> l.quantity())))
          .as("levels are sums of open orders " + context)
          .isEqualTo(sums);
    }
    for (Map.Entry<String, OrderEvent> e : lastEvent.entrySet()) {
      assertThat(open.contains(e.getKey()))
          .as(
              "open exactly when the last event is NEW or PARTIALLY_FILLED: "
                  + e.getValue()
                  + context)
          .isEqualTo(OPEN.contains(e.getValue().getStatus()));
    }
    if (book.instrument() != null && book.instrument().status() == InstrumentStatus.DELISTED) {
      assertThat(open).as("a delisted book is empty " + context).isEmpty();
    }
  }

  private static List<OrderBook.Level> asLevels(TreeMap<Long, Long> mirror) {
    List<OrderBook.Level> out = new ArrayList<>();
    mirror.forEach((p, q) -> out.add(new OrderBook.Level(p, q)));
    return out;
  }

  /** One line per output with the values scenario tests assert on. */
  static List<String> render(List<Object> outputs) {
    return outputs.stream().map(BookDriver::render).toList();
  }

  static String render(Object o) {
    if (o instanceof OrderEvent e) {
      StringBuilder s = new StringBuilder();
      s.append(e.getOrderId())
          .append(' ')
          .append(e.getExecutionType())
          .append('/')
          .append(e.getStatus());
      if (e.getRejectReason() != null) {
        s.append(' ').append(e.getRejectReason());
      }
      s.append(" exec=").append(e.getExecutedQuantity());
      if (e.getExecutionType() == ExecutionType.TRADE) {
        s.append(" fill=")
            .append(e.getLastQuantity())
            .append('@')
            .append(e.getLastPrice())
            .append(" #")
            .append(e.getTradeId());
      }
      if (e.getMaker()) {
        s.append(" maker");
      }
      return s.toString();
    }
    if (o instanceof Trade t) {
      return "trade #"
          + t.getTradeId()
          + " "
          + t.getQuantity()
          + "@"
          + t.getPrice()
          + " "
          + t.getTakerSide()
          + " taker="
          + t.getTakerOrderId()
          + " maker="
          + t.getMakerOrderId();
    }
    if (o instanceof BookDelta d) {
      return "delta "
          + d.getLastUpdateId()
          + " bids="
          + levels(d.getBids())
          + " asks="
          + levels(d.getAsks())
          + " top="
          + level(d.getBestBid())
          + "/"
          + level(d.getBestAsk());
    }
    if (o instanceof BookSnapshot s) {
      return "snapshot "
          + s.getLastUpdateId()
          + " bids="
          + levels(s.getBids())
          + " asks="
          + levels(s.getAsks());
    }
    if (o instanceof Instrument i) {
      return "instrument v" + i.getVersion() + " " + i.getStatus();
    }
    if (o instanceof CollectingOutput.Rejection r) {
      return "refused " + r.reason();
    }
    return String.valueOf(o);
  }

  private static String levels(List<PriceLevel> levels) {
    return levels.stream().map(BookDriver::level).collect(Collectors.joining(",", "[", "]"));
  }

  private static String level(PriceLevel l) {
    return l == null ? "-" : l.getQuantity() + "@" + l.getPrice();
  }
}
