package dev.exchange.matching.core;

import static dev.exchange.matching.core.Commands.START;
import static dev.exchange.matching.core.Commands.filters;
import static dev.exchange.matching.core.Commands.order;
import static dev.exchange.matching.core.Commands.withBand;

import dev.exchange.model.RejectReason;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.SelfTradePrevention;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random command sequences for property tests. The generator produces abstract steps ({@link Op})
 * that shrink well (smaller numbers, fewer steps); {@link #commands} turns them into commands
 * deterministically. Prices sit within six ticks of a mid so that orders cross often; four accounts
 * and twelve client order ids make self-trades, duplicates and open-order limits common.
 */
final class CommandSequences {

  static final long MID = 100_000;
  static final long TICK = 5;
  static final long STEP = 10;
  static final int CLIENT_IDS = 12;

  private CommandSequences() {}

  /**
   * The filters at listing: tick 0.05, step 0.001, 0.001..0.03 BTC, 1.00 USDT, 3 orders, and a
   * price band so narrow (a buy within 0.02% of the last price, a sell within 0.01%) that prices up
   * to six ticks from the mid fall on and beyond its bounds as the last price moves.
   */
  static InstrumentFilters listed() {
    return withBand(
        filters(TICK, STEP, STEP, 30 * STEP, 1_000_000, 3), 10_002, 9_998, 10_001, 9_999);
  }

  /**
   * What UPDATE may switch to: the listing filters, a lower limit and a band changed on the bid
   * side only, a coarser tick with no multiplier given (an UPDATE keeps the band; a LIST has none),
   * a coarser step with a wider band.
   */
  static InstrumentFilters updated(int variant) {
    return switch (variant) {
      case 1 -> withBand(filters(TICK, STEP, STEP, 30 * STEP, 1_000_000, 2), 10_001, 9_999, 0, 0);
      case 2 -> filters(2 * TICK, STEP, STEP, 30 * STEP, 1_000_000, 3);
      case 3 ->
          withBand(
              filters(TICK, 2 * STEP, 2 * STEP, 30 * STEP, 3_000_000, 3),
              10_006,
              9_994,
              10_006,
              9_994);
      default -> listed();
    };
  }

  enum Kind {
    GTC,
    IOC,
    FOK,
    MAKER,
    MARKET,
    MARKET_QUOTE
  }

  enum AdminKind {
    HALT,
    RESUME,
    UPDATE,
    DELIST,
    LIST
  }

  sealed interface Op permits Place, Cancel, CancelAll, Admin {}

  /**
   * A new order. {@code ticks} is the distance from the mid; {@code variant} mostly 0, and rarely
   * an off-tick price or a market sell by quote (1), a finer but exact price scale (2), an inexact
   * one (3), an orderId reused from an earlier step (4), an older timestamp (5), a rejectReason set
   * by the accounts job (6) or a quoteLimit (7). A market order by quote is otherwise a buy.
   */
  record Place(
      int account,
      Side side,
      Kind kind,
      int ticks,
      int steps,
      SelfTradePrevention stp,
      int clientId,
      int variant)
      implements Op {}

  /** Mode 0: an earlier step's orderId; 1: a clientOrderId; 2: an unknown orderId; 3: neither. */
  record Cancel(int account, int mode, int ref) implements Op {}

  record CancelAll(int account) implements Op {}

  record Admin(AdminKind kind, int variant) implements Op {}

  static Arbitrary<List<Op>> sequences(int maxSize) {
    return op().list().ofMinSize(1).ofMaxSize(maxSize);
  }

  @SuppressWarnings("unchecked")
  static Arbitrary<Op> op() {
    Arbitrary<Integer> account = Arbitraries.integers().between(0, 3);
    Arbitrary<Kind> kind =
        Arbitraries.frequency(
            Tuple.of(14, Kind.GTC),
            Tuple.of(3, Kind.IOC),
            Tuple.of(2, Kind.FOK),
            Tuple.of(2, Kind.MAKER),
            Tuple.of(2, Kind.MARKET),
            Tuple.of(2, Kind.MARKET_QUOTE));
    Arbitrary<SelfTradePrevention> stp =
        Arbitraries.frequency(
            Tuple.of(4, SelfTradePrevention.NONE),
            Tuple.of(1, SelfTradePrevention.EXPIRE_TAKER),
            Tuple.of(1, SelfTradePrevention.EXPIRE_MAKER),
            Tuple.of(1, SelfTradePrevention.EXPIRE_BOTH));
    Arbitrary<Integer> variant =
        Arbitraries.frequency(
            Tuple.of(40, 0),
            Tuple.of(1, 1),
            Tuple.of(1, 2),
            Tuple.of(1, 3),
            Tuple.of(2, 4),
            Tuple.of(2, 5),
            Tuple.of(1, 6),
            Tuple.of(3, 7));
    Arbitrary<Op> place =
        Combinators.combine(
                account,
                Arbitraries.of(Side.class),
                kind,
                Arbitraries.integers().between(-6, 6),
                Arbitraries.integers().between(1, 31),
                stp,
                Arbitraries.integers().between(0, CLIENT_IDS - 1),
                variant)
            .as(Place::new);
    Arbitrary<Op> cancel =
        Combinators.combine(
                account,
                Arbitraries.frequency(
                    Tuple.of(12, 0), Tuple.of(5, 1), Tuple.of(2, 2), Tuple.of(1, 3)),
                Arbitraries.integers().between(0, 1_000))
            .as(Cancel::new);
    Arbitrary<Op> cancelAll = account.map(CancelAll::new);
    Arbitrary<Op> admin =
        Combinators.combine(
                Arbitraries.frequency(
                    Tuple.of(1, AdminKind.HALT),
                    Tuple.of(4, AdminKind.RESUME),
                    Tuple.of(3, AdminKind.UPDATE),
                    Tuple.of(1, AdminKind.DELIST),
                    Tuple.of(3, AdminKind.LIST)),
                Arbitraries.integers().between(0, 3))
            .as(Admin::new);
    return Arbitraries.frequencyOf(
        Tuple.of(75, place), Tuple.of(12, cancel), Tuple.of(3, cancelAll), Tuple.of(3, admin));
  }

  /** The commands of a sequence: a LIST first, then one command per step. */
  static List<OrderCommand> commands(List<Op> ops) {
    Commands cmd = new Commands();
    List<OrderCommand> out = new ArrayList<>();
    out.add(cmd.listWithFees(listed(), 8, 8, 7, 13));
    for (int i = 0; i < ops.size(); i++) {
      long timestamp = START + 10L * (i + 1);
      Op op = ops.get(i);
      if (op instanceof Place p && p.variant() == 5) {
        timestamp -= 35;
      }
      cmd.at(timestamp);
      out.add(command(cmd, i, op));
    }
    return out;
  }

  private static String account(int index) {
    return "a" + index;
  }

  private static OrderCommand command(Commands cmd, int index, Op op) {
    if (op instanceof Place p) {
      return cmd.newOrder(account(p.account()), newOrder(index, p));
    }
    if (op instanceof Cancel c) {
      return switch (c.mode()) {
        case 0 -> cmd.cancel(account(c.account()), "o" + (c.ref() % Math.max(index, 1)));
        case 1 -> cmd.cancelByClientId(account(c.account()), "c" + (c.ref() % CLIENT_IDS));
        case 2 -> cmd.cancel(account(c.account()), "unknown" + c.ref());
        default -> cmd.cancelNothing(account(c.account()));
      };
    }
    if (op instanceof CancelAll c) {
      return cmd.cancelAll(account(c.account()));
    }
    Admin a = (Admin) op;
    return switch (a.kind()) {
      case HALT -> cmd.halt();
      case RESUME -> cmd.resume();
      case UPDATE -> cmd.update(updated(a.variant()));
      case DELIST -> cmd.delist();
      case LIST -> cmd.list(updated(a.variant()));
    };
  }

  private static NewOrder.Builder newOrder(int index, Place p) {
    String orderId = p.variant() == 4 ? "o" + (p.clientId() * 7 % Math.max(index, 1)) : "o" + index;
    long price = MID + p.ticks() * TICK + (p.variant() == 1 ? 1 : 0);
    long quantity = p.steps() * STEP;
    NewOrder.Builder b =
        switch (p.kind()) {
          case GTC, IOC, FOK ->
              order(orderId, p.side(), OrderType.LIMIT, TimeInForce.valueOf(p.kind().name()))
                  .setPrice(price)
                  .setQuantity(quantity);
          case MAKER ->
              order(orderId, p.side(), OrderType.LIMIT_MAKER, TimeInForce.GTC)
                  .setPrice(price)
                  .setQuantity(quantity);
          case MARKET ->
              order(orderId, p.side(), OrderType.MARKET, TimeInForce.IOC).setQuantity(quantity);
          case MARKET_QUOTE ->
              order(
                      orderId,
                      p.variant() == 1 ? p.side() : Side.BUY,
                      OrderType.MARKET,
                      TimeInForce.IOC)
                  .setQuoteQuantity(p.steps() * 1_000_000L + p.clientId() * 37_000L);
        };
    b.setClientOrderId("c" + p.clientId()).setSelfTradePrevention(p.stp());
    if (b.getPrice() != null && (p.variant() == 2 || p.variant() == 3)) {
      b.setPrice(b.getPrice() * 10 + (p.variant() == 3 ? 1 : 0))
          .setPriceScale(Commands.PRICE_SCALE + 1);
    }
    if (p.variant() == 6) {
      b.setRejectReason(RejectReason.INSUFFICIENT_BALANCE.name());
    }
    if (p.variant() == 7) {
      b.setQuoteLimit(p.steps() * 700_000L + p.clientId() * 37_000L);
    }
    return b;
  }
}
