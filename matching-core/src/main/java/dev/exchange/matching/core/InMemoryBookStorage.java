package dev.exchange.matching.core;

import dev.exchange.model.avro.Side;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * {@link BookStorage} in memory, copy-free: it holds and returns the live objects (see the contract
 * in {@link BookStorage}). Per side a {@link BookSide}: price levels by priority key, each a FIFO
 * of its open orders with their running total, plus the levels the current command touched (for the
 * L2 delta). The indexes by orderId and by account ({@link AccountOrders}) point at the same
 * objects. A lookup allocates at most a boxed price key; reads copy nothing.
 */
public final class InMemoryBookStorage implements BookStorage {

  private EngineState state;
  private final BookSide bids = new BookSide(Side.BUY);
  private final BookSide asks = new BookSide(Side.SELL);
  private final Map<String, OrderState> byId = new HashMap<>();
  private final Map<String, AccountOrders> accounts = new HashMap<>();

  /** One price level: its open orders in arrival order and their total leaves. */
  private static final class BookLevel {
    final long price;
    final ArrayDeque<OrderState> orders = new ArrayDeque<>(4);
    long total;

    /** Total before the current command's first change; valid while {@code touched}. */
    long before;

    boolean touched;

    BookLevel(long price) {
      this.price = price;
    }
  }

  /** One side: levels in priority order, the best one at hand, the levels touched since drained. */
  private static final class BookSide {
    final Side side;
    final TreeMap<Long, BookLevel> levels = new TreeMap<>();
    final List<BookLevel> touched = new ArrayList<>();
    BookLevel best;

    BookSide(Side side) {
      this.side = side;
    }

    BookLevel level(long price) {
      return best != null && best.price == price
          ? best
          : levels.get(BookStorage.priceKey(side, price));
    }

    BookLevel levelOrNew(long price) {
      BookLevel level = level(price);
      if (level == null) {
        level = emptiedInThisCommand(price);
        if (level == null) {
          level = new BookLevel(price);
        }
        long key = BookStorage.priceKey(side, price);
        levels.put(key, level);
        if (best == null || key < BookStorage.priceKey(side, best.price)) {
          best = level;
        }
      }
      return level;
    }

    /** A level emptied since the last drain is reused, so that a price is reported once. */
    private BookLevel emptiedInThisCommand(long price) {
      for (int i = 0; i < touched.size(); i++) {
        if (touched.get(i).price == price) {
          return touched.get(i);
        }
      }
      return null;
    }

    void change(BookLevel level, long delta) {
      if (!level.touched) {
        level.touched = true;
        level.before = level.total;
        touched.add(level);
      }
      level.total += delta;
    }

    void dropIfEmpty(BookLevel level) {
      if (!level.orders.isEmpty()) {
        return;
      }
      levels.remove(BookStorage.priceKey(side, level.price));
      if (level == best) {
        Map.Entry<Long, BookLevel> first = levels.firstEntry();
        best = first == null ? null : first.getValue();
      }
    }
  }

  /** An account's open orders on the symbol: how many, and their ids by client order id. */
  private static final class AccountOrders {
    final Map<String, String> byClientOrderId = new HashMap<>(4);
  }

  private BookSide side(Side side) {
    return side == Side.BUY ? bids : asks;
  }

  @Override
  public EngineState loadState() {
    return state;
  }

  @Override
  public void saveState(EngineState s) {
    state = s;
  }

  @Override
  public Iterator<OrderState> restingInPriority(Side side) {
    Iterator<BookLevel> levels = side(side).levels.values().iterator();
    return new Iterator<>() {
      private Iterator<OrderState> orders = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!orders.hasNext() && levels.hasNext()) {
          orders = levels.next().orders.iterator();
        }
        return orders.hasNext();
      }

      @Override
      public OrderState next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return orders.next();
      }
    };
  }

  @Override
  public OrderState best(Side side) {
    BookLevel best = side(side).best;
    return best == null ? null : best.orders.peekFirst();
  }

  @Override
  public OrderState resting(String orderId) {
    return byId.get(orderId);
  }

  @Override
  public void addResting(OrderState order) {
    BookSide side = side(order.side);
    BookLevel level = side.levelOrNew(order.price);
    level.orders.addLast(order);
    side.change(level, order.leaves);
    byId.put(order.orderId, order);
    accounts
        .computeIfAbsent(order.account, a -> new AccountOrders())
        .byClientOrderId
        .put(order.clientOrderId, order.orderId);
  }

  @Override
  public void filled(OrderState order, long quantity) {
    BookSide side = side(order.side);
    side.change(side.level(order.price), -quantity);
  }

  @Override
  public void removeResting(OrderState order) {
    BookSide side = side(order.side);
    BookLevel level = side.level(order.price);
    if (level.orders.peekFirst() == order) {
      level.orders.pollFirst();
    } else {
      level.orders.removeFirstOccurrence(order);
    }
    side.change(level, -order.leaves);
    side.dropIfEmpty(level);
    byId.remove(order.orderId);
    AccountOrders account = accounts.get(order.account);
    account.byClientOrderId.remove(order.clientOrderId);
    if (account.byClientOrderId.isEmpty()) {
      accounts.remove(order.account);
    }
  }

  @Override
  public String clientOrder(String account, String clientOrderId) {
    AccountOrders orders = accounts.get(account);
    return orders == null ? null : orders.byClientOrderId.get(clientOrderId);
  }

  @Override
  public int openOrders(String account) {
    AccountOrders orders = accounts.get(account);
    return orders == null ? 0 : orders.byClientOrderId.size();
  }

  @Override
  public long level(Side side, long price) {
    BookLevel level = side(side).level(price);
    return level == null ? 0 : level.total;
  }

  @Override
  public Iterator<OrderBook.Level> levelsInPriority(Side side) {
    Iterator<BookLevel> it = side(side).levels.values().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public OrderBook.Level next() {
        BookLevel level = it.next();
        return new OrderBook.Level(level.price, level.total);
      }
    };
  }

  @Override
  public void drainChangedLevels(Side side, LevelChange sink) {
    List<BookLevel> touched = side(side).touched;
    for (int i = 0; i < touched.size(); i++) {
      BookLevel level = touched.get(i);
      level.touched = false;
      sink.changed(level.price, level.before, level.total);
    }
    touched.clear();
  }
}
