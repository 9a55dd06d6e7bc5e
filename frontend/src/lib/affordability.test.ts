import { describe, expect, it } from 'vitest';
import { availability, holdOf, refuseUnaffordable } from './affordability';
import type { Instrument, NewOrderRequest } from './api-types';

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

const FREE: Record<string, string> = { USDT: '1000.00000000', BTC: '0.50000000' };
const free = (asset: string) => FREE[asset] ?? '0';
const unknown = () => null;

function request(overrides: Partial<NewOrderRequest>): NewOrderRequest {
  return { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', clientOrderId: 'web-1', ...overrides };
}

describe('availability', () => {
  it('shows free quote for a buy and the largest step quantity it pays for at the entered price', () => {
    expect(availability(BTC, { side: 'BUY', type: 'LIMIT', price: '30000' }, free)).toEqual({
      asset: 'USDT',
      free: '1000.00000000',
      maxQuantity: '0.03333',
    });
  });

  it('shows free base for a sell, floored to the step, at any price', () => {
    expect(availability(BTC, { side: 'SELL', type: 'MARKET', price: '' }, free)).toEqual({
      asset: 'BTC',
      free: '0.50000000',
      maxQuantity: '0.50000',
    });
  });

  it('has no maximum without a usable price, and nothing while balances are unknown', () => {
    expect(availability(BTC, { side: 'BUY', type: 'LIMIT', price: '' }, free).maxQuantity).toBeNull();
    expect(availability(BTC, { side: 'BUY', type: 'MARKET', price: '30000' }, free).maxQuantity).toBeNull();
    expect(availability(BTC, { side: 'BUY', type: 'LIMIT', price: '1' }, unknown)).toEqual({ asset: 'USDT', free: null, maxQuantity: null });
  });
});

describe('refuseUnaffordable', () => {
  it('holds price × quantity of quote for a limit buy, exactly', () => {
    expect(holdOf(BTC, request({ price: '40000.01', quantity: '0.025' }))).toEqual({ asset: 'USDT', amount: '1000.00025' });
    expect(refuseUnaffordable(BTC, request({ price: '40000.00', quantity: '0.025' }), free)).toBeNull();
    expect(refuseUnaffordable(BTC, request({ price: '40000.01', quantity: '0.025' }), free)).toEqual({
      code: 'INSUFFICIENT_BALANCE',
      message: 'Insufficient balance: this order needs 1000.00025 USDT, 1000 USDT available.',
    });
  });

  it('holds the quantity of base for a sell of any type', () => {
    expect(refuseUnaffordable(BTC, request({ side: 'SELL', type: 'MARKET', quantity: '0.5' }), free)).toBeNull();
    expect(refuseUnaffordable(BTC, request({ side: 'SELL', type: 'LIMIT_MAKER', price: '1', quantity: '0.50001' }), free)?.code).toBe(
      'INSUFFICIENT_BALANCE',
    );
  });

  it('holds the total of a market buy by total, and needs some quote for a market buy by quantity', () => {
    expect(refuseUnaffordable(BTC, request({ type: 'MARKET', quoteQuantity: '1000.01' }), free)?.code).toBe('INSUFFICIENT_BALANCE');
    expect(refuseUnaffordable(BTC, request({ type: 'MARKET', quantity: '5' }), free)).toBeNull();
    expect(refuseUnaffordable(BTC, request({ type: 'MARKET', quantity: '5' }), () => '0.00000000')).toEqual({
      code: 'INSUFFICIENT_BALANCE',
      message: 'Insufficient balance: no USDT available.',
    });
  });

  it('lets the order through while balances are unknown (the server decides)', () => {
    expect(refuseUnaffordable(BTC, request({ price: '1000000', quantity: '1' }), unknown)).toBeNull();
  });
});
