/**
 * HTTP client for the exchange: the Binance-compatible public REST (`/api/v3`), our own API (`/api/v1`)
 * and the dev token endpoint. Errors become `ApiError` carrying the problem+json body (own API) or the
 * Binance `{code, msg}` body (public API).
 */
import type {
  Account,
  Alert,
  ApiKey,
  DepthSnapshot,
  DevToken,
  HistoryOrder,
  HistoryOrderDetail,
  Instrument,
  KlineRow,
  NewAlertRequest,
  NewApiKeyRequest,
  NewOrderAccepted,
  NewOrderRequest,
  Page,
  Problem,
  RestTrade,
  Ticker24h,
  WsTicket,
} from './api-types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/** What a refused call says: the problem's field errors, else its detail, else the error's message. */
export function problemText(e: unknown): string {
  if (e instanceof ApiError) {
    return e.problem.errors?.map((x) => x.message).join('; ') || e.problem.detail || e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class ApiClient {
  private token: string | null = null;

  constructor(
    private readonly apiBase: string,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
  ) {}

  setToken(token: string | null): void {
    this.token = token;
  }

  private async request<T>(method: string, path: string, body?: unknown, auth = false): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth) {
      if (!this.token) throw new ApiError(401, { title: 'Not signed in', status: 401, code: 'UNAUTHENTICATED' });
      headers.Authorization = `Bearer ${this.token}`;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.apiBase + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, { title: 'Network error', detail: e instanceof Error ? e.message : String(e), code: 'NETWORK' });
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!response.ok) throw new ApiError(response.status, toProblem(response.status, parsed, text));
    return parsed as T;
  }

  // Public, Binance-compatible
  klines(symbol: string, interval: string, limit = 500): Promise<KlineRow[]> {
    return this.request('GET', `/api/v3/klines?${q({ symbol, interval, limit })}`);
  }
  depth(symbol: string, limit = 1000): Promise<DepthSnapshot> {
    return this.request('GET', `/api/v3/depth?${q({ symbol, limit })}`);
  }
  trades(symbol: string, limit = 100): Promise<RestTrade[]> {
    return this.request('GET', `/api/v3/trades?${q({ symbol, limit })}`);
  }
  tickers(): Promise<Ticker24h[]> {
    return this.request('GET', '/api/v3/ticker/24hr');
  }

  // Own API
  instruments(): Promise<Instrument[]> {
    return this.request('GET', '/api/v1/instruments');
  }
  devToken(account: string, admin: boolean): Promise<DevToken> {
    return this.request('POST', '/dev/token', { account, admin });
  }
  /** A single-use ticket for the private WebSocket, valid for about 30 s. */
  wsTicket(): Promise<WsTicket> {
    return this.request('POST', '/api/v1/ws-ticket', undefined, true);
  }
  placeOrder(order: NewOrderRequest): Promise<NewOrderAccepted> {
    return this.request('POST', '/api/v1/orders', order, true);
  }
  cancelOrder(symbol: string, orderId: string): Promise<unknown> {
    return this.request('DELETE', `/api/v1/orders/${encodeURIComponent(orderId)}?${q({ symbol })}`, undefined, true);
  }
  cancelAll(symbol: string): Promise<unknown> {
    return this.request('DELETE', `/api/v1/orders?${q({ symbol })}`, undefined, true);
  }
  orders(symbol: string, open: boolean, limit = 100): Promise<Page<HistoryOrder>> {
    return this.request('GET', `/api/v1/history/orders?${q({ symbol, open, limit })}`, undefined, true);
  }
  account(): Promise<Account> {
    return this.request('GET', '/api/v1/account', undefined, true);
  }
  order(orderId: string): Promise<HistoryOrderDetail> {
    return this.request('GET', `/api/v1/history/orders/${encodeURIComponent(orderId)}`, undefined, true);
  }

  // Price alerts (docs/alerts.md)
  alerts(): Promise<Alert[]> {
    return this.request('GET', '/api/v1/alerts', undefined, true);
  }
  createAlert(alert: NewAlertRequest): Promise<Alert> {
    return this.request('POST', '/api/v1/alerts', alert, true);
  }
  alertAction(alertId: string, action: 'pause' | 'resume'): Promise<Alert> {
    return this.request('POST', `/api/v1/alerts/${encodeURIComponent(alertId)}/${action}`, undefined, true);
  }
  deleteAlert(alertId: string): Promise<unknown> {
    return this.request('DELETE', `/api/v1/alerts/${encodeURIComponent(alertId)}`, undefined, true);
  }

  // API keys for signed requests (docs/edge-api.md "API keys")
  apiKeys(): Promise<ApiKey[]> {
    return this.request('GET', '/api/v1/api-keys', undefined, true);
  }
  /** The new key; an HMAC key's `secret` is in this answer only. */
  createApiKey(key: NewApiKeyRequest): Promise<ApiKey> {
    return this.request('POST', '/api/v1/api-keys', key, true);
  }
  revokeApiKey(apiKey: string): Promise<unknown> {
    return this.request('DELETE', `/api/v1/api-keys/${encodeURIComponent(apiKey)}`, undefined, true);
  }

  // Admin
  listAsset(asset: { code: string; scale: number }): Promise<unknown> {
    return this.request('POST', '/api/v1/admin/assets', asset, true);
  }
  listInstrument(instrument: Omit<Instrument, 'status'>): Promise<unknown> {
    return this.request('POST', '/api/v1/admin/instruments', instrument, true);
  }
  instrumentAction(symbol: string, action: 'halt' | 'resume' | 'delist'): Promise<unknown> {
    return this.request('POST', `/api/v1/admin/instruments/${encodeURIComponent(symbol)}/${action}`, undefined, true);
  }
}

function q(params: Record<string, string | number | boolean>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

function toProblem(status: number, body: unknown, text: string): Problem {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if ('title' in b || 'detail' in b || 'errors' in b || typeof b.code === 'string') return b as Problem;
    if (typeof b.msg === 'string') return { status, title: b.msg, detail: b.msg, code: String(b.code ?? status) };
  }
  return { status, title: `HTTP ${status}`, detail: text.slice(0, 200) || undefined };
}
