package dev.exchange.bench;

import dev.exchange.matching.core.CollectingOutput;
import dev.exchange.matching.core.OrderBook;
import dev.exchange.matching.core.Output;
import dev.exchange.model.EventSerde;
import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.BookDelta;
import dev.exchange.model.avro.BookSnapshot;
import dev.exchange.model.avro.CancelOrder;
import dev.exchange.model.avro.Instrument;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderStatus;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Trade;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.apache.avro.specific.SpecificRecord;

/**
 * A realistic, steady-state command sequence for one symbol: the LIST, then a mix of passive limit
 * orders around the mid (50%), cancels of open orders by their owners (30%), crossing limit orders
 * (12%, half IOC, half GTC whose remainder rests) and market orders (8%). The generator drives a
 * book while it generates, so cancels name orders that are open at that point and the book stays
 * near {@link #TARGET_OPEN} resting orders instead of growing or draining.
 *
 * <p>Deterministic for a seed and independent of the book implementation (every implementation
 * emits the same outputs), so {@link #checksum} over a replay proves that two implementations, or
 * two versions of one, produce identical outputs.
 */
public final class BookCommandMix {

  public static final String SYMBOL = "BTCUSDT";
  static final long MID = 1_000_000;
  static final int TARGET_OPEN = 1_000;
  private static final long TIME = 1_767_225_600_000L;

  private BookCommandMix() {}

  /** {@code count} commands, the first being the LIST; generated against {@code book}. */
  public static List<OrderCommand> generate(long seed, int count, OrderBook book) {
    SplittableRandom random = new SplittableRandom(seed);
    List<OrderCommand> commands = new ArrayList<>(count);
    OpenOrders open = new OpenOrders();
    CollectingOutput out = new CollectingOutput();
    OrderCommand list =
        command(
            "admin",
            new ListInstrument(
                "BTC",
                "USDT",
                2,
                4,
                new InstrumentFilters(1L, 1L, 1L, 1_000_000_000L, 0L, 1_000, 0, 0, 0, 0),
                0,
                0,
                0,
                0));
    for (int i = 0; commands.size() < count; i++) {
      OrderCommand c = i == 0 ? list : next(random, i, open);
      commands.add(c);
      out.clear();
      book.apply(c, out);
      open.update(out.ofType(OrderEvent.class));
    }
    return commands;
  }

  private static OrderCommand next(SplittableRandom random, int i, OpenOrders open) {
    int kind = open.size() < TARGET_OPEN * 8 / 10 ? 0 : random.nextInt(100);
    String account = "a" + random.nextInt(200);
    String id = "o" + i;
    Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
    long sign = side == Side.BUY ? 1 : -1;
    if (kind < 50 || open.size() == 0) {
      long price = MID - sign * (1 + random.nextInt(200));
      return command(
          account,
          order(id, side, OrderType.LIMIT, TimeInForce.GTC, price, 1 + random.nextInt(100)));
    }
    if (kind < 80) {
      String[] victim = open.pick(random);
      return command(victim[1], new CancelOrder(victim[0], null));
    }
    long quantity = 1 + random.nextInt(300);
    if (kind < 92) {
      long price = MID + sign * (10 + random.nextInt(50));
      TimeInForce tif = random.nextBoolean() ? TimeInForce.IOC : TimeInForce.GTC;
      return command(account, order(id, side, OrderType.LIMIT, tif, price, quantity));
    }
    return command(account, order(id, side, OrderType.MARKET, TimeInForce.IOC, null, quantity));
  }

  private static NewOrder order(
      String id, Side side, OrderType type, TimeInForce tif, Long price, long quantity) {
    return new NewOrder(
        id, id, side, type, tif, price, quantity, null, 2, 4, SelfTradePrevention.NONE, null, null);
  }

  private static OrderCommand command(String account, Object payload) {
    return new OrderCommand("c", SYMBOL, account, TIME, 0L, 0L, payload);
  }

  /**
   * A checksum over every output of {@code commands} applied in order to a fresh book: each record
   * as {@link EventSerde} encodes it, each refusal as its reason and detail.
   */
  public static long checksum(List<OrderCommand> commands, Supplier<OrderBook> books) {
    ChecksumOutput out = new ChecksumOutput();
    OrderBook book = books.get();
    for (OrderCommand c : commands) {
      book.apply(c, out);
    }
    return out.crc.getValue() ^ ((long) out.records << 32);
  }

  /** The resting orders of the generated sequence, as {orderId, account}, pickable at random. */
  private static final class OpenOrders {
    private final List<String[]> orders = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    int size() {
      return orders.size();
    }

    String[] pick(SplittableRandom random) {
      return orders.get(random.nextInt(orders.size()));
    }

    void update(List<OrderEvent> events) {
      for (OrderEvent e : events) {
        OrderStatus s = e.getStatus();
        boolean rests =
            e.getOrderType() == OrderType.LIMIT
                && e.getTimeInForce() == TimeInForce.GTC
                && (s == OrderStatus.NEW || s == OrderStatus.PARTIALLY_FILLED);
        if (rests) {
          if (!index.containsKey(e.getOrderId())) {
            index.put(e.getOrderId(), orders.size());
            orders.add(new String[] {e.getOrderId(), e.getAccount()});
          }
        } else {
          remove(e.getOrderId());
        }
      }
    }

    private void remove(String orderId) {
      Integer at = index.remove(orderId);
      if (at == null) {
        return;
      }
      String[] last = orders.remove(orders.size() - 1);
      if (at < orders.size()) {
        orders.set(at, last);
        index.put(last[0], at);
      }
    }
  }

  private static final class ChecksumOutput implements Output {
    private final CRC32C crc = new CRC32C();
    private int records;

    private void add(SpecificRecord r) {
      crc.update(EventSerde.encode(r));
      records++;
    }

    @Override
    public void trade(Trade trade) {
      add(trade);
    }

    @Override
    public void orderEvent(OrderEvent event) {
      add(event);
    }

    @Override
    public void bookDelta(BookDelta delta) {
      add(delta);
    }

    @Override
    public void bookSnapshot(BookSnapshot snapshot) {
      add(snapshot);
    }

    @Override
    public void instrument(Instrument instrument) {
      add(instrument);
    }

    @Override
    public void commandRejected(OrderCommand command, RejectReason reason, String detail) {
      crc.update((reason + " " + detail).getBytes(StandardCharsets.UTF_8));
      records++;
    }
  }
}
