import { add, div, formatDecimal, isPositive, mul } from '../lib/decimal';
import { formatPrice, formatQuantity } from '../lib/format';
import type { LadderRow } from '../lib/order-book';
import type { Instrument } from '../lib/api-types';
import type { OrderBookHandle } from '../hooks/use-order-book';
import { useFrameVersion } from '../hooks/use-frame-version';

const ROWS = 14;

interface Props {
  instrument: Instrument;
  handle: OrderBookHandle;
  onPickPrice(price: string): void;
}

function spreadPercent(spread: string, bestBid: string, bestAsk: string): string {
  // spread / mid * 100 with mid = (bid + ask) / 2, i.e. spread * 200 / (bid + ask)
  const denominator = add(bestBid, bestAsk);
  if (!isPositive(denominator)) return '';
  return formatDecimal(div(mul(spread, '200'), denominator, 6), 4);
}

function Row({ row, side, instrument, onPick }: { row: LadderRow; side: 'bid' | 'ask'; instrument: Instrument; onPick(p: string): void }) {
  return (
    <div
      className={`book-row row-click ${side}`}
      role="button"
      tabIndex={-1}
      onClick={() => onPick(row.price)}
      title={`Use price ${row.price}`}
      data-testid={`book-${side}`}
      data-price={row.price}
      data-qty={row.qty}
    >
      <span className="depth-bar" style={{ width: `${(row.depth * 100).toFixed(2)}%` }} />
      <span className="num price">{formatPrice(row.price, instrument)}</span>
      <span className="num">{formatQuantity(row.qty, instrument)}</span>
      <span className="num muted">{formatQuantity(row.cumulative, instrument)}</span>
    </div>
  );
}

/** Asks above, bids below, spread between; cumulative depth bars; clicking a level fills the order price. */
export function OrderBookLadder({ instrument, handle, onPickPrice }: Props) {
  useFrameVersion(handle.signal);
  const { feed } = handle;
  const view = feed.book.ladder(ROWS);
  const asks = [...view.asks].reverse();
  const state = feed.state;

  return (
    <section className="panel book" aria-label="Order book">
      <div className="panel-head">
        <span className="panel-title">Order book</span>
        <span className={`feed-state feed-${state}`} data-testid="book-state">
          {state === 'synced' ? '' : state === 'loading' ? 'loading…' : state === 'resyncing' ? 'resyncing…' : 'reconnecting…'}
        </span>
      </div>
      <div className="table-head book-row">
        <span className="num">Price ({instrument.quoteAsset})</span>
        <span className="num">Amount ({instrument.baseAsset})</span>
        <span className="num">Total</span>
      </div>
      <div className="book-side asks" data-testid="asks">
        {Array.from({ length: ROWS - asks.length }, (_, i) => (
          <div key={`pad-${i}`} className="book-row" />
        ))}
        {asks.map((r) => (
          <Row key={r.price} row={r} side="ask" instrument={instrument} onPick={onPickPrice} />
        ))}
      </div>
      <div className="spread" data-testid="spread">
        {view.spread !== null && view.bestBid && view.bestAsk ? (
          <>
            <span className="muted">Spread</span> {formatPrice(view.spread, instrument)}{' '}
            <span className="muted">({spreadPercent(view.spread, view.bestBid, view.bestAsk)}%)</span>
          </>
        ) : (
          <span className="muted">{state === 'synced' ? 'No spread' : '—'}</span>
        )}
      </div>
      <div className="book-side bids" data-testid="bids">
        {view.bids.map((r) => (
          <Row key={r.price} row={r} side="bid" instrument={instrument} onPick={onPickPrice} />
        ))}
      </div>
    </section>
  );
}
