package dev.exchange.stack.verify;

import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.Trade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The accounts invariants checked on the committed {@code exchange.balances} of a whole run
 * (docs/accounts.md): repeats of an entry are byte-identical and dropped by (account, sequence);
 * each account's sequence is gapless from 1; every entry's balance after is the previous one plus
 * its deltas, never negative; and for every asset Σ (free + locked) + fees = deposits −
 * withdrawals. Each broken invariant is one line of {@link #problems()}.
 */
public final class LedgerCheck {

  /** Balances after the whole ledger, by account then asset: {free, locked}. */
  private final Map<String, Map<String, long[]>> balances = new TreeMap<>();

  /** The distinct entries by (account, sequence). */
  private final Map<String, TreeMap<Long, BalanceEvent>> entries = new TreeMap<>();

  private final List<String> problems = new ArrayList<>();

  private LedgerCheck() {}

  /** Checks every invariant over {@code ledger}; the balances it ends with are kept. */
  public static LedgerCheck of(List<BalanceEvent> ledger) {
    LedgerCheck check = new LedgerCheck();
    for (BalanceEvent e : ledger) {
      BalanceEvent first =
          check
              .entries
              .computeIfAbsent(e.getAccount(), a -> new TreeMap<>())
              .putIfAbsent(e.getSequence(), e);
      if (first != null && !first.equals(e)) {
        check.problems.add(
            "entry " + e.getSequence() + " of " + e.getAccount() + " repeated with other content");
      }
    }
    Map<String, Long> deposits = new TreeMap<>();
    Map<String, Long> withdrawals = new TreeMap<>();
    Map<String, Long> fees = new TreeMap<>();
    for (Map.Entry<String, TreeMap<Long, BalanceEvent>> account : check.entries.entrySet()) {
      long expected = 1;
      for (BalanceEvent e : account.getValue().values()) {
        if (e.getSequence() != expected) {
          check.problems.add(
              account.getKey()
                  + "'s ledger skips from "
                  + (expected - 1)
                  + " to "
                  + e.getSequence());
        }
        expected = e.getSequence() + 1;
        long[] balance =
            check
                .balances
                .computeIfAbsent(e.getAccount(), a -> new TreeMap<>())
                .computeIfAbsent(e.getAsset(), a -> new long[2]);
        balance[0] = Math.addExact(balance[0], e.getFreeDelta());
        balance[1] = Math.addExact(balance[1], e.getLockedDelta());
        String entry = "entry " + e.getSequence() + " of " + e.getAccount();
        if (e.getFree() != balance[0] || e.getLocked() != balance[1]) {
          check.problems.add(
              entry
                  + " says "
                  + e.getFree()
                  + "/"
                  + e.getLocked()
                  + " after it, its deltas give "
                  + Arrays.toString(balance));
        }
        if (balance[0] < 0 || balance[1] < 0) {
          check.problems.add(entry + " leaves a negative balance " + Arrays.toString(balance));
        }
        if (e.getRejectReason() != null && (e.getFreeDelta() != 0 || e.getLockedDelta() != 0)) {
          check.problems.add(entry + " is a rejection that moves money");
        }
        if (e.getKind() == LedgerEntryKind.DEPOSIT) {
          deposits.merge(e.getAsset(), e.getFreeDelta(), Math::addExact);
        } else if (e.getKind() == LedgerEntryKind.WITHDRAWAL) {
          withdrawals.merge(e.getAsset(), -e.getFreeDelta(), Math::addExact);
        } else if (e.getKind() == LedgerEntryKind.FEE) {
          fees.merge(e.getAsset(), -e.getFreeDelta(), Math::addExact);
        }
      }
    }
    Map<String, Long> held = new TreeMap<>();
    for (Map<String, long[]> account : check.balances.values()) {
      account.forEach((asset, b) -> held.merge(asset, b[0] + b[1], Math::addExact));
    }
    for (String asset : held.keySet()) {
      long inside = held.get(asset) + fees.getOrDefault(asset, 0L);
      long brought = deposits.getOrDefault(asset, 0L) - withdrawals.getOrDefault(asset, 0L);
      if (inside != brought) {
        check.problems.add(
            asset
                + " is not conserved: Σ(free + locked) + fees = "
                + inside
                + ", deposits − withdrawals = "
                + brought);
      }
    }
    return check;
  }

  /** The broken invariants, empty when the ledger is sound. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** {free, locked} of the account's asset after the whole ledger (zeros if never touched). */
  public long[] balance(String account, String asset) {
    return balances.getOrDefault(account, Map.of()).getOrDefault(asset, new long[2]).clone();
  }

  /** The account's distinct entries in sequence order. */
  public Collection<BalanceEvent> entries(String account) {
    return entries.getOrDefault(account, new TreeMap<>()).values();
  }

  /**
   * What is wrong with the settlement of {@code trades}: each must be settled once on each side
   * (the maker's and the taker's TRADE entries for it, one per asset and side), and what one side
   * paid of an asset the other received. Empty when every trade settled so.
   */
  public List<String> settlementProblems(Collection<Trade> trades) {
    Map<String, Map<String, Long>> net = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    for (TreeMap<Long, BalanceEvent> account : entries.values()) {
      for (BalanceEvent e : account.values()) {
        if (e.getKind() == LedgerEntryKind.TRADE) {
          String trade = e.getSymbol() + "#" + e.getTradeId();
          net.computeIfAbsent(trade, t -> new TreeMap<>())
              .merge(e.getAsset(), e.getFreeDelta() + e.getLockedDelta(), Math::addExact);
          count.merge(trade, 1, Integer::sum);
        }
      }
    }
    List<String> found = new ArrayList<>();
    for (Trade t : trades) {
      String trade = t.getSymbol() + "#" + t.getTradeId();
      int entries = count.getOrDefault(trade, 0);
      if (entries != 4) {
        found.add(trade + " has " + entries + " TRADE entries, not 4 (two assets per side)");
      } else if (!net.get(trade).values().stream().allMatch(sum -> sum == 0)) {
        found.add(trade + " creates or destroys money: " + net.get(trade));
      }
    }
    return found;
  }
}
