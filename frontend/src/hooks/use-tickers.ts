import { useEffect, useMemo } from 'react';
import { FrameSignal } from '../lib/frame-signal';
import { Tickers } from '../lib/tickers';
import { streams } from '../lib/stream-client';
import type { TickerEvent } from '../lib/api-types';
import { useRuntime } from './runtime-context';

/**
 * All symbols' 24h tickers: the REST list once the `!ticker@arr` subscription is live (and again after
 * every reconnect), then stream updates. Consumers re-render through the returned frame signal.
 */
export function useTickers(): { tickers: Tickers; signal: FrameSignal } {
  const { api, streams: client } = useRuntime();
  const store = useMemo(() => ({ tickers: new Tickers(), signal: new FrameSignal() }), []);

  useEffect(() => {
    let active = true;
    const load = () => {
      api.tickers().then(
        (list) => {
          if (!active) return;
          store.tickers.applyRest(list);
          store.signal.invalidate();
        },
        () => {},
      );
    };
    const off = client.subscribe<TickerEvent[]>(streams.allTickers(), {
      onData: (list) => {
        for (const t of list) store.tickers.applyEvent(t);
        store.signal.invalidate();
      },
      onSubscribed: load,
    });
    return () => {
      active = false;
      off();
    };
  }, [api, client, store]);

  return store;
}

/** The selected symbol's own `<s>@ticker` stream, merged into the same store. */
export function useSymbolTicker(symbol: string | null, store: { tickers: Tickers; signal: FrameSignal }): void {
  const { streams: client } = useRuntime();
  useEffect(() => {
    if (!symbol) return;
    return client.subscribe<TickerEvent>(streams.ticker(symbol), {
      onData: (t) => {
        store.tickers.applyEvent(t);
        store.signal.invalidate();
      },
    });
  }, [client, symbol, store]);
}
