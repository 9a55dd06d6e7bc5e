/**
 * A WebSocket that reconnects with exponential backoff and jitter. It knows nothing about the messages;
 * the market-data stream client and the private order stream build on it.
 */

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The subset of the browser WebSocket used here, so tests can pass a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction of the delay that is randomised, 0..1. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 15_000, factor: 2, jitter: 0.3 };

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Delay before reconnect attempt number `attempt` (0-based). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** attempt);
  const spread = base * policy.jitter;
  return Math.round(base - spread + random() * spread);
}

export interface ReconnectingSocketOptions {
  /**
   * Called before every connection attempt, so a refreshed token or config is picked up; may be
   * asynchronous (the private stream fetches a fresh single-use ticket), and a rejection counts as a
   * failed attempt.
   */
  url: () => string | Promise<string>;
  createSocket?: WebSocketFactory;
  backoff?: BackoffPolicy;
  timers?: Timers;
  random?: () => number;
  onOpen(reconnected: boolean): void;
  onMessage(data: string): void;
  onClose(): void;
  onStateChange?(state: ConnectionState): void;
}

const OPEN = 1;

export class ReconnectingSocket {
  private socket: WebSocketLike | null = null;
  private attempt = 0;
  private timer: unknown = null;
  private everOpened = false;
  /** Bumped by close(), so a URL that resolves after it opens nothing. */
  private generation = 0;
  private _state: ConnectionState = 'idle';
  private readonly timers: Timers;
  private readonly backoff: BackoffPolicy;
  private readonly createSocket: WebSocketFactory;

  constructor(private readonly options: ReconnectingSocketOptions) {
    this.timers = options.timers ?? realTimers;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as WebSocketLike);
  }

  get state(): ConnectionState {
    return this._state;
  }

  get isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === OPEN && this._state === 'open';
  }

  /** Opens the connection if it is not open or opening already. */
  connect(): void {
    if (this._state === 'connecting' || this._state === 'open' || this._state === 'reconnecting') return;
    this.open();
  }

  send(text: string): boolean {
    if (!this.isOpen) return false;
    this.socket!.send(text);
    return true;
  }

  /** Closes for good; no reconnect. */
  close(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onclose = s.onmessage = s.onerror = null;
      s.close(1000, 'closed by client');
    }
    this.generation += 1;
    this.setState('closed');
  }

  /** Drops the current connection and reconnects at once (e.g. after the access token changed). */
  restart(): void {
    this.close();
    this.attempt = 0;
    this.open();
  }

  private open(): void {
    this.timer = null;
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
    let url: string | Promise<string>;
    try {
      url = this.options.url();
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (typeof url === 'string') {
      this.openAt(url);
      return;
    }
    const generation = this.generation;
    url.then(
      (resolved) => {
        if (generation === this.generation) this.openAt(resolved);
      },
      () => {
        if (generation === this.generation) this.scheduleReconnect();
      },
    );
  }

  private openAt(url: string): void {
    let socket: WebSocketLike;
    try {
      socket = this.createSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.setState('open');
      this.options.onOpen(reconnected);
    };
    socket.onmessage = (ev) => {
      // A message means the connection really works: reset the backoff.
      this.attempt = 0;
      if (typeof ev.data === 'string') this.options.onMessage(ev.data);
    };
    socket.onerror = () => {
      // The close event follows; reconnect is handled there.
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      const wasOpen = this._state === 'open';
      if (wasOpen) this.options.onClose();
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    const delay = backoffDelay(this.attempt, this.backoff, this.options.random);
    this.attempt += 1;
    this.setState('reconnecting');
    this.timer = this.timers.setTimeout(() => this.open(), delay);
  }

  private setState(state: ConnectionState): void {
    if (this._state === state) return;
    this._state = state;
    this.options.onStateChange?.(state);
  }
}
