/**
 * Client-side validation of the order form against the instrument's filters, before anything is sent.
 * The server validates again and is the authority; this exists so the trader sees the problem next to the
 * field at once. All arithmetic is exact (see decimal.ts); values are never rounded silently: an off-tick
 * price is an error, not a correction.
 */
import {
  compare,
  div,
  floorToStep,
  isMultipleOf,
  isPositive,
  mul,
  normalize,
  parseDecimal,
  precisionOf,
  toPlainString,
} from './decimal';
import type { Decimal } from './decimal';
import type {
  Instrument,
  NewOrderRequest,
  OrderSide,
  OrderType,
  SelfTradePrevention,
  TimeInForce,
} from './api-types';

export type SizeMode = 'quantity' | 'total';

export interface OrderFormInput {
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  price: string;
  quantity: string;
  /** Quote amount; used when sizeMode is 'total'. */
  total: string;
  sizeMode: SizeMode;
  selfTradePrevention: SelfTradePrevention;
}

/** What the form knows about the market, for post-only and market-notional checks. Optional. */
export interface MarketContext {
  bestBid?: string | null;
  bestAsk?: string | null;
  lastPrice?: string | null;
}

export type OrderField = 'price' | 'quantity' | 'total' | 'timeInForce' | 'form';

export interface FieldError {
  code: string;
  message: string;
}

export type FieldErrors = Partial<Record<OrderField, FieldError>>;

export type ValidationResult =
  | { ok: true; request: NewOrderRequest; /** Quantity derived from a total, if any. */ quantity?: string }
  | { ok: false; errors: FieldErrors };

export function emptyOrderForm(): OrderFormInput {
  return {
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    price: '',
    quantity: '',
    total: '',
    sizeMode: 'quantity',
    selfTradePrevention: 'NONE',
  };
}

function positiveDecimal(
  text: string,
  field: OrderField,
  label: string,
  errors: FieldErrors,
): Decimal | null {
  if (text.trim() === '') {
    errors[field] = { code: `${field.toUpperCase()}_REQUIRED`, message: `Enter a ${label}.` };
    return null;
  }
  const d = parseDecimal(text);
  if (d === null) {
    errors[field] = { code: `${field.toUpperCase()}_INVALID`, message: `${capitalise(label)} must be a plain decimal number.` };
    return null;
  }
  if (!isPositive(d)) {
    errors[field] = { code: `${field.toUpperCase()}_NOT_POSITIVE`, message: `${capitalise(label)} must be greater than zero.` };
    return null;
  }
  return d;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function checkQuantity(qty: Decimal, instrument: Instrument, errors: FieldErrors, field: OrderField): void {
  if (!isMultipleOf(qty, instrument.stepSize)) {
    errors[field] = {
      code: 'QUANTITY_NOT_ON_STEP',
      message: `Quantity must be a multiple of ${instrument.stepSize} ${instrument.baseAsset}.`,
    };
  } else if (compare(qty, instrument.minQuantity) < 0) {
    errors[field] = {
      code: 'QUANTITY_BELOW_MIN',
      message: `Minimum quantity is ${instrument.minQuantity} ${instrument.baseAsset}.`,
    };
  } else if (compare(qty, instrument.maxQuantity) > 0) {
    errors[field] = {
      code: 'QUANTITY_ABOVE_MAX',
      message: `Maximum quantity is ${instrument.maxQuantity} ${instrument.baseAsset}.`,
    };
  }
}

/**
 * Quantity bought for a quote total at a limit price: floor(total / price) down to the step size.
 * Returns null if the inputs are not usable yet.
 */
export function quantityForTotal(total: string, price: string, instrument: Instrument): string | null {
  const t = parseDecimal(total);
  const p = parseDecimal(price);
  if (!t || !p || !isPositive(t) || !isPositive(p)) return null;
  const raw = div(t, p, precisionOf(instrument.stepSize), 'floor');
  return toPlainString(floorToStep(raw, instrument.stepSize));
}

/** price * quantity at full precision, or null if the inputs are not usable yet. */
export function notionalOf(price: string, quantity: string): string | null {
  const p = parseDecimal(price);
  const q = parseDecimal(quantity);
  if (!p || !q) return null;
  return toPlainString(normalize(mul(p, q)));
}

export function validateOrder(
  instrument: Instrument,
  input: OrderFormInput,
  market: MarketContext,
  clientOrderId: string,
): ValidationResult {
  const errors: FieldErrors = {};
  if (instrument.status !== 'TRADING') {
    errors.form = {
      code: 'INSTRUMENT_NOT_TRADING',
      message: `${instrument.symbol} is ${instrument.status.toLowerCase()}; orders are not accepted.`,
    };
  }

  const isMarket = input.type === 'MARKET';
  const request: NewOrderRequest = {
    symbol: instrument.symbol,
    side: input.side,
    type: input.type,
    clientOrderId,
  };
  if (input.selfTradePrevention !== 'NONE') request.selfTradePrevention = input.selfTradePrevention;

  // Price (limit and post-only only)
  let price: Decimal | null = null;
  if (!isMarket) {
    price = positiveDecimal(input.price, 'price', 'price', errors);
    if (price && !isMultipleOf(price, instrument.tickSize)) {
      errors.price = {
        code: 'PRICE_NOT_ON_TICK',
        message: `Price must be a multiple of the tick size ${instrument.tickSize}.`,
      };
      price = null;
    }
    if (price) request.price = toPlainString(price);
  }

  if (input.type === 'LIMIT') request.timeInForce = input.timeInForce;

  // Post-only must rest: reject if it would cross the book we can see.
  if (input.type === 'LIMIT_MAKER' && price) {
    if (input.side === 'BUY' && market.bestAsk && compare(price, market.bestAsk) >= 0) {
      errors.price = {
        code: 'POST_ONLY_WOULD_TAKE',
        message: `Post-only buy at or above the best ask (${market.bestAsk}) would take liquidity.`,
      };
    } else if (input.side === 'SELL' && market.bestBid && compare(price, market.bestBid) <= 0) {
      errors.price = {
        code: 'POST_ONLY_WOULD_TAKE',
        message: `Post-only sell at or below the best bid (${market.bestBid}) would take liquidity.`,
      };
    }
  }

  // Size
  let derivedQuantity: string | undefined;
  if (input.sizeMode === 'total') {
    const total = positiveDecimal(input.total, 'total', 'total', errors);
    if (total) {
      if (isMarket) {
        if (input.side === 'SELL') {
          errors.total = {
            code: 'QUOTE_QUANTITY_SELL_UNSUPPORTED',
            message: 'Market sells are sized by quantity; switch to quantity.',
          };
        } else if (precisionOf(total) > precisionOf(instrument.tickSize)) {
          errors.total = {
            code: 'QUOTE_QUANTITY_PRECISION',
            message: `Total allows at most ${precisionOf(instrument.tickSize)} decimals.`,
          };
        } else if (compare(total, instrument.minNotional) < 0) {
          errors.total = {
            code: 'NOTIONAL_BELOW_MIN',
            message: `Minimum order value is ${instrument.minNotional} ${instrument.quoteAsset}.`,
          };
        } else {
          request.quoteQuantity = toPlainString(total);
        }
      } else if (price) {
        // Limit by total: buy/sell the largest step multiple the total pays for at this price.
        derivedQuantity = quantityForTotal(toPlainString(total), toPlainString(price), instrument) ?? undefined;
        const qty = derivedQuantity ? parseDecimal(derivedQuantity) : null;
        if (!qty || !isPositive(qty)) {
          errors.total = {
            code: 'QUANTITY_BELOW_MIN',
            message: `Total is too small for one step of ${instrument.stepSize} ${instrument.baseAsset}.`,
          };
        } else {
          checkQuantity(qty, instrument, errors, 'total');
          if (!errors.total) request.quantity = toPlainString(qty);
        }
      }
    }
  } else {
    const qty = positiveDecimal(input.quantity, 'quantity', 'quantity', errors);
    if (qty) {
      checkQuantity(qty, instrument, errors, 'quantity');
      if (!errors.quantity) request.quantity = toPlainString(qty);
    }
  }

  // Notional
  if (!errors.quantity && !errors.total && request.quantity) {
    const reference = isMarket
      ? (input.side === 'BUY' ? market.bestAsk : market.bestBid) ?? market.lastPrice ?? null
      : price
        ? toPlainString(price)
        : null;
    if (reference) {
      const notional = mul(request.quantity, reference);
      if (compare(notional, instrument.minNotional) < 0) {
        const field: OrderField = input.sizeMode === 'total' ? 'total' : 'quantity';
        errors[field] = {
          code: 'NOTIONAL_BELOW_MIN',
          message: `${isMarket ? 'Estimated order' : 'Order'} value ${toPlainString(normalize(notional))} is below the minimum ${instrument.minNotional} ${instrument.quoteAsset}.`,
        };
      }
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return derivedQuantity ? { ok: true, request, quantity: derivedQuantity } : { ok: true, request };
}

/** Maps a server problem+json body onto form fields; anything without a known field goes to 'form'. */
export function problemToFieldErrors(problem: {
  title?: string;
  detail?: string;
  code?: string;
  field?: string;
  errors?: Array<{ field?: string; code?: string; message?: string }>;
}): FieldErrors {
  const known: Record<string, OrderField> = {
    price: 'price',
    quantity: 'quantity',
    quoteQuantity: 'total',
    timeInForce: 'timeInForce',
  };
  const errors: FieldErrors = {};
  for (const e of problem.errors ?? []) {
    const field = (e.field && known[e.field]) || 'form';
    if (!errors[field]) errors[field] = { code: e.code ?? 'INVALID', message: e.message ?? e.code ?? 'Invalid value.' };
  }
  if (Object.keys(errors).length === 0) {
    const field = (problem.field && known[problem.field]) || 'form';
    errors[field] = {
      code: problem.code ?? 'REJECTED',
      message: problem.detail ?? problem.title ?? 'The order was rejected.',
    };
  }
  return errors;
}

/** Binance-style client order id: at most 36 characters from [.A-Za-z0-9:/_-]. */
export function newClientOrderId(random: () => string = () => crypto.randomUUID()): string {
  return `web-${random().replace(/-/g, '')}`.slice(0, 36);
}
