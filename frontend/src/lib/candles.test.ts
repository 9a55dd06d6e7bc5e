import { describe, expect, it } from 'vitest';
import { bucketStart, CandleSeries } from './candles';
import type { KlineEvent, KlineRow } from './api-types';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0); // a minute boundary

function row(openTime: number, o: string, h: string, l: string, c: string, v: string): KlineRow {
  return [openTime, o, h, l, c, v, openTime + 59_999, '0', 1, '0', '0', '0'];
}

function kline(t: number, o: string, h: string, l: string, c: string, v: string, lastTradeId: number, closed = false): KlineEvent['k'] {
  return { t, T: t + 59_999, s: 'BTCUSDT', i: '1m', f: 0, L: lastTradeId, o, c, h, l, v, n: 1, x: closed, q: '0', V: '0', Q: '0', B: '0' };
}

describe('buckets', () => {
  it('aligns to UTC multiples of the interval', () => {
    expect(bucketStart(T0 + 59_999, '1m')).toBe(T0);
    expect(bucketStart(T0 + 60_000, '1m')).toBe(T0 + 60_000);
    expect(bucketStart(Date.UTC(2025, 0, 1, 13, 7), '15m')).toBe(Date.UTC(2025, 0, 1, 13, 0));
    expect(bucketStart(Date.UTC(2025, 0, 1, 23, 59), '1d')).toBe(Date.UTC(2025, 0, 1));
    expect(() => bucketStart(0, '7m')).toThrow('unsupported interval');
  });
});

describe('CandleSeries', () => {
  it('loads REST rows sorted and deduplicated', () => {
    const s = new CandleSeries('1m');
    s.load([row(T0 + 60_000, '2', '2', '2', '2', '1'), row(T0, '1', '1', '1', '1', '1'), row(T0 + 60_000, '3', '3', '3', '3', '1')]);
    expect(s.candles().map((c) => [c.openTime, c.open])).toEqual([
      [T0, '1'],
      [T0 + 60_000, '3'],
    ]);
  });

  it('folds a trade into the open candle: high, low, close and exact volume', () => {
    const s = new CandleSeries('1m');
    s.load([row(T0, '100.00', '101.00', '99.00', '100.50', '0.1')]);
    s.applyTrade({ id: 1, price: '102.00', qty: '0.2', time: T0 + 1000 });
    const c = s.applyTrade({ id: 2, price: '98.50', qty: '0.00001', time: T0 + 2000 })!;
    expect(c).toMatchObject({ openTime: T0, open: '100.00', high: '102.00', low: '98.50', close: '98.50', volume: '0.30001' });
    expect(s.candles()).toHaveLength(1);
  });

  it('opens a new candle when a trade falls in the next bucket, and closes the previous one', () => {
    const s = new CandleSeries('1m');
    s.load([row(T0, '100', '100', '100', '100', '1')]);
    const c = s.applyTrade({ id: 7, price: '105', qty: '2', time: T0 + 3 * 60_000 + 5 })!;
    expect(c).toEqual({ openTime: T0 + 180_000, open: '105', high: '105', low: '105', close: '105', volume: '2', lastTradeId: 7, closed: false });
    expect(s.candles()).toHaveLength(2);
    expect(s.candles()[0].closed).toBe(true);
  });

  it('starts from nothing with the first trade', () => {
    const s = new CandleSeries('5m');
    const c = s.applyTrade({ id: 1, price: '1.5', qty: '3', time: T0 + 4 * 60_000 })!;
    expect(c.openTime).toBe(T0);
  });

  it('ignores trades of an older bucket', () => {
    const s = new CandleSeries('1m');
    s.load([row(T0, '1', '1', '1', '1', '1'), row(T0 + 60_000, '2', '2', '2', '2', '1')]);
    expect(s.applyTrade({ id: 3, price: '9', qty: '1', time: T0 + 10 })).toBeNull();
    expect(s.candles()[0].high).toBe('1');
  });

  it('lets a kline update replace the candle, then skips trades it already includes', () => {
    const s = new CandleSeries('1m');
    s.load([row(T0, '100', '100', '100', '100', '1')]);
    s.applyTrade({ id: 10, price: '101', qty: '1', time: T0 + 1 });
    const replaced = s.applyKline(kline(T0, '100', '103', '99', '102', '5', 12))!;
    expect(replaced).toMatchObject({ high: '103', low: '99', close: '102', volume: '5', lastTradeId: 12 });
    expect(s.candles()[0]).toBe(replaced);

    expect(s.applyTrade({ id: 12, price: '50', qty: '100', time: T0 + 2 })).toBeNull(); // already in the kline
    const c = s.applyTrade({ id: 13, price: '104', qty: '0.5', time: T0 + 3 })!;
    expect(c).toMatchObject({ high: '104', close: '104', volume: '5.5', lastTradeId: 13 });
  });

  it('appends a kline for a new bucket and replaces a historical one by open time', () => {
    const s = new CandleSeries('1m');
    s.load([row(T0, '1', '1', '1', '1', '1'), row(T0 + 60_000, '2', '2', '2', '2', '1')]);
    s.applyKline(kline(T0, '1', '9', '1', '8', '4', 5, true));
    expect(s.candles()[0]).toMatchObject({ high: '9', close: '8', closed: true });
    s.applyKline(kline(T0 + 120_000, '3', '3', '3', '3', '1', 6));
    expect(s.candles().map((c) => c.openTime)).toEqual([T0, T0 + 60_000, T0 + 120_000]);
    expect(s.candles()[1].closed).toBe(true);
  });

  it('does not let an older kline undo trades folded after it, nor accept another interval', () => {
    const s = new CandleSeries('1m');
    s.applyTrade({ id: 20, price: '10', qty: '1', time: T0 });
    expect(s.applyKline(kline(T0, '10', '10', '10', '10', '0.5', 19))).toBeNull();
    expect(s.last()!.volume).toBe('1');
    expect(s.applyKline({ ...kline(T0, '1', '1', '1', '1', '1', 30), i: '5m' })).toBeNull();
  });

  it('keeps at most maxCandles', () => {
    const s = new CandleSeries('1m', 3);
    for (let i = 0; i < 5; i++) s.applyTrade({ id: i + 1, price: '1', qty: '1', time: T0 + i * 60_000 });
    expect(s.candles().map((c) => c.openTime)).toEqual([T0 + 120_000, T0 + 180_000, T0 + 240_000]);
  });
});
