/**
 * One WebSocket per page for all public market data, on the Binance-compatible combined endpoint
 * (`/stream`, payloads wrapped as {"stream": name, "data": {...}}).
 *
 * Subscriptions are reference counted: the first listener of a stream sends SUBSCRIBE, the last one to leave
 * sends UNSUBSCRIBE; changes made in the same tick are coalesced into one request each. After a reconnect
 * every active stream is subscribed again, and each listener's `onSubscribed` runs once the server has
 * acknowledged it: that is where consumers (re)load their REST snapshot. `onInterrupted` runs when the
 * connection drops, so consumers can mark their state stale.
 */
import { ReconnectingSocket } from './reconnecting-socket';
import type { BackoffPolicy, ConnectionState, Timers, WebSocketFactory } from './reconnecting-socket';

export interface StreamListener<T = unknown> {
  onData(data: T): void;
  /** The server acknowledged the subscription (first time and after every reconnect). */
  onSubscribed?(): void;
  /** The connection dropped; data for this stream may have been missed. */
  onInterrupted?(): void;
}

export interface StreamClientOptions {
  url: () => string;
  createSocket?: WebSocketFactory;
  backoff?: BackoffPolicy;
  timers?: Timers;
  random?: () => number;
  /** Schedules the coalesced SUBSCRIBE/UNSUBSCRIBE flush; defaults to queueMicrotask. */
  schedule?: (fn: () => void) => void;
  onProtocolError?(message: string): void;
}

interface Entry {
  listeners: Set<StreamListener<never>>;
}

interface PendingRequest {
  method: 'SUBSCRIBE' | 'UNSUBSCRIBE';
  streams: string[];
}

export class StreamClient {
  private readonly entries = new Map<string, Entry>();
  /** Streams whose server-side subscription state differs from what the registry wants. */
  private readonly toSubscribe = new Set<string>();
  private readonly toUnsubscribe = new Set<string>();
  private readonly pending = new Map<number, PendingRequest>();
  /** Streams the server has acknowledged on the current connection and not been asked to drop. */
  private readonly live = new Set<string>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly socket: ReconnectingSocket;
  private readonly schedule: (fn: () => void) => void;
  private nextId = 1;
  private flushScheduled = false;
  private disposed = false;

  constructor(private readonly options: StreamClientOptions) {
    this.schedule = options.schedule ?? ((fn) => queueMicrotask(fn));
    this.socket = new ReconnectingSocket({
      url: options.url,
      createSocket: options.createSocket,
      backoff: options.backoff,
      timers: options.timers,
      random: options.random,
      onOpen: () => this.handleOpen(),
      onMessage: (text) => this.handleMessage(text),
      onClose: () => this.handleClose(),
      onStateChange: (state) => this.stateListeners.forEach((l) => l(state)),
    });
  }

  get state(): ConnectionState {
    return this.socket.state;
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Number of listeners on a stream (0 when not subscribed). */
  refCount(stream: string): number {
    return this.entries.get(stream)?.listeners.size ?? 0;
  }

  activeStreams(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Adds a listener; returns the function that removes it. Calling it twice is harmless. */
  subscribe<T>(stream: string, listener: StreamListener<T>): () => void {
    if (this.disposed) throw new Error('stream client is closed');
    const name = stream;
    const l = listener as StreamListener<never>;
    let entry = this.entries.get(name);
    if (!entry) {
      entry = { listeners: new Set() };
      this.entries.set(name, entry);
      // Left and rejoined within one tick: the server never heard about the leaving.
      if (!this.toUnsubscribe.delete(name)) this.toSubscribe.add(name);
      this.scheduleFlush();
    }
    entry.listeners.add(l);
    if (this.live.has(name) && l.onSubscribed) {
      // Already live: this listener still needs its "load your snapshot now" signal.
      const e = entry;
      this.schedule(() => {
        if (e.listeners.has(l) && this.live.has(name)) l.onSubscribed?.();
      });
    }
    this.socket.connect();
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.removeListener(name, l);
    };
  }

  /** Closes the socket and forgets all subscriptions. */
  close(): void {
    this.disposed = true;
    this.entries.clear();
    this.toSubscribe.clear();
    this.toUnsubscribe.clear();
    this.pending.clear();
    this.live.clear();
    this.socket.close();
  }

  private removeListener(name: string, l: StreamListener<never>): void {
    const entry = this.entries.get(name);
    if (!entry || !entry.listeners.delete(l)) return;
    if (entry.listeners.size > 0) return;
    this.entries.delete(name);
    if (!this.toSubscribe.delete(name)) this.toUnsubscribe.add(name);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.schedule(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (!this.socket.isOpen) return; // handleOpen subscribes everything that is active
    if (this.toUnsubscribe.size > 0) {
      for (const name of this.toUnsubscribe) this.live.delete(name);
      this.request('UNSUBSCRIBE', [...this.toUnsubscribe]);
      this.toUnsubscribe.clear();
    }
    if (this.toSubscribe.size > 0) {
      this.request('SUBSCRIBE', [...this.toSubscribe]);
      this.toSubscribe.clear();
    }
  }

  private request(method: 'SUBSCRIBE' | 'UNSUBSCRIBE', streams: string[]): void {
    const id = this.nextId++;
    this.pending.set(id, { method, streams });
    this.socket.send(JSON.stringify({ method, params: streams, id }));
  }

  private handleOpen(): void {
    this.pending.clear();
    this.live.clear();
    this.toUnsubscribe.clear(); // a new connection has no subscriptions
    this.toSubscribe.clear();
    const streams = this.activeStreams();
    if (streams.length > 0) this.request('SUBSCRIBE', streams);
  }

  private handleClose(): void {
    this.pending.clear();
    this.live.clear();
    for (const entry of this.entries.values()) {
      for (const l of [...entry.listeners]) l.onInterrupted?.();
    }
  }

  private handleMessage(text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      this.options.onProtocolError?.(`unparseable frame: ${text.slice(0, 80)}`);
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as { stream?: unknown; data?: unknown; id?: unknown; result?: unknown; error?: { msg?: string } };
    if (typeof m.stream === 'string' && 'data' in m) {
      const entry = this.entries.get(m.stream);
      if (!entry) return; // late frame of a stream we left
      for (const l of [...entry.listeners]) l.onData(m.data as never);
      return;
    }
    if (typeof m.id === 'number') {
      const req = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!req) return;
      if (m.error) {
        this.options.onProtocolError?.(`${req.method} ${req.streams.join(',')} failed: ${m.error.msg ?? 'error'}`);
        return;
      }
      if (req.method === 'SUBSCRIBE') this.acknowledge(req.streams);
    }
  }

  private acknowledge(streams: string[]): void {
    for (const name of streams) {
      const entry = this.entries.get(name);
      if (!entry || this.live.has(name)) continue;
      this.live.add(name);
      for (const l of [...entry.listeners]) l.onSubscribed?.();
    }
  }
}

/** Stream names as Binance spells them. */
export const streams = {
  trade: (symbol: string) => `${symbol.toLowerCase()}@trade`,
  kline: (symbol: string, interval: string) => `${symbol.toLowerCase()}@kline_${interval}`,
  depth: (symbol: string) => `${symbol.toLowerCase()}@depth@100ms`,
  ticker: (symbol: string) => `${symbol.toLowerCase()}@ticker`,
  allTickers: () => '!ticker@arr',
};
