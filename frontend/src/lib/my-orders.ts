/**
 * The signed-in account's orders: open orders and recent history loaded over REST, kept current by the
 * private stream's execution reports, plus the fills seen on the stream this session.
 *
 * Reports can overtake the REST page that was requested before them, and the 202 of a new order, so merging
 * keeps whichever version of an order is newer: a final status always wins over a working one, a working one
 * over the app's own PENDING_NEW, and within the same stage the later update time.
 */
import { mul, normalize, toPlainString } from './decimal';
import type { ExecutionReport, HistoryOrder, NewOrderAccepted, NewOrderRequest, OrderStatus } from './api-types';

export const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'FILLED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
  'EXPIRED_IN_MATCH',
]);

export function isFinal(status: OrderStatus): boolean {
  return FINAL_STATUSES.has(status);
}

const REASON_TEXT: Record<string, string> = { INSUFFICIENT_BALANCE: 'insufficient balance' };

/** "Order 0190a3c2 rejected: insufficient balance" for a REJECTED order (the reason code when it has no text), else null. */
export function rejectionNotice(order: HistoryOrder | undefined, shortId: (id: string) => string): string | null {
  if (order?.status !== 'REJECTED') return null;
  const reason = order.reason ? `: ${REASON_TEXT[order.reason] ?? order.reason}` : '';
  return `Order ${shortId(order.orderId)} rejected${reason}`;
}

export interface SessionFill {
  orderId: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  tradeId: number;
  price: string;
  quantity: string;
  quoteQuantity: string;
  commission: string;
  /** The asset the fee was taken in (what the fill received), null without a fee. */
  commissionAsset: string | null;
  time: number;
  maker: boolean;
}

export function orderFromReport(ev: ExecutionReport): HistoryOrder {
  return {
    orderId: ev.i,
    clientOrderId: ev.c,
    symbol: ev.s,
    side: ev.S,
    type: ev.o,
    timeInForce: ev.o === 'LIMIT' ? (ev.f as HistoryOrder['timeInForce']) : null,
    price: ev.o === 'MARKET' ? null : ev.p,
    quantity: ev.q,
    executedQuantity: ev.z,
    cumulativeQuote: ev.Z,
    status: ev.X,
    createdAt: ev.O,
    updatedAt: ev.E,
    reason: ev.r && ev.r !== 'NONE' ? ev.r : undefined,
  };
}

/**
 * How far along an order is: the app's own PENDING_NEW (from the 202), then what the server reported
 * (working), then final. The report of a new order carries the command's time, which is the 202's
 * `acceptedAt`, and can arrive before the 202 is handled: by time alone the 202 would roll it back.
 */
function stage(status: OrderStatus): number {
  if (status === 'PENDING_NEW') return 0;
  return isFinal(status) ? 2 : 1;
}

function newer(current: HistoryOrder | undefined, candidate: HistoryOrder): boolean {
  if (!current) return true;
  if (stage(candidate.status) !== stage(current.status)) return stage(candidate.status) > stage(current.status);
  return candidate.updatedAt >= current.updatedAt;
}

export class MyOrders {
  private readonly orders = new Map<string, HistoryOrder>();
  private readonly seenFills = new Set<string>();
  private fillList: SessionFill[] = [];

  constructor(private readonly maxFills = 500) {}

  clear(): void {
    this.orders.clear();
    this.seenFills.clear();
    this.fillList = [];
  }

  /** Merges a REST page (open orders or history). */
  load(items: HistoryOrder[]): void {
    for (const o of items) this.upsert(o);
  }

  /** Shows an accepted order at once, before the stream confirms it. */
  addAccepted(accepted: NewOrderAccepted, request: NewOrderRequest): void {
    this.upsert({
      orderId: accepted.orderId,
      clientOrderId: accepted.clientOrderId,
      symbol: accepted.symbol,
      side: request.side,
      type: request.type,
      timeInForce: request.timeInForce ?? null,
      price: request.price ?? null,
      quantity: request.quantity ?? '0',
      executedQuantity: '0',
      cumulativeQuote: '0',
      status: 'PENDING_NEW',
      createdAt: accepted.acceptedAt,
      updatedAt: accepted.acceptedAt,
    });
  }

  applyReport(ev: ExecutionReport): void {
    this.upsert(orderFromReport(ev));
    if (ev.x === 'TRADE') {
      const key = `${ev.s}:${ev.t}:${ev.i}`;
      if (!this.seenFills.has(key)) {
        this.seenFills.add(key);
        this.fillList.unshift({
          orderId: ev.i,
          symbol: ev.s,
          side: ev.S,
          tradeId: ev.t,
          price: ev.L,
          quantity: ev.l,
          quoteQuantity: toPlainString(normalize(mul(ev.L, ev.l))),
          commission: ev.n,
          commissionAsset: ev.N ?? null,
          time: ev.T,
          maker: ev.m,
        });
        if (this.fillList.length > this.maxFills) this.fillList.length = this.maxFills;
      }
    }
  }

  private upsert(order: HistoryOrder): void {
    const current = this.orders.get(order.orderId);
    if (newer(current, order)) this.orders.set(order.orderId, { ...order, reason: order.reason ?? current?.reason });
  }

  get(orderId: string): HistoryOrder | undefined {
    return this.orders.get(orderId);
  }

  /** Working orders of a symbol, newest first. */
  open(symbol: string): HistoryOrder[] {
    return this.select((o) => o.symbol === symbol && !isFinal(o.status));
  }

  /** Finished orders of a symbol, most recently updated first. */
  history(symbol: string, limit = 100): HistoryOrder[] {
    return this.select((o) => o.symbol === symbol && isFinal(o.status), (a, b) => b.updatedAt - a.updatedAt).slice(0, limit);
  }

  fills(symbol: string): SessionFill[] {
    return this.fillList.filter((f) => f.symbol === symbol);
  }

  private select(
    predicate: (o: HistoryOrder) => boolean,
    order: (a: HistoryOrder, b: HistoryOrder) => number = (a, b) => b.createdAt - a.createdAt,
  ): HistoryOrder[] {
    const out: HistoryOrder[] = [];
    for (const o of this.orders.values()) if (predicate(o)) out.push(o);
    return out.sort(order);
  }
}
