/**
 * Keeps an OrderBook in sync with `<s>@depth@100ms`: the REST snapshot is fetched once the server has
 * acknowledged the subscription (so no diff between snapshot and stream is lost), again whenever the book
 * reports a gap, and again after every reconnect. Snapshot retries back off so a lagging server is not
 * hammered.
 */
import { OrderBook } from './order-book';
import type { DepthSnapshot, DepthUpdateEvent } from './api-types';
import type { StreamListener } from './stream-client';
import type { Timers } from './reconnecting-socket';

export type FeedState = 'loading' | 'synced' | 'resyncing' | 'interrupted';

export interface OrderBookFeedOptions {
  stream: string;
  subscribe(stream: string, listener: StreamListener<DepthUpdateEvent>): () => void;
  fetchSnapshot(): Promise<DepthSnapshot>;
  /** Called after every change of the book or of the feed state. */
  onChange(): void;
  timers?: Timers;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export class OrderBookFeed {
  readonly book = new OrderBook();
  private _state: FeedState = 'loading';
  private _resnapshots = 0;
  private unsubscribe: (() => void) | null = null;
  private generation = 0;
  private inFlight = false;
  private retryTimer: unknown = null;
  private retryAttempt = 0;
  private stopped = false;
  private readonly timers: Timers;

  constructor(private readonly options: OrderBookFeedOptions) {
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
  }

  get stream(): string {
    return this.options.stream;
  }

  get state(): FeedState {
    return this._state;
  }

  /** Snapshots fetched because of a gap or a reconnect (not counting the first). */
  get resnapshots(): number {
    return this._resnapshots;
  }

  start(): void {
    this.unsubscribe = this.options.subscribe(this.options.stream, {
      onData: (event) => this.onDiff(event),
      onSubscribed: () => this.requestSnapshot(),
      onInterrupted: () => this.onInterrupted(),
    });
  }

  stop(): void {
    this.stopped = true;
    this.cancelRetry();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private onDiff(event: DepthUpdateEvent): void {
    let result;
    try {
      result = this.book.applyDiff(event);
    } catch {
      // A malformed level: treat it like a gap rather than render a wrong book.
      this.book.reset();
      result = 'gap' as const;
    }
    if (result === 'gap') {
      this._resnapshots += 1;
      this.setState('resyncing');
      this.requestSnapshot();
    } else if (result === 'applied') {
      this.options.onChange();
    }
  }

  private onInterrupted(): void {
    this.generation += 1; // a snapshot requested before the drop must not be applied now
    this.inFlight = false;
    this.cancelRetry();
    this.book.reset();
    this.setState('interrupted');
  }

  private requestSnapshot(): void {
    if (this.inFlight || this.stopped) return;
    if (this._state === 'interrupted') this._resnapshots += 1;
    this.cancelRetry();
    this.inFlight = true;
    const generation = this.generation;
    this.options.fetchSnapshot().then(
      (snapshot) => {
        if (generation !== this.generation || this.stopped) return;
        this.inFlight = false;
        let result;
        try {
          result = this.book.applySnapshot(snapshot);
        } catch {
          this.book.reset();
          result = 'gap' as const;
        }
        if (result === 'synced') {
          this.retryAttempt = 0;
          this.setState('synced');
          this.options.onChange();
        } else {
          this.setState('resyncing');
          this.scheduleRetry();
        }
      },
      () => {
        if (generation !== this.generation || this.stopped) return;
        this.inFlight = false;
        this.scheduleRetry();
      },
    );
  }

  private scheduleRetry(): void {
    const base = this.options.retryBaseMs ?? 250;
    const max = this.options.retryMaxMs ?? 5000;
    const delay = Math.min(max, base * 2 ** this.retryAttempt);
    this.retryAttempt += 1;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.requestSnapshot();
    }, delay);
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(state: FeedState): void {
    if (this._state === state) return;
    this._state = state;
    this.options.onChange();
  }
}
