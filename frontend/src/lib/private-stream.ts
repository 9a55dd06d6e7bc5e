/**
 * The signed-in account's events: one WebSocket on `/ws/private?access_token=<jwt>` delivering raw Binance
 * user-data `executionReport` and `outboundAccountPosition` payloads. It reconnects like the public stream;
 * `onConnected(true)` after a reconnect tells the owner to reload open orders and balances, since events
 * may have been missed.
 */
import { ReconnectingSocket } from './reconnecting-socket';
import type { ConnectionState, WebSocketFactory } from './reconnecting-socket';
import type { AccountPosition, ExecutionReport } from './api-types';

export interface PrivateStreamOptions {
  wsBase: string;
  token: () => string;
  createSocket?: WebSocketFactory;
  onReport(report: ExecutionReport): void;
  onPosition(position: AccountPosition): void;
  onConnected(reconnected: boolean): void;
  onStateChange(state: ConnectionState): void;
}

export function privateStreamUrl(wsBase: string, token: string): string {
  return `${wsBase}/ws/private?access_token=${encodeURIComponent(token)}`;
}

export class PrivateStream {
  private readonly socket: ReconnectingSocket;

  constructor(options: PrivateStreamOptions) {
    this.socket = new ReconnectingSocket({
      url: () => privateStreamUrl(options.wsBase, options.token()),
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
