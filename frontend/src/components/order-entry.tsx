import { useEffect, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { ApiError } from '../lib/api-client';
import { formatDecimal, mul, normalize, parseDecimal } from '../lib/decimal';
import { formatAmount, formatPrice, formatQuantity, priceDecimals, shortId } from '../lib/format';
import {
  emptyOrderForm,
  newClientOrderId,
  notionalOf,
  problemToFieldErrors,
  quantityForTotal,
  validateOrder,
} from '../lib/order-validation';
import type { FieldErrors, MarketContext, OrderField, OrderFormInput } from '../lib/order-validation';
import type { Instrument, NewOrderAccepted, NewOrderRequest, OrderType, SelfTradePrevention, TimeInForce } from '../lib/api-types';
import { useRuntime } from '../hooks/runtime-context';
import type { AccountState } from '../hooks/use-account';
import { useFrameVersion } from '../hooks/use-frame-version';
import { availability, refuseUnaffordable } from '../lib/affordability';
import { rejectionNotice } from '../lib/my-orders';

export interface PricePrefill {
  price: string;
  /** Changes on every click, so clicking the same price twice still applies. */
  seq: number;
}

interface Props {
  instrument: Instrument;
  signedIn: boolean;
  /** The account's balances (what the order may spend) and orders (what became of the last one sent). */
  account: AccountState;
  /** Read at validation time: best bid/ask from the live book, last price from the ticker. */
  market(): MarketContext;
  prefill: PricePrefill | null;
  onAccepted(accepted: NewOrderAccepted, request: NewOrderRequest): void;
}

const TYPES: Array<[OrderType, string]> = [
  ['LIMIT', 'Limit'],
  ['MARKET', 'Market'],
  ['LIMIT_MAKER', 'Post only'],
];

/**
 * Order entry: validated against the instrument's tick, step, quantity limits and min notional, and
 * against the free balance it would hold, before it is sent; server problems are shown next to the field
 * they name, and a rejection of the last order sent (reported on the private stream) with its reason.
 */
export function OrderEntry({ instrument, signedIn, account, market, prefill, onAccepted }: Props) {
  const { api } = useRuntime();
  useFrameVersion(account.balanceSignal);
  useFrameVersion(account.signal);
  const [lastOrderId, setLastOrderId] = useState<string | null>(null);
  const [form, setForm] = useState<OrderFormInput>(emptyOrderForm);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    setForm((f) => ({ ...emptyOrderForm(), side: f.side, type: f.type, timeInForce: f.timeInForce }));
    setAttempted(false);
    setServerErrors({});
    setNotice(null);
    setLastOrderId(null);
  }, [instrument.symbol]);

  useEffect(() => {
    if (!prefill) return;
    const p = parseDecimal(prefill.price);
    if (!p) return;
    const price = formatDecimal(p, priceDecimals(instrument));
    setForm((f) => ({ ...f, price, type: f.type === 'MARKET' ? 'LIMIT' : f.type }));
    setServerErrors((e) => ({ ...e, price: undefined }));
    // Keyed on the click sequence only: re-polled instrument objects must not re-apply an old click.
  }, [prefill?.seq]);

  const update = <K extends keyof OrderFormInput>(key: K, value: OrderFormInput[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setNotice(null);
    setLastOrderId(null);
    const field: OrderField | null =
      key === 'price' ? 'price' : key === 'quantity' ? 'quantity' : key === 'total' ? 'total' : null;
    setServerErrors((e) => {
      const next = { ...e, form: undefined };
      if (field) next[field] = undefined;
      if (key === 'sizeMode' || key === 'type' || key === 'side') return {};
      return next;
    });
  };

  const isMarket = form.type === 'MARKET';
  const validation = validateOrder(instrument, form, market(), 'preview');
  const clientErrors: FieldErrors = attempted && !validation.ok ? validation.errors : {};
  const errors: FieldErrors = { ...clientErrors };
  for (const [k, v] of Object.entries(serverErrors) as Array<[OrderField, FieldErrors[OrderField]]>) if (v) errors[k] = v;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    setNotice(null);
    if (!signedIn) {
      setServerErrors({ form: { code: 'UNAUTHENTICATED', message: 'Sign in to place orders.' } });
      return;
    }
    const result = validateOrder(instrument, form, market(), newClientOrderId());
    if (!result.ok) return;
    const refusal = refuseUnaffordable(instrument, result.request, free);
    if (refusal) {
      setServerErrors({ form: refusal });
      return;
    }
    setBusy(true);
    setServerErrors({});
    api.placeOrder(result.request).then(
      (accepted) => {
        setBusy(false);
        setAttempted(false);
        setNotice(`Order ${shortId(accepted.orderId)} accepted`);
        setLastOrderId(accepted.orderId);
        setForm((f) => ({ ...f, quantity: '', total: '' }));
        onAccepted(accepted, result.request);
      },
      (err: unknown) => {
        setBusy(false);
        if (err instanceof ApiError) setServerErrors(problemToFieldErrors(err.problem));
        else setServerErrors({ form: { code: 'ERROR', message: err instanceof Error ? err.message : String(err) } });
      },
    );
  };

  // Derived amounts, exact.
  let derived: string | null = null;
  if (!isMarket && form.sizeMode === 'quantity') {
    const n = notionalOf(form.price, form.quantity);
    if (n) derived = `Total ${formatDecimal(n, priceDecimals(instrument), { group: true })} ${instrument.quoteAsset}`;
  } else if (!isMarket && form.sizeMode === 'total') {
    const q = quantityForTotal(form.total, form.price, instrument);
    if (q) derived = `Quantity ${formatQuantity(q, instrument)} ${instrument.baseAsset}`;
  } else if (isMarket && form.sizeMode === 'quantity') {
    const m = market();
    const ref = (form.side === 'BUY' ? m.bestAsk : m.bestBid) ?? m.lastPrice;
    const q = parseDecimal(form.quantity);
    if (ref && q) derived = `≈ ${formatDecimal(normalize(mul(q, ref)), priceDecimals(instrument), { group: true })} ${instrument.quoteAsset}`;
  }

  const free = (asset: string) => (signedIn ? account.balances.free(asset) : null);
  const available = availability(instrument, form, free);
  const lastOrder = lastOrderId ? account.orders.get(lastOrderId) : undefined;
  const rejection = rejectionNotice(lastOrder, shortId);

  const buy = form.side === 'BUY';
  const halted = instrument.status !== 'TRADING';

  return (
    <section className="panel entry" aria-label="Order entry">
      <form onSubmit={submit} noValidate>
        <div className="side-switch">
          <button type="button" className={buy ? 'active buy' : ''} onClick={() => update('side', 'BUY')} data-testid="side-buy">
            Buy
          </button>
          <button type="button" className={!buy ? 'active sell' : ''} onClick={() => update('side', 'SELL')} data-testid="side-sell">
            Sell
          </button>
        </div>

        <div className="segmented full" role="tablist" aria-label="Order type">
          {TYPES.map(([t, label]) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={form.type === t}
              className={form.type === t ? 'active' : ''}
              onClick={() => update('type', t)}
            >
              {label}
            </button>
          ))}
        </div>

        <Field label="Price" unit={instrument.quoteAsset} error={errors.price}>
          {isMarket ? (
            <input className="input" value="Market price" disabled aria-label="Price" />
          ) : (
            <input
              className="input num"
              inputMode="decimal"
              aria-label="Price"
              name="price"
              placeholder={`tick ${instrument.tickSize}`}
              value={form.price}
              onChange={(e) => update('price', e.target.value)}
            />
          )}
        </Field>

        <div className="size-mode">
          <span className="muted">Size by</span>
          <div className="segmented small">
            <button type="button" className={form.sizeMode === 'quantity' ? 'active' : ''} onClick={() => update('sizeMode', 'quantity')}>
              Quantity
            </button>
            <button type="button" className={form.sizeMode === 'total' ? 'active' : ''} onClick={() => update('sizeMode', 'total')}>
              Total
            </button>
          </div>
        </div>

        {form.sizeMode === 'quantity' ? (
          <Field label="Quantity" unit={instrument.baseAsset} error={errors.quantity}>
            <input
              className="input num"
              inputMode="decimal"
              aria-label="Quantity"
              name="quantity"
              placeholder={`step ${instrument.stepSize}`}
              value={form.quantity}
              onChange={(e) => update('quantity', e.target.value)}
            />
          </Field>
        ) : (
          <Field label="Total" unit={instrument.quoteAsset} error={errors.total}>
            <input
              className="input num"
              inputMode="decimal"
              aria-label="Total"
              name="total"
              placeholder={`min ${instrument.minNotional}`}
              value={form.total}
              onChange={(e) => update('total', e.target.value)}
            />
          </Field>
        )}
        <div className="derived" data-testid="derived">{derived ?? '\u00a0'}</div>
        {available.free !== null && (
          <div className="available" data-testid="available">
            <span data-testid="available-free" data-asset={available.asset} data-free={available.free}>
              Available {formatAmount(available.free)} {available.asset}
            </span>
            {available.maxQuantity !== null && (
              <span data-testid="available-max" data-max={available.maxQuantity}>
                Max {formatQuantity(available.maxQuantity, instrument)} {instrument.baseAsset}
              </span>
            )}
          </div>
        )}

        <div className="row-2">
          <label className="select-field">
            <span className="field-label">Time in force</span>
            <select
              className="input"
              value={form.type === 'LIMIT' ? form.timeInForce : ''}
              disabled={form.type !== 'LIMIT'}
              onChange={(e) => update('timeInForce', e.target.value as TimeInForce)}
            >
              {form.type !== 'LIMIT' && <option value="">—</option>}
              <option value="GTC">GTC</option>
              <option value="IOC">IOC</option>
              <option value="FOK">FOK</option>
            </select>
          </label>
          <label className="select-field">
            <span className="field-label">Self-trade</span>
            <select
              className="input"
              value={form.selfTradePrevention}
              onChange={(e) => update('selfTradePrevention', e.target.value as SelfTradePrevention)}
            >
              <option value="NONE">None</option>
              <option value="EXPIRE_TAKER">Expire taker</option>
              <option value="EXPIRE_MAKER">Expire maker</option>
              <option value="EXPIRE_BOTH">Expire both</option>
            </select>
          </label>
        </div>
        {errors.timeInForce && <div className="field-error">{errors.timeInForce.message}</div>}

        <button type="submit" className={`btn btn-submit ${buy ? 'buy' : 'sell'}`} disabled={busy || halted} data-testid="order-submit">
          {busy ? 'Sending…' : halted ? `${instrument.symbol} ${instrument.status.toLowerCase()}` : `${buy ? 'Buy' : 'Sell'} ${instrument.baseAsset}`}
        </button>
        {errors.form && (
          <div className="form-error" role="alert" data-code={errors.form.code} data-testid="order-error">
            {errors.form.message}
          </div>
        )}
        {rejection ? (
          <div className="form-error" role="alert" data-code={lastOrder?.reason ?? 'REJECTED'} data-testid="order-rejected">
            {rejection}
          </div>
        ) : (
          notice && (
            <div className="notice" data-testid="order-notice" data-order-id={lastOrderId ?? undefined}>
              {notice}
            </div>
          )
        )}

        <dl className="filters">
          <dt>Tick</dt>
          <dd>{instrument.tickSize}</dd>
          <dt>Step</dt>
          <dd>{instrument.stepSize}</dd>
          <dt>Min qty</dt>
          <dd>{formatQuantity(instrument.minQuantity, instrument)}</dd>
          <dt>Max qty</dt>
          <dd>{formatQuantity(instrument.maxQuantity, instrument)}</dd>
          <dt>Min notional</dt>
          <dd>
            {formatPrice(instrument.minNotional, instrument)} {instrument.quoteAsset}
          </dd>
        </dl>
      </form>
    </section>
  );
}

function Field({ label, unit, error, children }: { label: string; unit: string; error?: { code: string; message: string }; children: ReactNode }) {
  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      <span className="field-label">{label}</span>
      <div className="input-wrap">
        {children}
        <span className="unit">{unit}</span>
      </div>
      {error && (
        <div className="field-error" data-code={error.code}>
          {error.message}
        </div>
      )}
    </div>
  );
}

