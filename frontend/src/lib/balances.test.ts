import { describe, expect, it, vi } from 'vitest';
import { Balances } from './balances';
import { PrivateStream } from './private-stream';
import { FakeSockets } from '../test-support/fake-socket';
import type { AccountPosition, AlertFrame, ExecutionReport } from './api-types';

function position(asset: string, free: string, locked: string): AccountPosition {
  return { e: 'outboundAccountPosition', E: 2, u: 1, B: [{ a: asset, f: free, l: locked }] };
}

describe('Balances', () => {
  it('loads the snapshot and applies each streamed position over it', () => {
    const b = new Balances();
    expect(b.free('USDT')).toBeNull();
    b.load([
      { asset: 'USDT', free: '100000.00000000', locked: '0.00000000' },
      { asset: 'BTC', free: '5.00000000', locked: '0.00000000' },
    ]);
    b.applyPosition(position('USDT', '99000.00000000', '1000.00000000'));
    expect(b.list()).toEqual([
      { asset: 'BTC', free: '5.00000000', locked: '0.00000000' },
      { asset: 'USDT', free: '99000.00000000', locked: '1000.00000000' },
    ]);
    expect(b.free('USDT')).toBe('99000.00000000');
    expect(b.free('SOL')).toBe('0');
  });

  it('lets a lagging snapshot fill only the assets the stream has not reported on this connection', () => {
    const b = new Balances();
    b.applyPosition(position('USDT', '990.00000000', '10.00000000'));
    b.load([
      { asset: 'USDT', free: '1000.00000000', locked: '0.00000000' },
      { asset: 'ETH', free: '50.00000000', locked: '0.00000000' },
    ]);
    expect(b.get('USDT')).toEqual({ asset: 'USDT', free: '990.00000000', locked: '10.00000000' });
    expect(b.get('ETH')?.free).toBe('50.00000000');
    b.load([{ asset: 'ETH', free: '49.00000000', locked: '1.00000000' }]);
    expect(b.get('ETH')?.locked).toBe('1.00000000');
  });

  it('trusts the snapshot again after a reconnect, until the stream reports the asset anew', () => {
    const b = new Balances();
    b.applyPosition(position('USDT', '990.00000000', '10.00000000'));
    b.resync();
    b.load([{ asset: 'USDT', free: '1000.00000000', locked: '0.00000000' }]);
    expect(b.get('USDT')?.locked).toBe('0.00000000');
    b.applyPosition(position('USDT', '980.00000000', '20.00000000'));
    b.load([{ asset: 'USDT', free: '1000.00000000', locked: '0.00000000' }]);
    expect(b.get('USDT')?.locked).toBe('20.00000000');
  });

  it('forgets everything on clear (sign-out)', () => {
    const b = new Balances();
    b.load([{ asset: 'USDT', free: '1.0', locked: '0' }]);
    b.clear();
    expect(b.loaded).toBe(false);
    expect(b.list()).toEqual([]);
  });
});

describe('PrivateStream', () => {
  it('hands execution reports, account positions and fired alerts from one socket to their callbacks', async () => {
    const sockets = new FakeSockets();
    const reports: ExecutionReport[] = [];
    const positions: AccountPosition[] = [];
    const alerts: AlertFrame[] = [];
    const stream = new PrivateStream({
      wsBase: 'ws://test',
      ticket: () => Promise.resolve('a ticket'),
      createSocket: sockets.factory,
      onReport: (r) => reports.push(r),
      onPosition: (p) => positions.push(p),
      onAlert: (a) => alerts.push(a),
      onConnected: () => {},
      onStateChange: () => {},
    });
    stream.connect();
    await vi.waitFor(() => expect(sockets.all).toHaveLength(1));
    sockets.last.open();
    sockets.last.receive(position('USDT', '1.0', '0.0'));
    sockets.last.receive({ e: 'executionReport', i: 'o1' });
    sockets.last.receive({ e: 'balanceUpdate' });
    sockets.last.receive({ e: 'alert', a: 'al1', s: 'BTCUSDT', k: 'PRICE_ABOVE', n: 1, p: '63000.00', T: 1 });
    expect(sockets.all).toHaveLength(1);
    expect(sockets.last.url).toBe('ws://test/ws/private?ticket=a%20ticket');
    expect(positions).toEqual([position('USDT', '1.0', '0.0')]);
    expect(reports.map((r) => r.i)).toEqual(['o1']);
    expect(alerts.map((a) => `${a.a}:${a.n}`)).toEqual(['al1:1']);
    stream.close();
  });
});
