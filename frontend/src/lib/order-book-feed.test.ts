import { describe, expect, it } from 'vitest';
import { OrderBookFeed } from './order-book-feed';
import { StreamClient } from './stream-client';
import type { DepthSnapshot, DepthUpdateEvent } from './api-types';
import { FakeSockets, ManualTimers, settle } from '../test-support/fake-socket';

function depthEvent(U: number, u: number, bids: [string, string][] = []): DepthUpdateEvent {
  return { e: 'depthUpdate', E: 0, s: 'BTCUSDT', U, u, b: bids, a: [] };
}

function setup() {
  const sockets = new FakeSockets();
  const timers = new ManualTimers();
  const client = new StreamClient({ url: () => 'ws://x/stream', createSocket: sockets.factory, timers });
  const requests: Array<{ resolve(s: DepthSnapshot): void; reject(e: Error): void }> = [];
  let changes = 0;
  const feed = new OrderBookFeed({
    stream: 'btcusdt@depth@100ms',
    subscribe: (name, l) => client.subscribe(name, l),
    fetchSnapshot: () => new Promise((resolve, reject) => requests.push({ resolve, reject })),
    onChange: () => changes++,
    timers,
  });
  feed.start();
  const push = (ev: DepthUpdateEvent) => sockets.last.receive({ stream: 'btcusdt@depth@100ms', data: ev });
  const ackAll = () => {
    const req = sockets.last.sent[sockets.last.sent.length - 1] as { id: number };
    sockets.last.receive({ result: null, id: req.id });
  };
  return { sockets, timers, feed, requests, push, ackAll, changes: () => changes };
}

describe('OrderBookFeed', () => {
  it('fetches the snapshot only after the subscription is acknowledged, buffering diffs meanwhile', async () => {
    const t = setup();
    t.sockets.last.open();
    await settle();
    expect(t.requests).toHaveLength(0);
    t.ackAll();
    expect(t.requests).toHaveLength(1);
    t.push(depthEvent(10, 12, [['100', '1']]));
    expect(t.feed.book.bufferedCount).toBe(1);
    t.requests[0].resolve({ lastUpdateId: 11, bids: [['100', '5']], asks: [] });
    await settle();
    expect(t.feed.state).toBe('synced');
    expect(t.feed.book.bestBid()).toEqual(['100', '1']);
  });

  it('resnapshots on a sequence gap', async () => {
    const t = setup();
    t.sockets.last.open();
    await settle();
    t.ackAll();
    t.requests[0].resolve({ lastUpdateId: 5, bids: [], asks: [] });
    await settle();
    t.push(depthEvent(6, 7));
    t.push(depthEvent(9, 9)); // 8 missing
    expect(t.feed.state).toBe('resyncing');
    expect(t.feed.resnapshots).toBe(1);
    expect(t.requests).toHaveLength(2);
    t.requests[1].resolve({ lastUpdateId: 8, bids: [['1', '1']], asks: [] });
    await settle();
    expect(t.feed.state).toBe('synced');
    expect(t.feed.book.lastUpdateId).toBe(9);
  });

  it('retries with backoff when the snapshot is older than the stream', async () => {
    const t = setup();
    t.sockets.last.open();
    await settle();
    t.ackAll();
    t.push(depthEvent(50, 55));
    t.requests[0].resolve({ lastUpdateId: 10, bids: [], asks: [] });
    await settle();
    expect(t.feed.state).toBe('resyncing');
    expect(t.requests).toHaveLength(1);
    t.timers.advance(250);
    expect(t.requests).toHaveLength(2);
    t.requests[1].reject(new Error('503'));
    await settle();
    t.timers.advance(499);
    expect(t.requests).toHaveLength(2);
    t.timers.advance(1);
    expect(t.requests).toHaveLength(3);
  });

  it('discards the book when the connection drops and resnapshots after resubscribing', async () => {
    const t = setup();
    t.sockets.last.open();
    await settle();
    t.ackAll();
    t.requests[0].resolve({ lastUpdateId: 5, bids: [['1', '1']], asks: [] });
    await settle();
    t.push(depthEvent(6, 6));
    t.sockets.last.drop();
    expect(t.feed.state).toBe('interrupted');
    expect(t.feed.book.bestBid()).toBeNull();

    t.timers.advance(1000);
    t.sockets.last.open();
    t.ackAll();
    expect(t.requests).toHaveLength(2);
    t.requests[1].resolve({ lastUpdateId: 40, bids: [['2', '1']], asks: [] });
    await settle();
    expect(t.feed.state).toBe('synced');
    expect(t.feed.book.bestBid()).toEqual(['2', '1']);
  });

  it('ignores a snapshot requested before a disconnect', async () => {
    const t = setup();
    t.sockets.last.open();
    await settle();
    t.ackAll();
    t.sockets.last.drop();
    t.requests[0].resolve({ lastUpdateId: 5, bids: [['1', '1']], asks: [] });
    await settle();
    expect(t.feed.state).toBe('interrupted');
    expect(t.feed.book.status).toBe('awaiting-snapshot');
  });

  it('unsubscribes and stops retrying on stop', async () => {
    const t = setup();
    t.sockets.last.open();
    await settle();
    t.ackAll();
    t.requests[0].reject(new Error('down'));
    await settle();
    t.feed.stop();
    t.timers.advance(10_000);
    await settle();
    expect(t.requests).toHaveLength(1);
    expect(t.sockets.last.sent[t.sockets.last.sent.length - 1]).toMatchObject({ method: 'UNSUBSCRIBE' });
  });
});
