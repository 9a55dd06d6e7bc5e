/**
 * The most recent trades of a symbol, newest first, deduplicated by trade id, so the REST page and the
 * stream can overlap freely (the page is fetched after the subscription is acknowledged).
 */
import type { RestTrade, TradeEvent } from './api-types';

export interface TapeTrade {
  id: number;
  price: string;
  qty: string;
  time: number;
  /** Side of the taker (the aggressor): a buyer-maker trade was taken by a seller. */
  takerSide: 'BUY' | 'SELL';
}

export function tapeTradeFromEvent(ev: TradeEvent): TapeTrade {
  return { id: ev.t, price: ev.p, qty: ev.q, time: ev.T, takerSide: ev.m ? 'SELL' : 'BUY' };
}

export function tapeTradeFromRest(t: RestTrade): TapeTrade {
  return { id: t.id, price: t.price, qty: t.qty, time: t.time, takerSide: t.isBuyerMaker ? 'SELL' : 'BUY' };
}

export class TradeTape {
  private items: TapeTrade[] = [];

  constructor(private readonly capacity = 80) {}

  trades(): readonly TapeTrade[] {
    return this.items;
  }

  clear(): void {
    this.items = [];
  }

  add(trade: TapeTrade): void {
    const first = this.items[0];
    if (!first || trade.id > first.id) {
      this.items.unshift(trade);
      if (this.items.length > this.capacity) this.items.length = this.capacity;
      return;
    }
    this.merge([trade]);
  }

  merge(trades: TapeTrade[]): void {
    const byId = new Map<number, TapeTrade>();
    for (const t of this.items) byId.set(t.id, t);
    for (const t of trades) byId.set(t.id, t);
    this.items = [...byId.values()].sort((a, b) => b.id - a.id).slice(0, this.capacity);
  }
}
