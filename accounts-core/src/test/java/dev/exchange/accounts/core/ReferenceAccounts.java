package dev.exchange.accounts.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.model.avro.ExecutionType;
import dev.exchange.model.avro.NewOrder;
import dev.exchange.model.avro.OrderEvent;
import dev.exchange.model.avro.OrderType;
import dev.exchange.model.avro.Side;
import dev.exchange.model.avro.TransferKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The accounts rules of docs/accounts.md written the naive way, to check {@link AccountEngine}
 * against: decimal amounts ({@link BigDecimal}, no scales, no overflow), one map of balances for
 * all accounts, fees recomputed from the instrument's basis points rather than taken on trust from
 * the matcher. It shares no code with the engine; where both agree after every step of a random
 * run, the engine does what the rules say.
 *
 * <p>On BTCUSDT as {@link Accounts} lists it: prices in hundredths, quantities in 10^-5 BTC,
 * notionals in 10^-7 USDT; maker 5 bps, taker 10 bps, charged in the asset received and rounded up
 * to 10^-8.
 */
final class ReferenceAccounts {

  static final int MAKER_BPS = 5;
  static final int TAKER_BPS = 10;
  private static final int ASSET_DIGITS = 8;
  private static final int NOTIONAL_DIGITS = Accounts.PRICE_SCALE + Accounts.QUANTITY_SCALE;

  /** account → asset → {free, locked}. */
  private final Map<String, Map<String, BigDecimal[]>> balances = new TreeMap<>();

  /** account + orderId → hold left. */
  private final Map<String, BigDecimal> holds = new HashMap<>();

  private final Map<String, Boolean> buys = new HashMap<>();
  private final Set<String> transferIds = new HashSet<>();
  private final Set<String> reports = new HashSet<>();
  private final Map<String, BigDecimal> deposited = new TreeMap<>();
  private final Map<String, BigDecimal> withdrawn = new TreeMap<>();
  private final Map<String, BigDecimal> fees = new TreeMap<>();

  /** A deposit or withdrawal of {@code units} at the asset's scale; the first of an id counts. */
  void transfer(String account, String transferId, TransferKind kind, String asset, long units) {
    if (!transferIds.add(account + "/" + transferId)) {
      return;
    }
    BigDecimal amount = BigDecimal.valueOf(units, ASSET_DIGITS);
    BigDecimal[] b = balance(account, asset);
    if (kind == TransferKind.DEPOSIT) {
      b[0] = b[0].add(amount);
      deposited.merge(asset, amount, BigDecimal::add);
    } else if (amount.compareTo(b[0]) <= 0) {
      b[0] = b[0].subtract(amount);
      withdrawn.merge(asset, amount, BigDecimal::add);
    }
  }

  /**
   * Holds for a new order; false when the account cannot pay (the engine must then forward it
   * pre-rejected). A market buy by quantity holds all free quote the notional's digits can say.
   */
  boolean place(String account, NewOrder order) {
    boolean buy = order.getSide() == Side.BUY;
    BigDecimal[] b = balance(account, buy ? "USDT" : "BTC");
    BigDecimal hold;
    if (!buy) {
      hold = BigDecimal.valueOf(order.getQuantity(), Accounts.QUANTITY_SCALE);
    } else if (order.getOrderType() != OrderType.MARKET) {
      hold =
          BigDecimal.valueOf(order.getPrice(), Accounts.PRICE_SCALE)
              .multiply(BigDecimal.valueOf(order.getQuantity(), Accounts.QUANTITY_SCALE));
    } else if (order.getQuoteQuantity() != null) {
      hold = BigDecimal.valueOf(order.getQuoteQuantity(), NOTIONAL_DIGITS);
    } else {
      hold = b[0].setScale(NOTIONAL_DIGITS, RoundingMode.DOWN);
      if (hold.signum() == 0) {
        return false;
      }
    }
    if (hold.compareTo(b[0]) > 0) {
      return false;
    }
    b[0] = b[0].subtract(hold);
    b[1] = b[1].add(hold);
    String key = account + "/" + order.getOrderId();
    holds.put(key, hold);
    buys.put(key, buy);
    return true;
  }

  /** Applies one execution report (once, by symbol and sequence) to its account. */
  void report(OrderEvent r) {
    if (!reports.add(r.getAccount() + "/" + r.getSymbol() + "/" + r.getSequence())) {
      return;
    }
    String key = r.getAccount() + "/" + r.getOrderId();
    BigDecimal left = holds.get(key);
    if (left == null) {
      return;
    }
    boolean buy = buys.get(key);
    String heldAsset = buy ? "USDT" : "BTC";
    if (r.getExecutionType() == ExecutionType.TRADE) {
      BigDecimal base = BigDecimal.valueOf(r.getLastQuantity(), Accounts.QUANTITY_SCALE);
      BigDecimal quote = BigDecimal.valueOf(r.getLastQuote(), NOTIONAL_DIGITS);
      BigDecimal paid = buy ? quote : base;
      BigDecimal received = buy ? base : quote;
      String receivedAsset = buy ? "BTC" : "USDT";
      BigDecimal fee =
          received
              .multiply(BigDecimal.valueOf(r.getMaker() ? MAKER_BPS : TAKER_BPS))
              .divide(BigDecimal.valueOf(10_000))
              .setScale(ASSET_DIGITS, RoundingMode.UP);
      assertThat(BigDecimal.valueOf(r.getCommission(), r.getCommissionScale()))
          .as("commission of trade %s, order %s", r.getTradeId(), r.getOrderId())
          .isEqualByComparingTo(fee);
      assertThat(r.getCommissionAsset()).isEqualTo(receivedAsset);
      left = left.subtract(paid);
      assertThat(left.signum()).as("order %s pays no more than it holds", key).isNotNegative();
      BigDecimal[] held = balance(r.getAccount(), heldAsset);
      held[1] = held[1].subtract(paid);
      BigDecimal[] got = balance(r.getAccount(), receivedAsset);
      got[0] = got[0].add(received).subtract(fee);
      fees.merge(receivedAsset, fee, BigDecimal::add);
    }
    if (isFinal(r)) {
      holds.remove(key);
      BigDecimal[] held = balance(r.getAccount(), heldAsset);
      held[0] = held[0].add(left);
      held[1] = held[1].subtract(left);
    } else {
      holds.put(key, left);
    }
  }

  private static boolean isFinal(OrderEvent r) {
    return switch (r.getStatus()) {
      case FILLED, CANCELED, EXPIRED, EXPIRED_IN_MATCH, REJECTED -> true;
      case NEW, PARTIALLY_FILLED -> false;
    };
  }

  private BigDecimal[] balance(String account, String asset) {
    return balances
        .computeIfAbsent(account, a -> new TreeMap<>())
        .computeIfAbsent(asset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
  }

  /**
   * Checks the engine's state of {@code account} against the model: the same free and locked of
   * every asset, the same open orders, and nothing negative.
   */
  void assertSame(String account, InMemoryAccountStorage engine, Object step) {
    Map<String, BigDecimal[]> mine = balances.getOrDefault(account, Map.of());
    for (String asset : union(mine.keySet(), engine.balances().keySet())) {
      BigDecimal[] want =
          mine.getOrDefault(asset, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      Balance got = engine.balances().get(asset);
      BigDecimal free = got == null ? BigDecimal.ZERO : BigDecimal.valueOf(got.free, got.scale);
      BigDecimal locked = got == null ? BigDecimal.ZERO : BigDecimal.valueOf(got.locked, got.scale);
      assertThat(free)
          .as("step %s: %s free %s", step, account, asset)
          .isEqualByComparingTo(want[0]);
      assertThat(locked)
          .as("step %s: %s locked %s", step, account, asset)
          .isEqualByComparingTo(want[1]);
      assertThat(want[0].signum()).as("free never negative").isNotNegative();
      assertThat(want[1].signum()).as("locked never negative").isNotNegative();
    }
    Set<String> open = new HashSet<>();
    holds.keySet().stream()
        .filter(k -> k.startsWith(account + "/"))
        .forEach(k -> open.add(k.substring(account.length() + 1)));
    assertThat(engine.openOrders().keySet())
        .as("step %s: %s open orders", step, account)
        .isEqualTo(open);
  }

  /** For every asset: Σ(free + locked) + fees + withdrawals = deposits, in the model itself. */
  void assertConserved(Object step) {
    for (String asset : deposited.keySet()) {
      BigDecimal held = BigDecimal.ZERO;
      for (Map<String, BigDecimal[]> account : balances.values()) {
        BigDecimal[] b = account.get(asset);
        if (b != null) {
          held = held.add(b[0]).add(b[1]);
        }
      }
      assertThat(
              held.add(fees.getOrDefault(asset, BigDecimal.ZERO))
                  .add(withdrawn.getOrDefault(asset, BigDecimal.ZERO)))
          .as("step %s: %s conserved", step, asset)
          .isEqualByComparingTo(deposited.get(asset));
    }
  }

  /** Fees collected per asset. */
  Map<String, BigDecimal> fees() {
    return fees;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
