import { useEffect, useState } from 'react';
import { FrameSignal } from '../lib/frame-signal';
import { OrderBookFeed } from '../lib/order-book-feed';
import { streams } from '../lib/stream-client';
import { useRuntime } from './runtime-context';

export interface OrderBookHandle {
  feed: OrderBookFeed;
  /** Invalidated on every book change; the ladder renders from it once per frame. */
  signal: FrameSignal;
}

const idleFeed = new OrderBookFeed({
  stream: '',
  subscribe: () => () => {},
  fetchSnapshot: () => new Promise(() => {}),
  onChange: () => {},
});

/**
 * The live order book of a symbol. The caller does not re-render on book changes; components that draw
 * the book subscribe to `signal` themselves, others read `feed.book` when they need it (e.g. on submit).
 */
export function useOrderBook(symbol: string): OrderBookHandle {
  const { api, streams: client } = useRuntime();
  const [signal] = useState(() => new FrameSignal());
  const [feed, setFeed] = useState<OrderBookFeed | null>(null);

  useEffect(() => {
    const f = new OrderBookFeed({
      stream: streams.depth(symbol),
      subscribe: (name, listener) => client.subscribe(name, listener),
      fetchSnapshot: () => api.depth(symbol, 1000),
      onChange: signal.invalidate,
    });
    f.start();
    setFeed(f);
    signal.invalidate();
    return () => f.stop();
  }, [api, client, symbol, signal]);

  // Until the effect has run for a new symbol, show an empty book rather than the previous symbol's.
  const current = feed && feed.stream === streams.depth(symbol) ? feed : idleFeed;
  return { feed: current, signal };
}
