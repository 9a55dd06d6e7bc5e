import { useCallback, useEffect, useState } from 'react';
import { FrameSignal } from '../lib/frame-signal';
import { MyOrders } from '../lib/my-orders';
import { PrivateStream } from '../lib/private-stream';
import type { ConnectionState } from '../lib/reconnecting-socket';
import type { Session } from '../lib/session';
import { useRuntime } from './runtime-context';

export interface MyOrdersState {
  orders: MyOrders;
  /** Invalidated on every change; the orders panel renders from it once per frame. */
  signal: FrameSignal;
  privateState: ConnectionState;
  loadError: string | null;
  /** Reloads open orders and history of the symbol over REST. */
  reload(): void;
}

/**
 * The signed-in account's orders: the private stream for live execution reports and the history API for
 * open orders and past orders of the selected symbol (reloaded after every private-stream reconnect).
 */
export function useMyOrders(session: Session | null, symbol: string): MyOrdersState {
  const { api, config } = useRuntime();
  const [signal] = useState(() => new FrameSignal());
  const [orders] = useState(() => new MyOrders());
  const [privateState, setPrivateState] = useState<ConnectionState>('idle');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const token = session?.token ?? null;

  useEffect(() => {
    orders.clear();
    signal.invalidate();
    if (!token) {
      setPrivateState('idle');
      return;
    }
    const stream = new PrivateStream({
      wsBase: config.wsBase,
      token: () => token,
      onReport: (report) => {
        orders.applyReport(report);
        signal.invalidate();
      },
      onConnected: (reconnected) => {
        if (reconnected) setReloads((n) => n + 1);
      },
      onStateChange: setPrivateState,
    });
    stream.connect();
    return () => stream.close();
  }, [config.wsBase, token, orders, signal]);

  useEffect(() => {
    if (!token || !symbol) return;
    let active = true;
    Promise.all([api.orders(symbol, true), api.orders(symbol, false)]).then(
      ([open, done]) => {
        if (!active) return;
        orders.load(open.items);
        orders.load(done.items);
        setLoadError(null);
        signal.invalidate();
      },
      (e: unknown) => {
        if (active) setLoadError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      active = false;
    };
  }, [api, token, symbol, reloads, orders, signal]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { orders, signal, privateState, loadError, reload };
}
