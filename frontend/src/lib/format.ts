/** Display helpers bound to an instrument's precision. Exact: see decimal.ts. */
import { formatDecimal, parseDecimal, precisionOf } from './decimal';
import type { FormatOptions } from './decimal';
import type { Instrument } from './api-types';

export function priceDecimals(instrument: Pick<Instrument, 'tickSize'>): number {
  return precisionOf(instrument.tickSize);
}

export function quantityDecimals(instrument: Pick<Instrument, 'stepSize'>): number {
  return precisionOf(instrument.stepSize);
}

export function formatPrice(value: string | null | undefined, instrument: Pick<Instrument, 'tickSize'>, options: FormatOptions = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  return formatDecimal(value, priceDecimals(instrument), { group: true, ...options });
}

export function formatQuantity(value: string | null | undefined, instrument: Pick<Instrument, 'stepSize'>): string {
  if (value === null || value === undefined || value === '') return '—';
  return formatDecimal(value, quantityDecimals(instrument), { group: true });
}

/** Quote amounts (totals, fees in quote) at the price precision. */
export function formatQuote(value: string | null | undefined, instrument: Pick<Instrument, 'tickSize'>): string {
  return formatPrice(value, instrument);
}

export function formatPercent(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return `${formatDecimal(value, 2, { signed: true })}%`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Local wall-clock time HH:MM:SS. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local MM-DD HH:MM:SS. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatTime(ms)}`;
}

export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 4)}…${id.slice(-6)}` : id;
}

/** An amount at its own scale (balances come at the asset's scale: "990.00000000"), grouped. */
export function formatAmount(amount: string): string {
  return formatDecimal(amount, parseDecimal(amount)?.scale ?? 0, { group: true });
}
