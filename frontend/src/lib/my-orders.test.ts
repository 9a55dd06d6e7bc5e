import { describe, expect, it } from 'vitest';
import { MyOrders, rejectionNotice } from './my-orders';
import type { ExecutionReport, HistoryOrder } from './api-types';

const ID = '0190a3c2-7b1e-7f00-8000-000000000001';

function report(overrides: Partial<ExecutionReport>): ExecutionReport {
  return {
    e: 'executionReport', E: 1000, s: 'BTCUSDT', c: 'web-1', S: 'BUY', o: 'LIMIT', f: 'GTC', q: '1.0', p: '100.00',
    x: 'NEW', X: 'NEW', r: 'NONE', i: ID, l: '0', z: '0', L: '0', n: '0', T: 1000, t: -1, m: false, O: 900,
    Z: '0', Y: '0', ...overrides,
  };
}

function restOrder(overrides: Partial<HistoryOrder>): HistoryOrder {
  return {
    orderId: ID, clientOrderId: 'web-1', symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '100.00',
    quantity: '1.0', executedQuantity: '0', cumulativeQuote: '0', status: 'NEW', createdAt: 900, updatedAt: 1000, ...overrides,
  };
}

describe('MyOrders', () => {
  it('moves an order from open to history when it fills, recording each fill once', () => {
    const m = new MyOrders();
    m.applyReport(report({}));
    expect(m.open('BTCUSDT').map((o) => o.status)).toEqual(['NEW']);
    const partial = report({ E: 1100, x: 'TRADE', X: 'PARTIALLY_FILLED', l: '0.4', z: '0.4', L: '100.00', t: 7, T: 1100, n: '0.0004', N: 'BTC' });
    m.applyReport(partial);
    m.applyReport(partial); // duplicate delivery
    m.applyReport(report({ E: 1200, x: 'TRADE', X: 'FILLED', l: '0.6', z: '1.0', L: '99.99', t: 8, T: 1200, Z: '99.994' }));
    expect(m.open('BTCUSDT')).toEqual([]);
    expect(m.history('BTCUSDT')[0]).toMatchObject({ status: 'FILLED', executedQuantity: '1.0', cumulativeQuote: '99.994' });
    expect(m.fills('BTCUSDT').map((f) => [f.tradeId, f.quoteQuantity, f.commission, f.commissionAsset])).toEqual([
      [8, '59.994', '0', null],
      [7, '40', '0.0004', 'BTC'],
    ]);
  });

  it('does not let a stale REST page reopen an order the stream already finished', () => {
    const m = new MyOrders();
    m.applyReport(report({ E: 2000, x: 'CANCELED', X: 'CANCELED' }));
    m.load([restOrder({ status: 'NEW', updatedAt: 2500 })]);
    expect(m.get(ID)?.status).toBe('CANCELED');
    expect(m.open('BTCUSDT')).toEqual([]);
  });

  it('keeps an order the stream confirmed when its 202 is handled afterwards, at the same time', () => {
    const m = new MyOrders();
    // The matcher stamps the report with the command's time, which is the 202's acceptedAt.
    m.applyReport(report({ E: 1000, x: 'NEW', X: 'NEW' }));
    m.addAccepted(
      { orderId: ID, clientOrderId: 'web-1', symbol: 'BTCUSDT', status: 'PENDING_NEW', acceptedAt: 1000 },
      { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: '100.00', quantity: '1.0', clientOrderId: 'web-1' },
    );
    expect(m.open('BTCUSDT').map((o) => o.status)).toEqual(['NEW']);
  });

  it('keeps the reject reason code and ignores older reports', () => {
    const m = new MyOrders();
    m.addAccepted(
      { orderId: ID, clientOrderId: 'web-1', symbol: 'BTCUSDT', status: 'PENDING_NEW', acceptedAt: 500 },
      { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT_MAKER', price: '100.00', quantity: '1', clientOrderId: 'web-1' },
    );
    expect(m.open('BTCUSDT')[0].status).toBe('PENDING_NEW');
    m.applyReport(report({ E: 600, o: 'LIMIT_MAKER', x: 'REJECTED', X: 'REJECTED', r: 'POST_ONLY_WOULD_TAKE' }));
    expect(m.history('BTCUSDT')[0]).toMatchObject({ status: 'REJECTED', reason: 'POST_ONLY_WOULD_TAKE', timeInForce: null });
  });

  it('words a rejection with its reason, and nothing for an order that was not rejected', () => {
    const m = new MyOrders();
    const short = (id: string) => id.slice(0, 8);
    m.applyReport(report({ x: 'NEW', X: 'NEW' }));
    expect(rejectionNotice(m.get(ID), short)).toBeNull();
    expect(rejectionNotice(undefined, short)).toBeNull();
    m.applyReport(report({ E: 1100, x: 'REJECTED', X: 'REJECTED', r: 'INSUFFICIENT_BALANCE' }));
    expect(rejectionNotice(m.get(ID), short)).toBe('Order 0190a3c2 rejected: insufficient balance');
    m.applyReport(report({ i: 'other-order', x: 'REJECTED', X: 'REJECTED', r: 'POST_ONLY_WOULD_TAKE' }));
    expect(rejectionNotice(m.get('other-order'), short)).toBe('Order other-or rejected: POST_ONLY_WOULD_TAKE');
  });

  it('separates symbols', () => {
    const m = new MyOrders();
    m.load([restOrder({}), restOrder({ orderId: 'other', symbol: 'ETHUSDT' })]);
    expect(m.open('BTCUSDT').map((o) => o.orderId)).toEqual([ID]);
    expect(m.open('ETHUSDT').map((o) => o.orderId)).toEqual(['other']);
  });
});
