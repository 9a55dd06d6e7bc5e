package dev.exchange.history.accounts;

import dev.exchange.history.rows.BalanceRow;
import dev.exchange.history.rows.FeeRow;
import dev.exchange.history.rows.LedgerRow;
import dev.exchange.history.tiers.HotStore;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * An account's balances and ledger, and the fee ledger, from the hot tier's {@code balances},
 * {@code ledger} and {@code fee_ledger} (written by the history job from {@code exchange.balances};
 * the ledger is never trimmed by retention, so the hot tier alone answers).
 */
@Service
public class AccountService {

  private final HotStore hot;

  public AccountService(HotStore hot) {
    this.hot = hot;
  }

  /** The account's balance of every asset it ever touched, by asset. */
  public List<BalanceRow> balances(String account) {
    return hot.balances(account);
  }

  /**
   * One page of the account's ledger entries, newest (highest sequence) first.
   *
   * @param asset only this asset, or all when null
   */
  public LedgerPage ledger(String account, String asset, LedgerCursor after, int limit) {
    List<LedgerRow> rows =
        hot.ledger(account, asset, after == null ? Long.MAX_VALUE : after.sequence(), limit + 1);
    boolean more = rows.size() > limit;
    List<LedgerRow> items = more ? rows.subList(0, limit) : rows;
    LedgerCursor next = more ? new LedgerCursor(items.get(items.size() - 1).sequence()) : null;
    return new LedgerPage(List.copyOf(items), next);
  }

  /** The fees collected per asset. */
  public List<FeeRow> fees() {
    return hot.fees();
  }

  /** A page of ledger entries and the cursor of the next one (null on the last page). */
  public record LedgerPage(List<LedgerRow> items, LedgerCursor next) {}
}
