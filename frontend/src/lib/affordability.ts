/**
 * What an order would hold, checked against the free balance before it is sent. The accounts service
 * holds, on a new order: a limit buy's price × quantity of quote, a market buy's total (or, sized by
 * quantity, the whole free quote), a sell's quantity of base; an order that does not fit is rejected with
 * INSUFFICIENT_BALANCE (docs/accounts.md). Refusing it here only saves the round trip.
 */
import { compare, floorToStep, isPositive, mul, normalize, parseDecimal, toPlainString } from './decimal';
import { quantityForTotal } from './order-validation';
import type { FieldError, OrderFormInput } from './order-validation';
import type { Instrument, NewOrderRequest } from './api-types';

export interface Availability {
  /** The asset the order spends: quote for a buy, base for a sell. */
  asset: string;
  /** Its free amount, null while balances are unknown. */
  free: string | null;
  /** The largest quantity the free amount pays for at the entered price (sells: at any price), or null. */
  maxQuantity: string | null;
}

export function availability(
  instrument: Instrument,
  input: Pick<OrderFormInput, 'side' | 'type' | 'price'>,
  free: (asset: string) => string | null,
): Availability {
  if (input.side === 'SELL') {
    const base = free(instrument.baseAsset);
    return {
      asset: instrument.baseAsset,
      free: base,
      maxQuantity: base === null ? null : toPlainString(floorToStep(base, instrument.stepSize)),
    };
  }
  const quote = free(instrument.quoteAsset);
  const price = parseDecimal(input.price);
  const maxQuantity =
    quote !== null && input.type !== 'MARKET' && price && isPositive(price) ? quantityForTotal(quote, input.price, instrument) : null;
  return { asset: instrument.quoteAsset, free: quote, maxQuantity };
}

/** The hold a valid request needs, in the asset it spends; null for a market buy sized by quantity. */
export function holdOf(instrument: Instrument, request: NewOrderRequest): { asset: string; amount: string | null } {
  if (request.side === 'SELL') return { asset: instrument.baseAsset, amount: request.quantity ?? null };
  if (request.type === 'MARKET') return { asset: instrument.quoteAsset, amount: request.quoteQuantity ?? null };
  if (!request.price || !request.quantity) return { asset: instrument.quoteAsset, amount: null };
  return { asset: instrument.quoteAsset, amount: toPlainString(normalize(mul(request.price, request.quantity))) };
}

/** INSUFFICIENT_BALANCE when the request's hold does not fit in free; null when it fits or balances are unknown. */
export function refuseUnaffordable(
  instrument: Instrument,
  request: NewOrderRequest,
  free: (asset: string) => string | null,
): FieldError | null {
  const hold = holdOf(instrument, request);
  const available = free(hold.asset);
  if (available === null) return null;
  const unaffordable = hold.amount === null ? !isPositive(available) : compare(hold.amount, available) > 0;
  if (!unaffordable) return null;
  return {
    code: 'INSUFFICIENT_BALANCE',
    message:
      hold.amount === null
        ? `Insufficient balance: no ${hold.asset} available.`
        : `Insufficient balance: this order needs ${hold.amount} ${hold.asset}, ${toPlainString(normalize(available))} ${hold.asset} available.`,
  };
}
