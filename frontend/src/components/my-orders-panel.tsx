import { useState } from 'react';
import { ApiError } from '../lib/api-client';
import { div, isPositive, parseDecimal, toPlainString } from '../lib/decimal';
import { formatAmount, formatDateTime, formatPrice, formatQuantity, priceDecimals, shortId } from '../lib/format';
import type { HistoryOrder, HistoryOrderDetail, Instrument } from '../lib/api-types';
import type { MyOrdersState } from '../hooks/use-account';
import { useFrameVersion } from '../hooks/use-frame-version';
import { useRuntime } from '../hooks/runtime-context';

type Tab = 'open' | 'history' | 'fills';

interface Props {
  instrument: Instrument;
  signedIn: boolean;
  state: MyOrdersState;
}

const TYPE_LABEL: Record<string, string> = { LIMIT: 'Limit', MARKET: 'Market', LIMIT_MAKER: 'Post only' };

function averagePrice(o: HistoryOrder, instrument: Instrument): string {
  const q = parseDecimal(o.executedQuantity);
  if (!q || !isPositive(q)) return '—';
  return formatPrice(toPlainString(div(o.cumulativeQuote, q, priceDecimals(instrument), 'half-up')), instrument);
}

/** My open orders (cancel one, cancel all), my order history with fills, and this session's fills. */
export function MyOrdersPanel({ instrument, signedIn, state }: Props) {
  useFrameVersion(state.signal);
  const { api } = useRuntime();
  const [tab, setTab] = useState<Tab>('open');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = useState<string | null>(null);
  const [detail, setDetail] = useState<HistoryOrderDetail | null>(null);
  const symbol = instrument.symbol;
  const open = state.orders.open(symbol);
  const history = state.orders.history(symbol);
  const fills = state.orders.fills(symbol);

  const report = (e: unknown) => setError(e instanceof ApiError ? `${e.problem.title ?? 'Error'}: ${e.message}` : String(e));

  const cancel = (orderId: string) => {
    setBusy((b) => new Set([...b, orderId]));
    setError(null);
    api
      .cancelOrder(symbol, orderId)
      .catch(report)
      .finally(() => setBusy((b) => new Set([...b].filter((id) => id !== orderId))));
  };

  const cancelAll = () => {
    setError(null);
    api.cancelAll(symbol).catch(report);
  };

  const toggle = (orderId: string) => {
    if (expanded === orderId) {
      setExpanded(null);
      return;
    }
    setExpanded(orderId);
    setDetail(null);
    api.order(orderId).then(setDetail, report);
  };

  return (
    <section className="panel orders" aria-label="My orders">
      <div className="panel-head">
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'open'} className={tab === 'open' ? 'active' : ''} onClick={() => setTab('open')} data-testid="tab-open">
            Open orders ({open.length})
          </button>
          <button type="button" role="tab" aria-selected={tab === 'history'} className={tab === 'history' ? 'active' : ''} onClick={() => setTab('history')} data-testid="tab-history">
            Order history
          </button>
          <button type="button" role="tab" aria-selected={tab === 'fills'} className={tab === 'fills' ? 'active' : ''} onClick={() => setTab('fills')} data-testid="tab-fills">
            Fills
          </button>
        </div>
        <div className="panel-actions">
          {error && <span className="error-inline" title={error}>{error}</span>}
          {state.loadError && <span className="error-inline">history: {state.loadError}</span>}
          {tab === 'open' && signedIn && (
            <button type="button" className="btn btn-ghost" disabled={open.length === 0} onClick={cancelAll}>
              Cancel all
            </button>
          )}
        </div>
      </div>

      {!signedIn ? (
        <div className="empty">Sign in to see your orders.</div>
      ) : tab === 'open' ? (
        <div className="scroll">
          <div className="table-head orders-row">
            <span>Time</span>
            <span>Side</span>
            <span>Type</span>
            <span className="num">Price</span>
            <span className="num">Amount</span>
            <span className="num">Filled</span>
            <span>Status</span>
            <span />
          </div>
          {open.length === 0 && <div className="empty">No open orders on {symbol}</div>}
          {open.map((o) => (
            <div key={o.orderId} className="orders-row" data-testid="open-order" data-order-id={o.orderId} data-status={o.status}>
              <span className="muted">{formatDateTime(o.createdAt)}</span>
              <span className={o.side === 'BUY' ? 'up' : 'down'}>{o.side === 'BUY' ? 'Buy' : 'Sell'}</span>
              <span>
                {TYPE_LABEL[o.type] ?? o.type}
                {o.timeInForce && o.type === 'LIMIT' ? ` ${o.timeInForce}` : ''}
              </span>
              <span className="num">{o.price ? formatPrice(o.price, instrument) : 'Market'}</span>
              <span className="num">{formatQuantity(o.quantity, instrument)}</span>
              <span className="num">{formatQuantity(o.executedQuantity, instrument)}</span>
              <span className="status">{o.status.replace(/_/g, ' ').toLowerCase()}</span>
              <span className="num">
                <button
                  type="button"
                  className="btn btn-link"
                  disabled={busy.has(o.orderId) || o.status === 'PENDING_NEW'}
                  onClick={() => cancel(o.orderId)}
                  data-testid="cancel-order"
                >
                  Cancel
                </button>
              </span>
            </div>
          ))}
        </div>
      ) : tab === 'history' ? (
        <div className="scroll">
          <div className="table-head orders-row">
            <span>Updated</span>
            <span>Side</span>
            <span>Type</span>
            <span className="num">Price</span>
            <span className="num">Amount</span>
            <span className="num">Filled</span>
            <span className="num">Avg price</span>
            <span>Status</span>
          </div>
          {history.length === 0 && <div className="empty">No finished orders on {symbol}</div>}
          {history.map((o) => (
            <div key={o.orderId}>
              <div
                className="orders-row row-click"
                onClick={() => toggle(o.orderId)}
                title="Show fills"
                data-testid="history-order"
                data-order-id={o.orderId}
                data-status={o.status}
              >
                <span className="muted">{formatDateTime(o.updatedAt)}</span>
                <span className={o.side === 'BUY' ? 'up' : 'down'}>{o.side === 'BUY' ? 'Buy' : 'Sell'}</span>
                <span>{TYPE_LABEL[o.type] ?? o.type}</span>
                <span className="num">{o.price ? formatPrice(o.price, instrument) : 'Market'}</span>
                <span className="num">{formatQuantity(o.quantity, instrument)}</span>
                <span className="num">{formatQuantity(o.executedQuantity, instrument)}</span>
                <span className="num">{averagePrice(o, instrument)}</span>
                <span className="status">
                  {o.status.replace(/_/g, ' ').toLowerCase()}
                  {o.reason && <span className="reason"> ({o.reason})</span>}
                </span>
              </div>
              {expanded === o.orderId && (
                <div className="fills-detail">
                  {!detail || detail.orderId !== o.orderId ? (
                    <span className="muted">Loading fills…</span>
                  ) : detail.fills.length === 0 ? (
                    <span className="muted">No fills</span>
                  ) : (
                    detail.fills.map((f) => (
                      <div key={String(f.tradeId)} className="fill-row">
                        <span className="muted">{formatDateTime(f.time)}</span>
                        <span className="num">{formatPrice(f.price, instrument)}</span>
                        <span className="num">{formatQuantity(f.quantity, instrument)}</span>
                        <span className="num">{formatPrice(f.quoteQuantity, instrument)}</span>
                        <span>{f.maker ? 'maker' : 'taker'}</span>
                      </div>
                    ))
                  )}
                </div>
              )}
            </div>
          ))}
        </div>
      ) : (
        <div className="scroll">
          <div className="table-head orders-row">
            <span>Time</span>
            <span>Side</span>
            <span>Order</span>
            <span className="num">Price</span>
            <span className="num">Amount</span>
            <span className="num">Total</span>
            <span>Role</span>
            <span className="num">Fee</span>
          </div>
          {fills.length === 0 && <div className="empty">No fills on {symbol} this session</div>}
          {fills.map((f) => (
            <div
              key={`${f.tradeId}:${f.orderId}`}
              className="orders-row"
              data-testid="fill-row"
              data-order-id={f.orderId}
              data-trade-id={f.tradeId}
              data-price={f.price}
              data-qty={f.quantity}
              data-commission={f.commission}
              data-commission-asset={f.commissionAsset ?? ''}
            >
              <span className="muted">{formatDateTime(f.time)}</span>
              <span className={f.side === 'BUY' ? 'up' : 'down'}>{f.side === 'BUY' ? 'Buy' : 'Sell'}</span>
              <span className="muted" title={f.orderId}>
                {shortId(f.orderId)}
              </span>
              <span className="num">{formatPrice(f.price, instrument)}</span>
              <span className="num">{formatQuantity(f.quantity, instrument)}</span>
              <span className="num">{formatPrice(f.quoteQuantity, instrument)}</span>
              <span>{f.maker ? 'maker' : 'taker'}</span>
              <span className="num muted">
                {f.commissionAsset ? `${formatAmount(f.commission)} ${f.commissionAsset}` : f.commission}
              </span>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
