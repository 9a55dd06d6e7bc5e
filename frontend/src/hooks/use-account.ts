import { useCallback, useEffect, useState } from 'react';
import { AlertFirings } from '../lib/alert-firings';
import { askAlertPermission, notifyAlert } from '../lib/alert-notifications';
import { Balances } from '../lib/balances';
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

export interface AccountState extends MyOrdersState {
  balances: Balances;
  /** Invalidated on every balance change. */
  balanceSignal: FrameSignal;
  balanceError: string | null;
  /** The newest firing of each alert seen on the private stream since sign-in. */
  alertFirings: AlertFirings;
  /** Invalidated on every firing kept. */
  alertSignal: FrameSignal;
}

/** How often the balance snapshot is reloaded (it fills in what happened before the socket connected). */
const BALANCE_POLL_MS = 10_000;

/**
 * The signed-in account over one private stream: live execution reports and balance updates, with open
 * orders and past orders of the selected symbol from the history API and balances from `/api/v1/account`
 * (both reloaded after every private-stream reconnect; balances also every few seconds, see balances.ts).
 */
export function useAccount(session: Session | null, symbol: string): AccountState {
  const { api, config } = useRuntime();
  const [signal] = useState(() => new FrameSignal());
  const [balanceSignal] = useState(() => new FrameSignal());
  const [orders] = useState(() => new MyOrders());
  const [balances] = useState(() => new Balances());
  const [alertFirings] = useState(() => new AlertFirings());
  const [alertSignal] = useState(() => new FrameSignal());
  const [privateState, setPrivateState] = useState<ConnectionState>('idle');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [balanceError, setBalanceError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [balancePolls, setBalancePolls] = useState(0);
  // Keyed on the account, not the token: a renewed token (silent renew) keeps the stream and the loaded
  // state; the API client always sends the newest token.
  const signedInAs = session?.account ?? null;

  useEffect(() => {
    orders.clear();
    balances.clear();
    alertFirings.clear();
    signal.invalidate();
    balanceSignal.invalidate();
    alertSignal.invalidate();
    if (!signedInAs) {
      setPrivateState('idle');
      return;
    }
    askAlertPermission();
    const stream = new PrivateStream({
      wsBase: config.wsBase,
      ticket: () => api.wsTicket().then((t) => t.ticket),
      onReport: (report) => {
        orders.applyReport(report);
        signal.invalidate();
      },
      onPosition: (position) => {
        balances.applyPosition(position);
        balanceSignal.invalidate();
      },
      onAlert: (alert) => {
        if (alertFirings.apply(alert)) alertSignal.invalidate();
        notifyAlert(alert);
      },
      onConnected: (reconnected) => {
        if (!reconnected) return;
        balances.resync();
        setReloads((n) => n + 1);
      },
      onStateChange: setPrivateState,
    });
    stream.connect();
    return () => stream.close();
  }, [api, config.wsBase, signedInAs, orders, balances, signal, balanceSignal, alertFirings, alertSignal]);

  useEffect(() => {
    if (!signedInAs || !symbol) return;
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
  }, [api, signedInAs, symbol, reloads, orders, signal]);

  useEffect(() => {
    if (!signedInAs) return;
    let active = true;
    api.account().then(
      (account) => {
        if (!active) return;
        balances.load(account.balances);
        setBalanceError(null);
        balanceSignal.invalidate();
      },
      (e: unknown) => {
        if (active) setBalanceError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      active = false;
    };
  }, [api, signedInAs, reloads, balancePolls, balances, balanceSignal]);

  useEffect(() => {
    if (!signedInAs) return;
    const timer = setInterval(() => setBalancePolls((n) => n + 1), BALANCE_POLL_MS);
    return () => clearInterval(timer);
  }, [signedInAs]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { orders, signal, privateState, loadError, reload, balances, balanceSignal, balanceError, alertFirings, alertSignal };
}
