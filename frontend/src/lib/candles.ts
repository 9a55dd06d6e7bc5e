/**
 * Candles for one symbol and interval: history loaded once over REST, then kept live from two streams.
 *
 * - `<s>@kline_<i>` is authoritative: an update replaces the candle with the same open time (it carries the
 *   last trade id it includes).
 * - `<s>@trade` is folded into the open candle between kline updates so the chart moves with every trade;
 *   a trade whose id the candle already includes is skipped, so a kline update followed by the same trade
 *   does not count its volume twice. A trade in a later bucket opens a new candle.
 *
 * Buckets are aligned to UTC epoch multiples of the interval, as Binance does for 1m..1d.
 */
import { add, compare, toPlainString } from './decimal';
import type { KlineEvent, KlineRow } from './api-types';

export const CHART_INTERVALS = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type ChartInterval = (typeof CHART_INTERVALS)[number];

const MINUTE = 60_000;
const INTERVAL_MS: Record<string, number> = {
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '2h': 120 * MINUTE,
  '4h': 240 * MINUTE,
  '6h': 360 * MINUTE,
  '8h': 480 * MINUTE,
  '12h': 720 * MINUTE,
  '1d': 1440 * MINUTE,
};

export function intervalMs(interval: string): number {
  const ms = INTERVAL_MS[interval];
  if (ms === undefined) throw new Error(`unsupported interval: ${interval}`);
  return ms;
}

export function bucketStart(time: number, interval: string): number {
  const ms = intervalMs(interval);
  return Math.floor(time / ms) * ms;
}

export interface Candle {
  openTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  /** Highest trade id included; -1 when unknown (loaded over REST). */
  lastTradeId: number;
  closed: boolean;
}

export interface TradeTick {
  id: number;
  price: string;
  qty: string;
  time: number;
}

function sumQty(a: string, b: string): string {
  return toPlainString(add(a, b));
}

export function candleFromRow(row: KlineRow): Candle {
  return {
    openTime: row[0],
    open: row[1],
    high: row[2],
    low: row[3],
    close: row[4],
    volume: row[5],
    lastTradeId: -1,
    closed: false,
  };
}

export function candleFromKline(k: KlineEvent['k']): Candle {
  return { openTime: k.t, open: k.o, high: k.h, low: k.l, close: k.c, volume: k.v, lastTradeId: k.L, closed: k.x };
}

export class CandleSeries {
  private items: Candle[] = [];
  private readonly ms: number;

  constructor(
    readonly interval: string,
    private readonly maxCandles = 2000,
  ) {
    this.ms = intervalMs(interval);
  }

  candles(): readonly Candle[] {
    return this.items;
  }

  last(): Candle | undefined {
    return this.items[this.items.length - 1];
  }

  /** Replaces everything with REST history (rows in any order; duplicates collapse to the later row). */
  load(rows: KlineRow[]): void {
    const byTime = new Map<number, Candle>();
    for (const row of rows) byTime.set(row[0], candleFromRow(row));
    this.items = [...byTime.values()].sort((a, b) => a.openTime - b.openTime);
    this.trim();
  }

  /** Folds one trade; returns the candle that changed, or null when the trade was ignored. */
  applyTrade(trade: TradeTick): Candle | null {
    const start = Math.floor(trade.time / this.ms) * this.ms;
    const last = this.last();
    if (!last || start > last.openTime) {
      const candle: Candle = {
        openTime: start,
        open: trade.price,
        high: trade.price,
        low: trade.price,
        close: trade.price,
        volume: trade.qty,
        lastTradeId: trade.id,
        closed: false,
      };
      if (last) last.closed = true;
      this.items.push(candle);
      this.trim();
      return candle;
    }
    if (start < last.openTime) return null; // late trade of an older bucket: the kline stream has it
    if (last.lastTradeId >= 0 && trade.id <= last.lastTradeId) return null; // already included
    const updated: Candle = {
      ...last,
      high: compare(trade.price, last.high) > 0 ? trade.price : last.high,
      low: compare(trade.price, last.low) < 0 ? trade.price : last.low,
      close: trade.price,
      volume: sumQty(last.volume, trade.qty),
      lastTradeId: Math.max(last.lastTradeId, trade.id),
    };
    this.items[this.items.length - 1] = updated;
    return updated;
  }

  /** Applies a kline stream update: replaces the candle with the same open time or appends a newer one. */
  applyKline(k: KlineEvent['k']): Candle | null {
    if (k.i !== this.interval) return null;
    const candle = candleFromKline(k);
    const last = this.last();
    if (!last || candle.openTime > last.openTime) {
      if (last) last.closed = true;
      this.items.push(candle);
      this.trim();
      return candle;
    }
    const index = this.indexOf(candle.openTime);
    if (index < 0) return null;
    const current = this.items[index];
    // Trades folded after this kline was produced are newer than it: keep them.
    if (current.lastTradeId > candle.lastTradeId && index === this.items.length - 1 && !candle.closed) return null;
    this.items[index] = candle;
    return candle;
  }

  private indexOf(openTime: number): number {
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.items[mid].openTime;
      if (t === openTime) return mid;
      if (t < openTime) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private trim(): void {
    if (this.items.length > this.maxCandles) this.items.splice(0, this.items.length - this.maxCandles);
  }
}
