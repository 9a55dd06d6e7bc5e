import { describe, expect, it } from 'vitest';
import { EMPTY_ALERT_DRAFT, draftToAlert } from './alert-draft';

describe('draftToAlert', () => {
  it('sends only the fields of the chosen type', () => {
    expect(draftToAlert('BTCUSDT', { ...EMPTY_ALERT_DRAFT, price: ' 65000.10 ', percent: '5' })).toEqual({
      symbol: 'BTCUSDT',
      type: 'PRICE_ABOVE',
      price: '65000.10',
    });
    expect(draftToAlert('BTCUSDT', { ...EMPTY_ALERT_DRAFT, type: 'PERCENT_CHANGE', price: '1', percent: '2.5', window: '5m' })).toEqual({
      symbol: 'BTCUSDT',
      type: 'PERCENT_CHANGE',
      percent: '2.5',
      window: '5m',
    });
    expect(draftToAlert('ETHUSDT', { ...EMPTY_ALERT_DRAFT, type: 'ORDER_FILLED', partialFills: true })).toEqual({
      symbol: 'ETHUSDT',
      type: 'ORDER_FILLED',
      partialFills: true,
    });
  });

  it('names what is wrong with a price or percent instead of sending it', () => {
    expect(draftToAlert('BTCUSDT', { ...EMPTY_ALERT_DRAFT, type: 'PRICE_BELOW', price: '' })).toBe('Price: a positive decimal, e.g. 65000.00');
    expect(draftToAlert('BTCUSDT', { ...EMPTY_ALERT_DRAFT, price: '-1' })).toBe('Price: a positive decimal, e.g. 65000.00');
    expect(draftToAlert('BTCUSDT', { ...EMPTY_ALERT_DRAFT, price: '0.00' })).toBe('Price: must be above zero');
    expect(draftToAlert('BTCUSDT', { ...EMPTY_ALERT_DRAFT, type: 'PERCENT_CHANGE', percent: '1e3' })).toBe('Percent: a positive decimal, e.g. 5');
    expect(draftToAlert('BTCUSDT', { ...EMPTY_ALERT_DRAFT, type: 'PERCENT_CHANGE', percent: '0' })).toBe('Percent: must be above zero');
  });
});
