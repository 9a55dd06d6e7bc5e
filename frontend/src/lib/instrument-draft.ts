/** The admin "list an asset" and "list a pair" forms: text fields, checked before the request is sent. */
import { compare, isPositive, parseDecimal } from './decimal';
import type { Instrument } from './api-types';

export type InstrumentDraft = Record<
  'baseAsset' | 'quoteAsset' | 'tickSize' | 'stepSize' | 'minQuantity' | 'maxQuantity' | 'minNotional' | 'maxOpenOrders',
  string
>;

export type InstrumentListing = Omit<Instrument, 'status'>;

/** Returns the request body, or a message saying what is wrong. */
export function draftToListing(draft: InstrumentDraft): InstrumentListing | string {
  const d = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim()])) as InstrumentDraft;
  const base = d.baseAsset.toUpperCase();
  const quote = d.quoteAsset.toUpperCase();
  if (!/^[A-Z0-9]{2,10}$/.test(base) || !/^[A-Z0-9]{2,10}$/.test(quote)) return 'Assets are 2–10 capital letters or digits.';
  for (const key of ['tickSize', 'stepSize', 'minQuantity', 'maxQuantity'] as const) {
    const v = parseDecimal(d[key]);
    if (!v || !isPositive(v)) return `${key} must be a positive decimal.`;
  }
  const notional = parseDecimal(d.minNotional);
  if (!notional || compare(notional, '0') < 0) return 'minNotional must be a decimal ≥ 0.';
  if (compare(d.minQuantity, d.maxQuantity) > 0) return 'minQuantity is above maxQuantity.';
  if (!/^[1-9][0-9]{0,5}$/.test(d.maxOpenOrders)) return 'maxOpenOrders must be a positive integer.';
  return {
    symbol: base + quote,
    baseAsset: base,
    quoteAsset: quote,
    tickSize: d.tickSize,
    stepSize: d.stepSize,
    minQuantity: d.minQuantity,
    maxQuantity: d.maxQuantity,
    minNotional: d.minNotional,
    maxOpenOrders: Number.parseInt(d.maxOpenOrders, 10),
  };
}

/** `POST /api/v1/admin/assets` body: an asset code and the scale its amounts are kept at (fixed once listed). */
export interface AssetListing {
  code: string;
  scale: number;
}

/** Returns the request body, or a message saying what is wrong. */
export function assetDraftToListing(code: string, scale: string): AssetListing | string {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z0-9]{1,10}$/.test(c)) return 'An asset code is 1–10 capital letters or digits.';
  const s = scale.trim();
  if (!/^[0-9]{1,2}$/.test(s) || Number.parseInt(s, 10) > 18) return 'The scale is 0–18 decimal places.';
  return { code: c, scale: Number.parseInt(s, 10) };
}
