import { describe, expect, it } from 'vitest';
import {
  emptyOrderForm,
  newClientOrderId,
  notionalOf,
  problemToFieldErrors,
  quantityForTotal,
  validateOrder,
} from './order-validation';
import type { OrderFormInput } from './order-validation';
import type { Instrument } from './api-types';

const BTC: Instrument = {
  symbol: 'BTCUSDT',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  status: 'TRADING',
  tickSize: '0.01',
  stepSize: '0.00001',
  minQuantity: '0.00001',
  maxQuantity: '1000',
  minNotional: '5',
  maxOpenOrders: 200,
};

const NICKEL: Instrument = { ...BTC, symbol: 'XYZUSDT', baseAsset: 'XYZ', tickSize: '0.05', stepSize: '0.5', minQuantity: '1', maxQuantity: '100' };

const ID = 'web-test';

function form(overrides: Partial<OrderFormInput>): OrderFormInput {
  return { ...emptyOrderForm(), ...overrides };
}

function errorsOf(instrument: Instrument, input: Partial<OrderFormInput>, market = {}) {
  const r = validateOrder(instrument, form(input), market, ID);
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.request)}`);
  return r.errors;
}

describe('limit orders', () => {
  it('builds the request from a valid form, with decimal strings as typed', () => {
    const r = validateOrder(BTC, form({ price: '65000.10', quantity: '0.00100' }), {}, ID);
    expect(r).toEqual({
      ok: true,
      request: { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '65000.10', quantity: '0.00100', clientOrderId: ID },
    });
  });

  it('rejects a price off the tick, including ticks that are not powers of ten', () => {
    expect(errorsOf(BTC, { price: '100.001', quantity: '1' }).price?.code).toBe('PRICE_NOT_ON_TICK');
    expect(errorsOf(NICKEL, { price: '10.07', quantity: '1' }).price?.code).toBe('PRICE_NOT_ON_TICK');
    expect(validateOrder(NICKEL, form({ price: '10.15', quantity: '1' }), {}, ID).ok).toBe(true);
    // 0.3 is on a 0.1 tick even though 0.3 % 0.1 != 0 in floating point
    expect(validateOrder({ ...BTC, tickSize: '0.1' }, form({ price: '0.3', quantity: '100' }), {}, ID).ok).toBe(true);
  });

  it('requires a positive plain decimal price', () => {
    expect(errorsOf(BTC, { price: '', quantity: '1' }).price?.code).toBe('PRICE_REQUIRED');
    expect(errorsOf(BTC, { price: '1e3', quantity: '1' }).price?.code).toBe('PRICE_INVALID');
    expect(errorsOf(BTC, { price: '0', quantity: '1' }).price?.code).toBe('PRICE_NOT_POSITIVE');
    expect(errorsOf(BTC, { price: '-5', quantity: '1' }).price?.code).toBe('PRICE_NOT_POSITIVE');
  });

  it('checks the step size, then min and max quantity', () => {
    expect(errorsOf(BTC, { price: '100', quantity: '0.000015' }).quantity?.code).toBe('QUANTITY_NOT_ON_STEP');
    expect(errorsOf(NICKEL, { price: '10', quantity: '1.25' }).quantity?.code).toBe('QUANTITY_NOT_ON_STEP');
    expect(errorsOf(NICKEL, { price: '10', quantity: '0.5' }).quantity?.code).toBe('QUANTITY_BELOW_MIN');
    expect(errorsOf(BTC, { price: '100', quantity: '1000.00001' }).quantity?.code).toBe('QUANTITY_ABOVE_MAX');
    expect(validateOrder(BTC, form({ price: '100', quantity: '1000' }), {}, ID).ok).toBe(true);
  });

  it('checks the notional exactly at the boundary', () => {
    // 0.00005 * 100000.00 = 5.0000000 = minNotional: allowed; one tick less is not.
    expect(validateOrder(BTC, form({ price: '100000.00', quantity: '0.00005' }), {}, ID).ok).toBe(true);
    const e = errorsOf(BTC, { price: '99999.99', quantity: '0.00005' });
    expect(e.quantity?.code).toBe('NOTIONAL_BELOW_MIN');
    expect(e.quantity?.message).toContain('4.9999995');
  });

  it('derives the quantity from a total, flooring to the step', () => {
    expect(quantityForTotal('100', '30000.00', BTC)).toBe('0.00333');
    expect(quantityForTotal('100', '7', NICKEL)).toBe('14.0'); // 14.28.. floors to a multiple of 0.5, at the step's precision
    expect(quantityForTotal('x', '7', NICKEL)).toBeNull();
    const r = validateOrder(BTC, form({ price: '30000.00', sizeMode: 'total', total: '100' }), {}, ID);
    expect(r).toMatchObject({ ok: true, quantity: '0.00333', request: { quantity: '0.00333', price: '30000.00' } });
    expect(errorsOf(BTC, { price: '30000.00', sizeMode: 'total', total: '0.1' }).total?.code).toBe('QUANTITY_BELOW_MIN');
  });

  it('sends the time in force for LIMIT only', () => {
    const r = validateOrder(BTC, form({ price: '100', quantity: '1', timeInForce: 'FOK' }), {}, ID);
    expect(r.ok && r.request.timeInForce).toBe('FOK');
  });

  it('refuses orders on a halted instrument', () => {
    expect(errorsOf({ ...BTC, status: 'HALTED' }, { price: '100', quantity: '1' }).form?.code).toBe('INSTRUMENT_NOT_TRADING');
  });

  it('passes self-trade prevention through only when set', () => {
    const r = validateOrder(BTC, form({ price: '100', quantity: '1', selfTradePrevention: 'EXPIRE_MAKER' }), {}, ID);
    expect(r.ok && r.request.selfTradePrevention).toBe('EXPIRE_MAKER');
  });
});

describe('post-only (LIMIT_MAKER)', () => {
  const book = { bestBid: '99.00', bestAsk: '100.00' };

  it('rejects a buy at or above the best ask and a sell at or below the best bid', () => {
    expect(errorsOf(BTC, { type: 'LIMIT_MAKER', price: '100.00', quantity: '1' }, book).price?.code).toBe('POST_ONLY_WOULD_TAKE');
    expect(errorsOf(BTC, { type: 'LIMIT_MAKER', side: 'SELL', price: '99.00', quantity: '1' }, book).price?.code).toBe(
      'POST_ONLY_WOULD_TAKE',
    );
  });

  it('accepts a resting price and sends no time in force', () => {
    const r = validateOrder(BTC, form({ type: 'LIMIT_MAKER', price: '99.99', quantity: '1' }), book, ID);
    expect(r.ok).toBe(true);
    expect(r.ok && r.request).toEqual({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT_MAKER', price: '99.99', quantity: '1', clientOrderId: ID });
  });
});

describe('market orders', () => {
  it('sends no price and no time in force', () => {
    const r = validateOrder(BTC, form({ type: 'MARKET', price: '123.456', quantity: '1' }), { bestAsk: '100' }, ID);
    expect(r.ok && r.request).toEqual({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '1', clientOrderId: ID });
  });

  it('estimates the notional from the opposite best price, else the last price', () => {
    expect(errorsOf(BTC, { type: 'MARKET', quantity: '0.0001' }, { bestAsk: '40000', lastPrice: '60000' }).quantity?.code).toBe(
      'NOTIONAL_BELOW_MIN',
    );
    expect(validateOrder(BTC, form({ type: 'MARKET', side: 'SELL', quantity: '0.0001' }), { bestBid: '60000' }, ID).ok).toBe(true);
    expect(validateOrder(BTC, form({ type: 'MARKET', quantity: '0.0001' }), { lastPrice: '60000' }, ID).ok).toBe(true);
    // Nothing to estimate with: leave it to the server.
    expect(validateOrder(BTC, form({ type: 'MARKET', quantity: '0.00001' }), {}, ID).ok).toBe(true);
  });

  it('buys by total as quoteQuantity, checked against min notional and quote precision', () => {
    const r = validateOrder(BTC, form({ type: 'MARKET', sizeMode: 'total', total: '250.50' }), {}, ID);
    expect(r.ok && r.request).toEqual({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteQuantity: '250.50', clientOrderId: ID });
    expect(errorsOf(BTC, { type: 'MARKET', sizeMode: 'total', total: '4.99' }).total?.code).toBe('NOTIONAL_BELOW_MIN');
    expect(errorsOf(BTC, { type: 'MARKET', sizeMode: 'total', total: '10.001' }).total?.code).toBe('QUOTE_QUANTITY_PRECISION');
    expect(errorsOf(BTC, { type: 'MARKET', side: 'SELL', sizeMode: 'total', total: '10' }).total?.code).toBe(
      'QUOTE_QUANTITY_SELL_UNSUPPORTED',
    );
  });
});

describe('helpers', () => {
  it('computes the notional exactly', () => {
    expect(notionalOf('65000.01', '0.00003')).toBe('1.9500003');
    expect(notionalOf('', '1')).toBeNull();
  });

  it('maps server problems to fields, falling back to the form', () => {
    expect(
      problemToFieldErrors({
        code: 'PRICE_NOT_ON_TICK',
        field: 'price',
        errors: [
          { field: 'price', code: 'PRICE_NOT_ON_TICK', message: 'price 1.001 is not a multiple of 0.01' },
          { field: 'quoteQuantity', code: 'NOTIONAL_BELOW_MIN', message: 'too small' },
        ],
      }),
    ).toEqual({
      price: { code: 'PRICE_NOT_ON_TICK', message: 'price 1.001 is not a multiple of 0.01' },
      total: { code: 'NOTIONAL_BELOW_MIN', message: 'too small' },
    });
    expect(problemToFieldErrors({ title: 'Too Many Requests', code: 'RATE_LIMITED' })).toEqual({
      form: { code: 'RATE_LIMITED', message: 'Too Many Requests' },
    });
    expect(problemToFieldErrors({ detail: 'bad qty', code: 'X', field: 'quantity' })).toEqual({ quantity: { code: 'X', message: 'bad qty' } });
  });

  it('makes Binance-compatible client order ids', () => {
    const id = newClientOrderId(() => '0190a3c2-7b1e-7f00-8000-123456789abc');
    expect(id).toBe('web-0190a3c27b1e7f008000123456789abc');
    expect(id).toMatch(/^[.A-Za-z0-9:/_-]{1,36}$/);
  });
});
