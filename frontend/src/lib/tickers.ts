/**
 * 24h statistics per symbol from the REST `ticker/24hr` list and the `!ticker@arr` / `<s>@ticker` streams.
 * Newer event time wins, so a REST response that arrives late does not roll values back.
 */
import type { Ticker24h, TickerEvent } from './api-types';

export interface TickerView {
  symbol: string;
  lastPrice: string;
  priceChange: string;
  priceChangePercent: string;
  openPrice: string;
  highPrice: string;
  lowPrice: string;
  volume: string;
  quoteVolume: string;
  eventTime: number;
}

export class Tickers {
  private readonly bySymbol = new Map<string, TickerView>();

  get(symbol: string): TickerView | undefined {
    return this.bySymbol.get(symbol);
  }

  applyRest(list: Ticker24h[]): void {
    for (const t of list) {
      this.put({
        symbol: t.symbol,
        lastPrice: t.lastPrice,
        priceChange: t.priceChange,
        priceChangePercent: t.priceChangePercent,
        openPrice: t.openPrice,
        highPrice: t.highPrice,
        lowPrice: t.lowPrice,
        volume: t.volume,
        quoteVolume: t.quoteVolume,
        eventTime: t.closeTime,
      });
    }
  }

  applyEvent(e: TickerEvent): void {
    this.put({
      symbol: e.s,
      lastPrice: e.c,
      priceChange: e.p,
      priceChangePercent: e.P,
      openPrice: e.o,
      highPrice: e.h,
      lowPrice: e.l,
      volume: e.v,
      quoteVolume: e.q,
      eventTime: e.E,
    });
  }

  private put(view: TickerView): void {
    const current = this.bySymbol.get(view.symbol);
    if (current && current.eventTime > view.eventTime) return;
    this.bySymbol.set(view.symbol, view);
  }
}
