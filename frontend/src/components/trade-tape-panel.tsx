import { formatPrice, formatQuantity, formatTime } from '../lib/format';
import type { Instrument } from '../lib/api-types';
import { useTradeTape } from '../hooks/use-trade-tape';

const SHOWN = 40;

/** Recent trades, coloured by the taker's side (green: buyer took liquidity, red: seller did). */
export function TradeTapePanel({ instrument }: { instrument: Instrument }) {
  const tape = useTradeTape(instrument.symbol);
  const trades = tape.trades().slice(0, SHOWN);
  return (
    <section className="panel tape" aria-label="Trades">
      <div className="panel-head">
        <span className="panel-title">Trades</span>
      </div>
      <div className="table-head tape-row">
        <span className="num">Price</span>
        <span className="num">Amount</span>
        <span className="num">Time</span>
      </div>
      <div className="scroll" data-testid="tape">
        {trades.length === 0 && <div className="empty">No trades yet</div>}
        {trades.map((t) => (
          <div
            key={t.id}
            className={`tape-row taker-${t.takerSide.toLowerCase()}`}
            data-testid="tape-row"
            data-trade-id={t.id}
            data-price={t.price}
            data-qty={t.qty}
            data-taker-side={t.takerSide}
          >
            <span className="num price">{formatPrice(t.price, instrument)}</span>
            <span className="num">{formatQuantity(t.qty, instrument)}</span>
            <span className="num muted">{formatTime(t.time)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}
