import type { AccountState } from '../hooks/use-account';
import { useFrameVersion } from '../hooks/use-frame-version';
import { formatAmount } from '../lib/format';

interface Props {
  state: AccountState;
}

/** The signed-in account's balances (free, locked), as loaded after sign-in and kept current by the private stream. */
export function BalancesPanel({ state }: Props) {
  useFrameVersion(state.balanceSignal);
  const rows = state.balances.list();
  return (
    <section className="panel balances" aria-label="Balances">
      <div className="panel-head">
        <span className="panel-title">Balances</span>
      </div>
      <div className="table-head balance-row">
        <span>Asset</span>
        <span className="num">Free</span>
        <span className="num">Locked</span>
      </div>
      <div data-testid="balances">
        {state.balanceError && <div className="form-error">{state.balanceError}</div>}
        {!state.balanceError && rows.length === 0 && (
          <div className="empty">{state.balances.loaded ? 'No balances' : 'Loading balances…'}</div>
        )}
        {rows.map((b) => (
          <div key={b.asset} className="balance-row" data-testid="balance-row" data-asset={b.asset} data-free={b.free} data-locked={b.locked}>
            <span>{b.asset}</span>
            <span className="num">{formatAmount(b.free)}</span>
            <span className="num muted">{formatAmount(b.locked)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}
