import type { ConnectionState } from '../lib/reconnecting-socket';

const LABEL: Record<ConnectionState, string> = {
  idle: 'idle',
  connecting: 'connecting',
  open: 'live',
  reconnecting: 'reconnecting',
  closed: 'closed',
};

function Indicator({ name, state }: { name: string; state: ConnectionState }) {
  return (
    <span className={`conn conn-${state}`} title={`${name} stream: ${LABEL[state]}`} data-testid={`conn-${name}`}>
      <span className="conn-dot" />
      {name} {LABEL[state]}
    </span>
  );
}

export function ConnectionStatus({ market, account }: { market: ConnectionState; account: ConnectionState | null }) {
  return (
    <div className="conn-group">
      <Indicator name="market" state={market} />
      {account && <Indicator name="account" state={account} />}
    </div>
  );
}
