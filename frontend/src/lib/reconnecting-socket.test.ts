import { describe, expect, it, vi } from 'vitest';
import { ReconnectingSocket } from './reconnecting-socket';
import type { ConnectionState } from './reconnecting-socket';
import { FakeSockets, ManualTimers } from '../test-support/fake-socket';

function setup(url: () => string | Promise<string>) {
  const sockets = new FakeSockets();
  const timers = new ManualTimers();
  const states: ConnectionState[] = [];
  const socket = new ReconnectingSocket({
    url,
    createSocket: sockets.factory,
    timers,
    random: () => 0.5,
    onOpen: () => {},
    onMessage: () => {},
    onClose: () => {},
    onStateChange: (s) => states.push(s),
  });
  return { sockets, timers, states, socket };
}

describe('ReconnectingSocket with an asynchronous URL (a ticket per attempt)', () => {
  it('asks for a new URL on every attempt and retries with backoff when it cannot get one', async () => {
    let calls = 0;
    const { sockets, timers, socket } = setup(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('401')) : Promise.resolve(`ws://test/ws/private?ticket=t${calls}`);
    });
    socket.connect();
    await vi.waitFor(() => expect(timers.delays).toEqual([425]));
    expect(sockets.all).toHaveLength(0);
    timers.advance(425);
    await vi.waitFor(() => expect(sockets.all).toHaveLength(1));
    expect(sockets.last.url).toBe('ws://test/ws/private?ticket=t2');
    sockets.last.open();
    sockets.last.drop();
    timers.advance(10_000);
    await vi.waitFor(() => expect(sockets.all).toHaveLength(2));
    expect(sockets.last.url).toBe('ws://test/ws/private?ticket=t3');
    socket.close();
  });

  it('opens nothing when closed while the URL is still on its way', async () => {
    let resolve: (url: string) => void = () => {};
    const { sockets, states, socket } = setup(() => new Promise<string>((r) => (resolve = r)));
    socket.connect();
    socket.close();
    resolve('ws://test/late');
    await Promise.resolve();
    await Promise.resolve();
    expect(sockets.all).toHaveLength(0);
    expect(states).toEqual(['connecting', 'closed']);
  });
});
