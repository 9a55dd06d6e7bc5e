package dev.exchange.accounts.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.matching.core.CollectingOutput;
import dev.exchange.matching.core.FastOrderBook;
import dev.exchange.matching.core.InMemoryBookStorage;
import dev.exchange.matching.core.RestingOrder;
import dev.exchange.model.avro.AccountCommand;
import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.CancelAllOrders;
import dev.exchange.model.avro.InstrumentFilters;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.ListInstrument;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderCommand;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TimeInForce;
import dev.exchange.model.avro.Transfer;
import dev.exchange.model.avro.TransferKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random orders, cancels and transfers of three accounts through the accounts engine and the real
 * order book of matching-core (which charges the fees and honours pre-rejections and quote limits),
 * whose execution reports are settled back, some delivered twice. After every step the engine's
 * state equals a naive model of the rules ({@link ReferenceAccounts}) and, for every asset, Σ(free
 * + locked) + fees = deposits − withdrawals; the accounts hold funds for exactly the orders resting
 * in the book, and an account without an open order has nothing locked; each account's ledger is
 * gapless and its entries carry the balance after. At the end every trade is settled on both sides
 * exactly once and every hold released at most once.
 */
class ConservationPropertyTest {

  @Property(tries = 60)
  void moneyIsConservedAndHoldsFollowTheBook(@ForAll long seed) {
    new Market(seed).run(300);
  }

  /** Three accounts trading on one book, checked after every step. */
  private static final class Market {
    private static final List<String> ACCOUNTS = List.of("ann", "ben", "cat");
    private static final List<String> ASSETS = List.of("BTC", "USDT");

    private final AccountEngine engine = new AccountEngine();
    private final Map<String, InMemoryAccountStorage> states = new LinkedHashMap<>();
    private final Map<String, List<BalanceEvent>> ledgers = new HashMap<>();
    private final ReferenceAccounts reference = new ReferenceAccounts();

    /** Balances replayed from each account's ledger entries. */
    private final Map<String, Map<String, long[]>> replayed = new HashMap<>();

    /** Per asset: deposited, and what left the accounts (withdrawn or taken as fees). */
    private final Map<String, Long> deposited = new TreeMap<>();

    private final Map<String, Long> left = new TreeMap<>();
    private final FastOrderBook book =
        new FastOrderBook(new InMemoryBookStorage(), Accounts.SYMBOL, 1000);
    private final Random random;
    private final List<String> orderIds = new ArrayList<>();
    private final List<AccountCommand> transfers = new ArrayList<>();
    private int step;

    Market(long seed) {
      random = new Random(seed);
      ACCOUNTS.forEach(a -> states.put(a, new InMemoryAccountStorage()));
      InstrumentFilters filters = new InstrumentFilters(1L, 1L, 1L, 1_000_000L, 0L, 50, 0, 0, 0, 0);
      book.apply(
          new OrderCommand(
              "list",
              Accounts.SYMBOL,
              "admin",
              0L,
              0L,
              0L,
              new ListInstrument(
                  "BTC",
                  "USDT",
                  Accounts.PRICE_SCALE,
                  Accounts.QUANTITY_SCALE,
                  filters,
                  Accounts.BTC_SCALE,
                  Accounts.USDT_SCALE,
                  ReferenceAccounts.MAKER_BPS,
                  ReferenceAccounts.TAKER_BPS)),
          new CollectingOutput());
    }

    private void run(int steps) {
      for (step = 1; step <= steps; step++) {
        String account = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
        int action = random.nextInt(20);
        if (action < 3) {
          transfer(account, TransferKind.DEPOSIT);
        } else if (action < 4) {
          transfer(account, TransferKind.WITHDRAWAL);
        } else if (action < 5 && !transfers.isEmpty()) {
          transfer(transfers.get(random.nextInt(transfers.size())));
        } else if (action < 7 && !orderIds.isEmpty()) {
          order(account, new dev.exchange.model.avro.CancelOrder(randomOrderId(), null));
        } else if (action < 8) {
          order(account, new CancelAllOrders());
        } else {
          order(account, newOrder());
        }
        check();
      }
      for (String account : ACCOUNTS) {
        order(account, new CancelAllOrders());
      }
      check();
      states.forEach(
          (account, state) -> {
            assertThat(state.openOrders()).as(account).isEmpty();
            state.balances().values().forEach(b -> assertThat(b.locked).as(account).isZero());
          });
      assertEachTradeSettledOnBothSidesOnceAndEachHoldReleasedOnce();
    }

    private void assertEachTradeSettledOnBothSidesOnceAndEachHoldReleasedOnce() {
      Map<Long, List<BalanceEvent>> byTrade = new TreeMap<>();
      Map<String, Long> releases = new HashMap<>();
      ledgers.values().stream()
          .flatMap(List::stream)
          .forEach(
              e -> {
                if (e.getKind() == LedgerEntryKind.TRADE) {
                  byTrade.computeIfAbsent(e.getTradeId(), t -> new ArrayList<>()).add(e);
                } else if (e.getKind() == LedgerEntryKind.RELEASE) {
                  releases.merge(e.getAccount() + "/" + e.getOrderId(), 1L, Long::sum);
                }
              });
      byTrade.forEach(
          (tradeId, entries) -> {
            // Buyer pays USDT and receives BTC, seller the other way: four entries, two orders.
            assertThat(entries).as("trade %s", tradeId).hasSize(4);
            assertThat(entries.stream().map(BalanceEvent::getOrderId).distinct())
                .as("trade %s", tradeId)
                .hasSize(2);
          });
      assertThat(releases.values()).as("holds released once").allMatch(n -> n == 1);
    }

    private String randomOrderId() {
      return orderIds.get(random.nextInt(orderIds.size()));
    }

    private void transfer(String account, TransferKind kind) {
      String asset = ASSETS.get(random.nextInt(ASSETS.size()));
      long amount =
          asset.equals("BTC")
              ? 1 + random.nextInt(5_000_000)
              : 1 + random.nextLong(2_000_00000000L);
      AccountCommand command =
          Accounts.transfer(account, "t" + random.nextInt(40), kind, asset, amount);
      transfers.add(command);
      transfer(command);
    }

    private void transfer(AccountCommand command) {
      Transfer t = (Transfer) command.getPayload();
      reference.transfer(
          command.getAccount(), t.getTransferId(), t.getKind(), t.getAsset(), t.getAmount());
      apply(command);
    }

    private NewOrder newOrder() {
      String orderId = "o" + step;
      orderIds.add(orderId);
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      long quantity = 1 + random.nextInt(3_000);
      int kind = random.nextInt(10);
      if (kind == 0) {
        return Accounts.market(orderId, side, quantity);
      }
      if (kind == 1) {
        return Accounts.marketBuyByQuote(orderId, 1 + random.nextInt(2_000_000_000));
      }
      long price = 6_300_000 + 1_000L * random.nextInt(200);
      TimeInForce tif = List.of(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK).get(kind % 3);
      return Accounts.order(orderId, side, OrderType.LIMIT, tif, price, quantity, null);
    }

    private void order(String account, Object payload) {
      AccountCommand request = Accounts.request(account, payload);
      boolean affordable = !(payload instanceof NewOrder o) || reference.place(account, o);
      CollectingAccountOutput out = apply(request);
      for (OrderCommand forwarded : out.orders()) {
        if (forwarded.getPayload() instanceof NewOrder o) {
          assertThat(o.getRejectReason())
              .as("step %s: %s affordable: %s", step, o.getOrderId(), affordable)
              .isEqualTo(affordable ? null : "INSUFFICIENT_BALANCE");
        }
        forwarded.setTimestamp(step);
        CollectingOutput matched = new CollectingOutput();
        book.apply(forwarded, matched);
        for (OrderEvent report : matched.ofType(OrderEvent.class)) {
          AccountCommand settlement = Accounts.settle(report);
          int deliveries = random.nextInt(4) == 0 ? 2 : 1;
          for (int i = 0; i < deliveries; i++) {
            reference.report(report);
            apply(settlement);
          }
        }
      }
    }

    private CollectingAccountOutput apply(AccountCommand command) {
      CollectingAccountOutput out = new CollectingAccountOutput();
      engine.apply(command, states.get(command.getAccount()), out);
      List<BalanceEvent> ledger =
          ledgers.computeIfAbsent(command.getAccount(), a -> new ArrayList<>());
      for (BalanceEvent e : out.balances()) {
        ledger.add(e);
        assertThat(e.getSequence()).as("%s gapless", e.getAccount()).isEqualTo(ledger.size());
        long[] b =
            replayed
                .computeIfAbsent(e.getAccount(), a -> new HashMap<>())
                .computeIfAbsent(e.getAsset(), a -> new long[2]);
        b[0] += e.getFreeDelta();
        b[1] += e.getLockedDelta();
        assertThat(new long[] {e.getFree(), e.getLocked()}).containsExactly(b[0], b[1]);
        if (e.getKind() == LedgerEntryKind.DEPOSIT) {
          deposited.merge(e.getAsset(), e.getFreeDelta(), Long::sum);
        } else if (e.getKind() == LedgerEntryKind.WITHDRAWAL
            || e.getKind() == LedgerEntryKind.FEE) {
          left.merge(e.getAsset(), -e.getFreeDelta(), Long::sum);
        }
      }
      return out;
    }

    private void check() {
      reference.assertConserved(step);
      states.forEach((account, state) -> reference.assertSame(account, state, step));
      Map<String, Long> held = new TreeMap<>(left);
      states.forEach(
          (account, state) ->
              state
                  .balances()
                  .forEach((asset, b) -> held.merge(asset, b.free + b.locked, Long::sum)));
      for (String asset : ASSETS) {
        assertThat(held.getOrDefault(asset, 0L))
            .as("step %s, %s: Σ(free + locked) + fees + withdrawals = deposits", step, asset)
            .isEqualTo(deposited.getOrDefault(asset, 0L));
      }
      states.forEach(
          (account, state) -> {
            Set<String> resting =
                List.of(Side.BUY, Side.SELL).stream()
                    .flatMap(side -> book.restingOrders(side).stream())
                    .filter(o -> o.account().equals(account))
                    .map(RestingOrder::orderId)
                    .collect(Collectors.toSet());
            assertThat(state.openOrders().keySet())
                .as("step %s: %s holds for its resting orders", step, account)
                .isEqualTo(resting);
            if (resting.isEmpty()) {
              state.balances().values().forEach(b -> assertThat(b.locked).as(account).isZero());
            }
          });
    }
  }
}
