package dev.exchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exchange.model.avro.BalanceEvent;
import dev.exchange.model.avro.LedgerEntryKind;
import dev.exchange.model.avro.Trade;
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
 * withdrawals.
 */
final class LedgerCheck {

  /** Balances after the whole ledger, by account then asset: {free, locked}. */
  private final Map<String, Map<String, long[]>> balances = new TreeMap<>();

  /** The distinct entries by (account, sequence). */
  private final Map<String, TreeMap<Long, BalanceEvent>> entries = new TreeMap<>();

  private LedgerCheck() {}

  /** Checks every invariant over {@code ledger} and returns the balances it ends with. */
  static LedgerCheck of(List<BalanceEvent> ledger) {
    LedgerCheck check = new LedgerCheck();
    for (BalanceEvent e : ledger) {
      BalanceEvent first =
          check
              .entries
              .computeIfAbsent(e.getAccount(), a -> new TreeMap<>())
              .putIfAbsent(e.getSequence(), e);
      if (first != null) {
        assertThat(e).as("a repeated ledger entry is identical to the first").isEqualTo(first);
      }
    }
    Map<String, Long> deposits = new TreeMap<>();
    Map<String, Long> withdrawals = new TreeMap<>();
    Map<String, Long> fees = new TreeMap<>();
    for (Map.Entry<String, TreeMap<Long, BalanceEvent>> account : check.entries.entrySet()) {
      long expected = 1;
      for (BalanceEvent e : account.getValue().values()) {
        assertThat(e.getSequence())
            .as("%s's ledger sequence is gapless from 1", account.getKey())
            .isEqualTo(expected++);
        long[] balance =
            check
                .balances
                .computeIfAbsent(e.getAccount(), a -> new TreeMap<>())
                .computeIfAbsent(e.getAsset(), a -> new long[2]);
        balance[0] = Math.addExact(balance[0], e.getFreeDelta());
        balance[1] = Math.addExact(balance[1], e.getLockedDelta());
        assertThat(new long[] {e.getFree(), e.getLocked()})
            .as("balance after entry %s of %s", e.getSequence(), e.getAccount())
            .containsExactly(balance[0], balance[1]);
        assertThat(balance[0]).as("free never negative").isNotNegative();
        assertThat(balance[1]).as("locked never negative").isNotNegative();
        if (e.getRejectReason() != null) {
          assertThat(e.getFreeDelta()).isZero();
          assertThat(e.getLockedDelta()).isZero();
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
      assertThat(held.get(asset) + fees.getOrDefault(asset, 0L))
          .as("%s: Σ(free + locked) + fees = deposits − withdrawals", asset)
          .isEqualTo(deposits.getOrDefault(asset, 0L) - withdrawals.getOrDefault(asset, 0L));
    }
    return check;
  }

  /** {free, locked} of the account's asset after the whole ledger (zeros if never touched). */
  long[] balance(String account, String asset) {
    return balances.getOrDefault(account, Map.of()).getOrDefault(asset, new long[2]).clone();
  }

  /** The account's distinct entries in sequence order. */
  Collection<BalanceEvent> entries(String account) {
    return entries.getOrDefault(account, new TreeMap<>()).values();
  }

  /**
   * Every trade settled once on each side: the maker's and the taker's TRADE entries for it (one
   * per asset and side), and what one side paid of an asset the other received.
   */
  void assertSettled(Collection<Trade> trades) {
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
    for (Trade t : trades) {
      String trade = t.getSymbol() + "#" + t.getTradeId();
      assertThat(count.get(trade))
          .as("%s settled once on each side: two assets per side", trade)
          .isEqualTo(4);
      assertThat(net.get(trade).values())
          .as("%s moves money between its accounts, creates none", trade)
          .allMatch(sum -> sum == 0);
    }
  }
}
