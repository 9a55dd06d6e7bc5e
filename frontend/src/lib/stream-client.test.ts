import { describe, expect, it, vi } from 'vitest';
import { StreamClient, streams } from './stream-client';
import { backoffDelay, DEFAULT_BACKOFF } from './reconnecting-socket';
import { FakeSockets, ManualTimers, settle } from '../test-support/fake-socket';

function setup() {
  const sockets = new FakeSockets();
  const timers = new ManualTimers();
  const client = new StreamClient({
    url: () => 'ws://test/stream',
    createSocket: sockets.factory,
    timers,
    random: () => 0.5,
  });
  return { sockets, timers, client };
}

function ack(socket: { sent: unknown[]; receive(p: unknown): void }, index: number): void {
  const req = socket.sent[index] as { id: number };
  socket.receive({ result: null, id: req.id });
}

describe('StreamClient registry', () => {
  it('opens one socket and sends one SUBSCRIBE per stream no matter how many listeners', async () => {
    const { sockets, client } = setup();
    const a = vi.fn();
    const b = vi.fn();
    client.subscribe('btcusdt@trade', { onData: a });
    client.subscribe('btcusdt@trade', { onData: b });
    client.subscribe('ethusdt@trade', { onData: a });
    expect(sockets.all).toHaveLength(1);
    sockets.last.open();
    await settle();
    expect(sockets.last.sent).toEqual([{ method: 'SUBSCRIBE', params: ['btcusdt@trade', 'ethusdt@trade'], id: 1 }]);
    expect(client.refCount('btcusdt@trade')).toBe(2);

    sockets.last.receive({ stream: 'btcusdt@trade', data: { t: 1 } });
    expect(a).toHaveBeenCalledWith({ t: 1 });
    expect(b).toHaveBeenCalledWith({ t: 1 });
  });

  it('sends UNSUBSCRIBE only when the last listener leaves', async () => {
    const { sockets, client } = setup();
    const offA = client.subscribe('btcusdt@depth@100ms', { onData: () => {} });
    const offB = client.subscribe('btcusdt@depth@100ms', { onData: () => {} });
    sockets.last.open();
    ack(sockets.last, 0);
    await settle();

    offA();
    offA(); // idempotent
    await settle();
    expect(client.refCount('btcusdt@depth@100ms')).toBe(1);
    expect(sockets.last.sent).toHaveLength(1);

    offB();
    await settle();
    expect(client.refCount('btcusdt@depth@100ms')).toBe(0);
    expect(client.activeStreams()).toEqual([]);
    expect(sockets.last.sent[1]).toEqual({ method: 'UNSUBSCRIBE', params: ['btcusdt@depth@100ms'], id: 2 });
  });

  it('coalesces a leave and rejoin within one tick into nothing on the wire', async () => {
    const { sockets, client } = setup();
    const off = client.subscribe('btcusdt@trade', { onData: () => {} });
    sockets.last.open();
    ack(sockets.last, 0);
    await settle();
    const subscribed = vi.fn();
    off();
    client.subscribe('btcusdt@trade', { onData: () => {}, onSubscribed: subscribed });
    await settle();
    expect(sockets.last.sent).toHaveLength(1);
    expect(subscribed).toHaveBeenCalledTimes(1); // still live on the server: snapshot can load now
  });

  it('calls onSubscribed on acknowledgement, and at once for a listener joining a live stream', async () => {
    const { sockets, client } = setup();
    const first = vi.fn();
    client.subscribe('btcusdt@trade', { onData: () => {}, onSubscribed: first });
    sockets.last.open();
    expect(first).not.toHaveBeenCalled();
    ack(sockets.last, 0);
    expect(first).toHaveBeenCalledTimes(1);

    const second = vi.fn();
    client.subscribe('btcusdt@trade', { onData: () => {}, onSubscribed: second });
    await settle();
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledTimes(1);
  });

  it('ignores frames of streams nobody listens to and survives garbage', () => {
    const errors: string[] = [];
    const sockets = new FakeSockets();
    const client = new StreamClient({
      url: () => 'ws://x',
      createSocket: sockets.factory,
      onProtocolError: (m) => errors.push(m),
    });
    const a = vi.fn();
    client.subscribe('btcusdt@trade', { onData: a });
    sockets.last.open();
    sockets.last.receive({ stream: 'ethusdt@trade', data: {} });
    sockets.last.onmessage?.({ data: 'not json' });
    expect(a).not.toHaveBeenCalled();
    expect(errors[0]).toContain('unparseable');
    client.close();
  });

  it('reports a SUBSCRIBE error and does not mark the stream live', async () => {
    const errors: string[] = [];
    const sockets = new FakeSockets();
    const client = new StreamClient({ url: () => 'ws://x', createSocket: sockets.factory, onProtocolError: (m) => errors.push(m) });
    const subscribed = vi.fn();
    client.subscribe('nope@trade', { onData: () => {}, onSubscribed: subscribed });
    sockets.last.open();
    sockets.last.receive({ error: { code: 2, msg: 'Invalid request: unknown stream' }, id: 1 });
    expect(subscribed).not.toHaveBeenCalled();
    expect(errors).toEqual(['SUBSCRIBE nope@trade failed: Invalid request: unknown stream']);
    client.close();
  });
});

describe('StreamClient reconnect', () => {
  it('interrupts listeners, reconnects with backoff, resubscribes everything and signals resnapshot', async () => {
    const { sockets, timers, client } = setup();
    const states: string[] = [];
    client.onStateChange((s) => states.push(s));
    const events: string[] = [];
    client.subscribe('btcusdt@depth@100ms', {
      onData: () => events.push('data'),
      onSubscribed: () => events.push('subscribed'),
      onInterrupted: () => events.push('interrupted'),
    });
    client.subscribe('btcusdt@trade', { onData: () => {} });
    sockets.last.open();
    ack(sockets.last, 0);
    expect(events).toEqual(['subscribed']);

    sockets.last.drop();
    expect(events).toEqual(['subscribed', 'interrupted']);
    expect(client.state).toBe('reconnecting');
    expect(sockets.all).toHaveLength(1);

    // First retry fails before opening: the delay grows.
    timers.advance(10_000);
    expect(sockets.all).toHaveLength(2);
    sockets.last.drop();
    timers.advance(10_000);
    expect(sockets.all).toHaveLength(3);
    expect(timers.delays).toEqual([425, 850]); // 500 and 1000 with the jitter at its midpoint

    sockets.last.open();
    await settle();
    expect(sockets.last.sent).toEqual([{ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms', 'btcusdt@trade'], id: 2 }]);
    ack(sockets.last, 0);
    expect(events).toEqual(['subscribed', 'interrupted', 'subscribed']);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('does not resubscribe streams dropped while disconnected', async () => {
    const { sockets, timers, client } = setup();
    const off = client.subscribe('btcusdt@trade', { onData: () => {} });
    client.subscribe('ethusdt@trade', { onData: () => {} });
    sockets.last.open();
    sockets.last.drop();
    off();
    await settle();
    timers.advance(1000);
    sockets.last.open();
    expect(sockets.last.sent).toEqual([{ method: 'SUBSCRIBE', params: ['ethusdt@trade'], id: 2 }]);
  });

  it('stops for good on close', () => {
    const { sockets, timers, client } = setup();
    client.subscribe('btcusdt@trade', { onData: () => {} });
    sockets.last.open();
    client.close();
    expect(sockets.last.closedByClient).toBe(true);
    expect(client.state).toBe('closed');
    timers.advance(60_000);
    expect(sockets.all).toHaveLength(1);
    expect(() => client.subscribe('x@trade', { onData: () => {} })).toThrow('closed');
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter and a cap', () => {
    const mid = () => 0.5;
    expect(backoffDelay(0, DEFAULT_BACKOFF, mid)).toBe(425); // 500 - 150 + 75
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 1)).toBe(1000);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(700);
    expect(backoffDelay(20, DEFAULT_BACKOFF, () => 1)).toBe(15_000);
  });
});

describe('stream names', () => {
  it('are lowercase Binance names', () => {
    expect(streams.depth('BTCUSDT')).toBe('btcusdt@depth@100ms');
    expect(streams.kline('BTCUSDT', '15m')).toBe('btcusdt@kline_15m');
    expect(streams.allTickers()).toBe('!ticker@arr');
  });
});
