import { useState } from 'react';
import { compare, formatCompact } from '../lib/decimal';
import { formatPercent, formatPrice } from '../lib/format';
import type { FrameSignal } from '../lib/frame-signal';
import type { Instrument } from '../lib/api-types';
import type { Tickers } from '../lib/tickers';
import { useFrameVersion } from '../hooks/use-frame-version';

interface Props {
  instruments: Instrument[];
  added: ReadonlySet<string>;
  tickers: Tickers;
  signal: FrameSignal;
  selected: string | null;
  onSelect(symbol: string): void;
  error: string | null;
}

const STATUS_ORDER = { TRADING: 0, HALTED: 1, DELISTED: 2 } as const;

/** Every instrument with last price, 24h change and quote volume; halted and delisted pairs are marked. */
export function MarketsBoard({ instruments, added, tickers, signal, selected, onSelect, error }: Props) {
  useFrameVersion(signal);
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toUpperCase();
  const rows = instruments
    .filter((i) => needle === '' || i.symbol.includes(needle))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.symbol.localeCompare(b.symbol));

  return (
    <section className="panel markets" aria-label="Markets">
      <div className="panel-head">
        <span className="panel-title">Markets</span>
        <input
          className="input input-sm search"
          placeholder="Search"
          aria-label="Search markets"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <div className="table-head markets-row">
        <span>Pair / Vol</span>
        <span className="num">Last</span>
        <span className="num">24h</span>
      </div>
      <div className="scroll" data-testid="markets">
        {error && instruments.length === 0 && <div className="empty">Cannot load instruments: {error}</div>}
        {rows.map((i) => {
          const t = tickers.get(i.symbol);
          const direction = t ? compare(t.priceChangePercent, '0') : 0;
          return (
            <div
              key={i.symbol}
              role="button"
              tabIndex={0}
              className={`markets-row row-click ${i.symbol === selected ? 'selected' : ''} status-${i.status.toLowerCase()}`}
              onClick={() => onSelect(i.symbol)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect(i.symbol)}
              data-testid="market-row"
              data-symbol={i.symbol}
              data-status={i.status}
            >
              <span className="pair">
                <span className="pair-line">
                  {i.baseAsset}
                  <span className="muted">/{i.quoteAsset}</span>
                </span>
                <span className="vol-line muted" title={`24h volume in ${i.quoteAsset}`}>
                  {i.status === 'HALTED' && <span className="badge badge-halted">halted</span>}
                  {i.status === 'DELISTED' && <span className="badge badge-delisted">delisted</span>}
                  {added.has(i.symbol) && i.status === 'TRADING' && (
                    <span className="badge badge-new" data-testid="market-new">
                      new
                    </span>
                  )}
                  Vol {t ? formatCompact(t.quoteVolume, 1) : '—'}
                </span>
              </span>
              <span className="num" data-testid="market-last">
                {t ? formatPrice(t.lastPrice, i) : '—'}
              </span>
              <span className={`num ${direction > 0 ? 'up' : direction < 0 ? 'down' : ''}`}>
                {t ? formatPercent(t.priceChangePercent) : '—'}
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}
