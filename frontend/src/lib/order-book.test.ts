import { describe, expect, it } from 'vitest';
import { OrderBook } from './order-book';
import type { DepthDiff } from './order-book';
import type { DepthSnapshot, PriceLevel } from './api-types';

function snapshot(lastUpdateId: number, bids: PriceLevel[] = [], asks: PriceLevel[] = []): DepthSnapshot {
  return { lastUpdateId, bids, asks };
}

function diff(U: number, u: number, b: PriceLevel[] = [], a: PriceLevel[] = []): DepthDiff {
  return { U, u, b, a };
}

const SNAP = snapshot(
  100,
  [
    ['99.00', '1.0'],
    ['98.50', '2.0'],
    ['98.00', '3.0'],
  ],
  [
    ['100.00', '1.5'],
    ['101.00', '0.5'],
  ],
);

describe('OrderBook snapshot', () => {
  it('orders bids descending and asks ascending regardless of input order and price text', () => {
    const book = new OrderBook();
    book.applySnapshot(
      snapshot(
        1,
        [
          ['9.5', '1'],
          ['10.00000000', '1'],
          ['9.75', '1'],
        ],
        [
          ['11', '1'],
          ['10.25', '1'],
          ['10.5', '1'],
        ],
      ),
    );
    expect(book.levels('bid', 10).map(([p]) => p)).toEqual(['10.00000000', '9.75', '9.5']);
    expect(book.levels('ask', 10).map(([p]) => p)).toEqual(['10.25', '10.5', '11']);
  });

  it('treats prices equal in value as the same level', () => {
    const book = new OrderBook();
    book.applySnapshot(snapshot(1, [['100.0', '1']], []));
    expect(book.applyDiff(diff(2, 2, [['100.00000', '4']]))).toBe('applied');
    expect(book.levels('bid', 10)).toEqual([['100.00000', '4']]);
    book.applyDiff(diff(3, 3, [['100', '0']]));
    expect(book.depth('bid')).toBe(0);
  });
});

describe('OrderBook diffs (Binance algorithm)', () => {
  it('buffers diffs until the snapshot, then drops stale ones and applies the rest in order', () => {
    const book = new OrderBook();
    expect(book.applyDiff(diff(95, 99, [['98.00', '9']]))).toBe('buffered'); // u <= 100: stale
    expect(book.applyDiff(diff(100, 102, [['99.00', '0']], [['100.00', '2.5']]))).toBe('buffered');
    expect(book.applyDiff(diff(103, 103, [['99.50', '4']]))).toBe('buffered');
    expect(book.status).toBe('awaiting-snapshot');

    expect(book.applySnapshot(SNAP)).toBe('synced');
    expect(book.status).toBe('synced');
    expect(book.lastUpdateId).toBe(103);
    expect(book.levels('bid', 10)).toEqual([
      ['99.50', '4'],
      ['98.50', '2.0'],
      ['98.00', '3.0'], // the stale diff's "9" was not applied
    ]);
    expect(book.bestAsk()).toEqual(['100.00', '2.5']);
  });

  it('accepts a first event that straddles lastUpdateId + 1 and then requires U == previous u + 1', () => {
    const book = new OrderBook();
    book.applySnapshot(SNAP);
    expect(book.applyDiff(diff(99, 101, [['97.00', '1']]))).toBe('applied');
    expect(book.applyDiff(diff(102, 105))).toBe('applied');
    expect(book.applyDiff(diff(104, 105))).toBe('stale');
    expect(book.applyDiff(diff(106, 106, [['96.00', '1']]))).toBe('applied');
    expect(book.lastUpdateId).toBe(106);
  });

  it('detects a gap in the first event after the snapshot', () => {
    const book = new OrderBook();
    book.applySnapshot(SNAP);
    expect(book.applyDiff(diff(102, 103))).toBe('gap'); // 101 missing
    expect(book.status).toBe('awaiting-snapshot');
    expect(book.depth('bid')).toBe(0);
    expect(book.bufferedCount).toBe(1); // the gap event is kept for the next snapshot
  });

  it('detects a gap between consecutive events and signals a resnapshot', () => {
    const book = new OrderBook();
    book.applySnapshot(SNAP);
    book.applyDiff(diff(101, 110));
    expect(book.applyDiff(diff(112, 115, [['99.00', '7']]))).toBe('gap');
    expect(book.status).toBe('awaiting-snapshot');
    expect(book.bestBid()).toBeNull();

    // Diffs keep buffering; a fresh snapshot covering the gap event resynchronises.
    expect(book.applyDiff(diff(116, 118, [['99.00', '8']]))).toBe('buffered');
    expect(book.applySnapshot(snapshot(114, [['99.00', '6']], [['100.00', '1']]))).toBe('synced');
    expect(book.lastUpdateId).toBe(118);
    expect(book.bestBid()).toEqual(['99.00', '8']);
  });

  it('reports a snapshot older than the buffered events as a gap and keeps the events', () => {
    const book = new OrderBook();
    book.applyDiff(diff(200, 205));
    book.applyDiff(diff(206, 210, [['99.00', '3']]));
    expect(book.applySnapshot(SNAP)).toBe('gap'); // snapshot 100, first event starts at 200
    expect(book.status).toBe('awaiting-snapshot');
    expect(book.bufferedCount).toBe(2);
    expect(book.applySnapshot(snapshot(204, [['99.00', '1']]))).toBe('synced');
    expect(book.lastUpdateId).toBe(210);
    expect(book.bestBid()).toEqual(['99.00', '3']);
  });

  it('drops everything on reset and buffers again', () => {
    const book = new OrderBook();
    book.applySnapshot(SNAP);
    book.reset();
    expect(book.status).toBe('awaiting-snapshot');
    expect(book.depth('ask')).toBe(0);
    expect(book.applyDiff(diff(101, 101))).toBe('buffered');
  });
});

describe('OrderBook ladder', () => {
  it('computes cumulative depth, bar ratios and spread exactly', () => {
    const book = new OrderBook();
    book.applySnapshot(
      snapshot(
        1,
        [
          ['99.99', '0.1'],
          ['99.98', '0.2'],
        ],
        [
          ['100.01', '0.3'],
          ['100.02', '0.5'],
        ],
      ),
    );
    const view = book.ladder(10);
    expect(view.bids.map((r) => r.cumulative)).toEqual(['0.1', '0.3']); // not 0.30000000000000004
    expect(view.asks.map((r) => r.cumulative)).toEqual(['0.3', '0.8']);
    expect(view.asks[1].depth).toBe(1);
    expect(view.bids[1].depth).toBe(0.375);
    expect(view.spread).toBe('0.02');
    expect(view.bestBid).toBe('99.99');
    expect(view.bestAsk).toBe('100.01');
  });

  it('limits rows and has no spread for a one-sided book', () => {
    const book = new OrderBook();
    book.applySnapshot(SNAP);
    expect(book.ladder(2).bids).toHaveLength(2);
    book.applyDiff(diff(101, 101, [], [['100.00', '0'], ['101.00', '0']]));
    expect(book.ladder(5).spread).toBeNull();
  });
});
