import type { ReactNode } from 'react';
import { compare } from '../lib/decimal';
import { formatPercent, formatPrice, formatQuantity } from '../lib/format';
import type { FrameSignal } from '../lib/frame-signal';
import type { Instrument } from '../lib/api-types';
import type { Tickers } from '../lib/tickers';
import { useFrameVersion } from '../hooks/use-frame-version';

interface Props {
  instrument: Instrument | null;
  tickers: Tickers;
  signal: FrameSignal;
  children?: ReactNode;
}

/** Brand, the selected pair's 24h statistics, and (as children) connection state and sign-in. */
export function TopBar({ instrument, tickers, signal, children }: Props) {
  useFrameVersion(signal);
  const t = instrument ? tickers.get(instrument.symbol) : undefined;
  const direction = t ? compare(t.priceChange, '0') : 0;
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark">◆</span> Exchange
      </div>
      {instrument && (
        <div className="pair-stats" data-testid="pair-stats">
          <div className="pair-name">
            {instrument.baseAsset}
            <span className="muted">/{instrument.quoteAsset}</span>
            {instrument.status !== 'TRADING' && <span className="badge badge-halted">{instrument.status.toLowerCase()}</span>}
          </div>
          <div className={`stat stat-last ${direction > 0 ? 'up' : direction < 0 ? 'down' : ''}`}>
            {formatPrice(t?.lastPrice, instrument)}
          </div>
          <Stat label="24h change" className={direction > 0 ? 'up' : direction < 0 ? 'down' : ''}>
            {t ? `${formatPrice(t.priceChange, instrument, { signed: true })} ${formatPercent(t.priceChangePercent)}` : '—'}
          </Stat>
          <Stat label="24h high">{formatPrice(t?.highPrice, instrument)}</Stat>
          <Stat label="24h low">{formatPrice(t?.lowPrice, instrument)}</Stat>
          <Stat label={`24h volume (${instrument.baseAsset})`}>{formatQuantity(t?.volume, instrument)}</Stat>
        </div>
      )}
      <div className="top-bar-right">{children}</div>
    </header>
  );
}

function Stat({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className={`stat-value ${className ?? ''}`}>{children}</div>
    </div>
  );
}
