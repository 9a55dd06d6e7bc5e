import { describe, expect, it } from 'vitest';
import { alertNotificationText } from './alert-notifications';
import type { AlertFrame } from './api-types';

function frame(fields: Partial<AlertFrame>): AlertFrame {
  return { e: 'alert', E: 2, a: 'al1', s: 'BTCUSDT', k: 'PRICE_ABOVE', n: 3, p: '66000.12', T: 1, ...fields };
}

describe('alertNotificationText', () => {
  it('names the symbol, the client alert id and the level a price alert crossed, tagged by alert and firing', () => {
    expect(alertNotificationText(frame({ c: 'moon-1', L: '66000.00' }))).toEqual({
      title: 'BTCUSDT alert moon-1',
      body: 'Price 66000.12 reached 66000.00 or above',
      tag: 'al1:3',
    });
    expect(alertNotificationText(frame({ k: 'PRICE_BELOW', p: '59999.90', L: '60000.00' })).body).toBe(
      'Price 59999.90 reached 60000.00 or below',
    );
  });

  it('gives a percent change with its sign, reference price and window', () => {
    expect(alertNotificationText(frame({ k: 'PERCENT_CHANGE', R: '60000.00', P: '10.00', w: 60 })).body).toBe(
      'Price 66000.12 moved +10.00% against 60000.00 1h ago',
    );
    expect(alertNotificationText(frame({ k: 'PERCENT_CHANGE', R: '70000.00', P: '-5.71', w: 5 })).body).toBe(
      'Price 66000.12 moved -5.71% against 70000.00 5m ago',
    );
  });

  it('tells a complete fill from a partial one', () => {
    expect(alertNotificationText(frame({ k: 'ORDER_FILLED', i: 'o1', X: 'FILLED', z: '0.50000' })).body).toBe(
      'Order o1 filled: 0.50000 at 66000.12',
    );
    expect(alertNotificationText(frame({ k: 'ORDER_FILLED', i: 'o1', X: 'PARTIALLY_FILLED', z: '0.10000' })).body).toBe(
      'Order o1 partially filled: 0.10000 at 66000.12',
    );
  });
});
