/**
 * The signed-in account's events: one WebSocket on `/ws/private?ticket=<ticket>` delivering raw Binance
 * user-data `executionReport` and `outboundAccountPosition` payloads, and the account's fired price alerts (`alert`). Every connection attempt first asks
 * `POST /api/v1/ws-ticket` for a fresh single-use ticket, so the bearer token never appears in a URL. It reconnects like the public stream;
 * `onConnected(true)` after a reconnect tells the owner to reload open orders and balances, since events
 * may have been missed.
 */
import { ReconnectingSocket } from './reconnecting-socket';
import type { ConnectionState, WebSocketFactory } from './reconnecting-socket';
import type { AccountPosition, AlertFrame, ExecutionReport } from './api-types';

export interface PrivateStreamOptions {
  wsBase: string;
  /** A fresh single-use ticket for each connection attempt. */
  ticket: () => Promise<string>;
  createSocket?: WebSocketFactory;
  onReport(report: ExecutionReport): void;
  onPosition(position: AccountPosition): void;
  onAlert?(alert: AlertFrame): void;
  onConnected(reconnected: boolean): void;
  onStateChange(state: ConnectionState): void;
}

export function privateStreamUrl(wsBase: string, ticket: string): string {
  return `${wsBase}/ws/private?ticket=${encodeURIComponent(ticket)}`;
}

export class PrivateStream {
  private readonly socket: ReconnectingSocket;

  constructor(options: PrivateStreamOptions) {
    this.socket = new ReconnectingSocket({
      url: () => options.ticket().then((ticket) => privateStreamUrl(options.wsBase, ticket)),
      createSocket: options.createSocket,
      onOpen: (reconnected) => options.onConnected(reconnected),
      onMessage: (text) => {
        let msg: unknown;
        try {
          msg = JSON.parse(text);
        } catch {
          return;
        }
        // Accept the raw payload and, defensively, the combined-stream wrapper.
        const payload = (msg as { data?: unknown }).data ?? msg;
        const event = (payload as { e?: string }).e;
        if (event === 'executionReport') options.onReport(payload as ExecutionReport);
        else if (event === 'outboundAccountPosition') options.onPosition(payload as AccountPosition);
        else if (event === 'alert') options.onAlert?.(payload as AlertFrame);
      },
      onClose: () => {},
      onStateChange: options.onStateChange,
    });
  }

  connect(): void {
    this.socket.connect();
  }

  close(): void {
    this.socket.close();
  }
}
