/**
 * A local L2 order book maintained from a REST snapshot plus `depthUpdate` diffs, following Binance's
 * documented algorithm (the same checks ccxt applies):
 *
 * 1. Until a snapshot is applied, diffs are buffered.
 * 2. When the snapshot arrives, buffered diffs with u <= lastUpdateId are dropped; the first diff applied
 *    must satisfy U <= lastUpdateId + 1 <= u.
 * 3. Afterwards every diff must have U == previous u + 1.
 *
 * Any violation is a gap: the book discards its levels, goes back to buffering (keeping the offending diff,
 * which a newer snapshot may still cover) and reports 'gap' so the caller fetches a new snapshot.
 * Quantities are absolute; "0" removes the level.
 */
import { add, compare, dec, isZero, normalize, precisionOf, ratio, rescale, sub, toPlainString } from './decimal';
import type { Decimal } from './decimal';
import type { DepthSnapshot, DepthUpdateEvent, PriceLevel } from './api-types';

export type BookStatus = 'awaiting-snapshot' | 'synced';
export type DiffResult = 'buffered' | 'applied' | 'stale' | 'gap';
export type SnapshotResult = 'synced' | 'gap';
export type BookSide = 'bid' | 'ask';

export type DepthDiff = Pick<DepthUpdateEvent, 'U' | 'u' | 'b' | 'a'>;

/** Prices are compared as integers at this scale; more decimals than this are rejected. */
const KEY_SCALE = 18;
const MAX_BUFFERED = 10_000;

interface Level {
  price: string;
  qty: string;
}

function priceKey(price: string): bigint {
  const d = dec(price);
  if (d.scale > KEY_SCALE) throw new Error(`price has more than ${KEY_SCALE} decimals: ${price}`);
  return rescale(d, KEY_SCALE).units;
}

/** One side of the book: levels by price, plus price keys kept sorted best-first. */
class SideBook {
  private readonly levels = new Map<bigint, Level>();
  /** Sorted best-first: descending for bids, ascending for asks. */
  private readonly keys: bigint[] = [];

  constructor(private readonly side: BookSide) {}

  clear(): void {
    this.levels.clear();
    this.keys.length = 0;
  }

  get size(): number {
    return this.keys.length;
  }

  set(price: string, qty: string): void {
    const key = priceKey(price);
    if (isZero(qty)) {
      if (this.levels.delete(key)) this.keys.splice(this.indexOf(key), 1);
      return;
    }
    if (!this.levels.has(key)) this.keys.splice(this.indexOf(key), 0, key);
    this.levels.set(key, { price, qty });
  }

  /** Binary search: index of key, or where it would be inserted. */
  private indexOf(key: bigint): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid];
      const before = this.side === 'bid' ? k > key : k < key;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  best(): Level | undefined {
    return this.keys.length === 0 ? undefined : this.levels.get(this.keys[0]);
  }

  top(n: number): Level[] {
    const out: Level[] = [];
    for (let i = 0; i < n && i < this.keys.length; i++) out.push(this.levels.get(this.keys[i])!);
    return out;
  }
}

export interface LadderRow {
  price: string;
  qty: string;
  /** Sum of quantities from the best price to this level, inclusive. */
  cumulative: string;
  /** cumulative / largest cumulative on either side shown, in [0, 1], for the depth bar width. */
  depth: number;
}

export interface LadderView {
  /** Best (lowest) ask first. */
  asks: LadderRow[];
  /** Best (highest) bid first. */
  bids: LadderRow[];
  spread: string | null;
  bestBid: string | null;
  bestAsk: string | null;
}

export class OrderBook {
  private readonly bids = new SideBook('bid');
  private readonly asks = new SideBook('ask');
  private buffer: DepthDiff[] = [];
  private _status: BookStatus = 'awaiting-snapshot';
  private _lastUpdateId = -1;
  private appliedSinceSnapshot = false;

  get status(): BookStatus {
    return this._status;
  }

  get lastUpdateId(): number {
    return this._lastUpdateId;
  }

  get bufferedCount(): number {
    return this.buffer.length;
  }

  /** Forget everything (e.g. the stream was interrupted) and buffer diffs until the next snapshot. */
  reset(): void {
    this.bids.clear();
    this.asks.clear();
    this.buffer = [];
    this._status = 'awaiting-snapshot';
    this._lastUpdateId = -1;
    this.appliedSinceSnapshot = false;
  }

  applyDiff(event: DepthDiff): DiffResult {
    if (this._status === 'awaiting-snapshot') {
      this.buffer.push(event);
      if (this.buffer.length > MAX_BUFFERED) this.buffer.shift();
      return 'buffered';
    }
    const result = this.applySynced(event);
    if (result === 'gap') this.restartFrom([event]);
    return result;
  }

  applySnapshot(snapshot: DepthSnapshot): SnapshotResult {
    this.bids.clear();
    this.asks.clear();
    for (const [price, qty] of snapshot.bids) this.bids.set(price, qty);
    for (const [price, qty] of snapshot.asks) this.asks.set(price, qty);
    this._lastUpdateId = snapshot.lastUpdateId;
    this._status = 'synced';
    this.appliedSinceSnapshot = false;
    const pending = this.buffer;
    this.buffer = [];
    for (let i = 0; i < pending.length; i++) {
      if (this.applySynced(pending[i]) === 'gap') {
        // The snapshot is older than what we buffered (or the buffer has a hole): keep the rest, ask again.
        this.restartFrom(pending.slice(i));
        return 'gap';
      }
    }
    return 'synced';
  }

  private applySynced(event: DepthDiff): DiffResult {
    const last = this._lastUpdateId;
    if (event.u <= last) return 'stale';
    const continuous = this.appliedSinceSnapshot
      ? event.U === last + 1
      : event.U <= last + 1 && last + 1 <= event.u;
    if (!continuous) return 'gap';
    for (const [price, qty] of event.b) this.bids.set(price, qty);
    for (const [price, qty] of event.a) this.asks.set(price, qty);
    this._lastUpdateId = event.u;
    this.appliedSinceSnapshot = true;
    return 'applied';
  }

  private restartFrom(events: DepthDiff[]): void {
    this.bids.clear();
    this.asks.clear();
    this._status = 'awaiting-snapshot';
    this._lastUpdateId = -1;
    this.appliedSinceSnapshot = false;
    this.buffer = events.slice(-MAX_BUFFERED);
  }

  bestBid(): PriceLevel | null {
    const l = this.bids.best();
    return l ? [l.price, l.qty] : null;
  }

  bestAsk(): PriceLevel | null {
    const l = this.asks.best();
    return l ? [l.price, l.qty] : null;
  }

  levels(side: BookSide, n: number): PriceLevel[] {
    return (side === 'bid' ? this.bids : this.asks).top(n).map((l) => [l.price, l.qty]);
  }

  depth(side: BookSide): number {
    return (side === 'bid' ? this.bids : this.asks).size;
  }

  /** The top `rows` levels per side with cumulative quantities and bar ratios, for the ladder. */
  ladder(rows: number): LadderView {
    const asks = cumulate(this.asks.top(rows));
    const bids = cumulate(this.bids.top(rows));
    const lastAsk = asks.length ? asks[asks.length - 1].cumulative : '0';
    const lastBid = bids.length ? bids[bids.length - 1].cumulative : '0';
    const largest = compare(lastAsk, lastBid) >= 0 ? lastAsk : lastBid;
    for (const row of asks) row.depth = ratio(row.cumulative, largest);
    for (const row of bids) row.depth = ratio(row.cumulative, largest);
    const bestBid = bids[0]?.price ?? null;
    const bestAsk = asks[0]?.price ?? null;
    let spread: string | null = null;
    if (bestBid !== null && bestAsk !== null) {
      const diff = sub(bestAsk, bestBid);
      spread = toPlainString(rescale(diff, Math.max(precisionOf(bestAsk), precisionOf(bestBid))));
    }
    return { asks, bids, spread, bestBid, bestAsk };
  }
}

function cumulate(levels: Level[]): LadderRow[] {
  let running: Decimal = { units: 0n, scale: 0 };
  return levels.map((l) => {
    running = add(running, l.qty);
    return { price: l.price, qty: l.qty, cumulative: toPlainString(normalize(running)), depth: 0 };
  });
}
