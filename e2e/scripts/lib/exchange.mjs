/**
 * Plain HTTP calls to a running exchange, through the same origin the web app uses: the dev token issuer,
 * our own API (orders, instruments, assets, transfers, account, API keys, alerts, admin) and the Binance-compatible REST,
 * public and signed with an HMAC API key. Every unexpected answer throws with the request and the response body,
 * so a failing step says exactly what the server said.
 */
import { createHmac } from 'node:crypto';
import { waitFor } from './harness.mjs';

export class Exchange {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }

  async request(method, path, { token, body, expect = [200], headers: extra = {} } = {}) {
    const headers = { Accept: 'application/json, application/problem+json', ...extra };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15000),
    });
    const text = await response.text();
    if (!expect.includes(response.status)) {
      const sent = body === undefined ? '' : ` ${JSON.stringify(body)}`;
      throw new Error(`${method} ${path}${sent} -> HTTP ${response.status} ${text.slice(0, 2000)}`);
    }
    return text.length ? JSON.parse(text) : undefined;
  }

  /** A bearer token from the dev issuer (`POST /dev/token`), which also grants the account its starter balance. */
  async token(account, admin = false) {
    const t = await this.request('POST', '/dev/token', { body: { account, admin } });
    if (typeof t?.access_token !== 'string') throw new Error(`POST /dev/token answered without access_token: ${JSON.stringify(t)}`);
    return t.access_token;
  }

  instruments() {
    return this.request('GET', '/api/v1/instruments');
  }

  /** Lists an asset (201 when new, 200 when already listed with this scale) and waits until `GET /api/v1/assets` shows it. */
  async listAsset(adminToken, code, timeout, scale = 8) {
    await this.request('POST', '/api/v1/admin/assets', { token: adminToken, body: { code, scale }, expect: [200, 201] });
    return this.assetListed(code, scale, timeout);
  }

  /** Waits until `GET /api/v1/assets` shows the asset with this scale. */
  assetListed(code, scale, timeout) {
    return waitFor(
      `${code} in GET /api/v1/assets`,
      async () => (await this.request('GET', '/api/v1/assets')).find((a) => a.code === code && a.scale === scale),
      { timeout },
    );
  }

  /** Deposits `amount` (a decimal string) of `asset` to `account`; idempotent by `transferId`. */
  deposit(adminToken, account, asset, amount, transferId) {
    return this.request('POST', '/api/v1/admin/transfers', {
      token: adminToken,
      body: { account, asset, amount, kind: 'DEPOSIT', transferId },
      expect: [202],
    });
  }

  /** The token's account and its balances (`GET /api/v1/account`). */
  account(token) {
    return this.request('GET', '/api/v1/account', { token });
  }

  /**
   * Lists a pair, after its base asset (the quote, USDT, is listed by the stack), and waits until the matcher
   * has published it (edge-api's instrument list shows it TRADING).
   */
  async listInstrument(adminToken, listing, timeout) {
    await this.listAsset(adminToken, listing.baseAsset, timeout);
    await this.request('POST', '/api/v1/admin/instruments', { token: adminToken, body: listing, expect: [202] });
    return waitFor(
      `${listing.symbol} to be listed as TRADING in GET /api/v1/instruments`,
      async () => (await this.instruments()).find((i) => i.symbol === listing.symbol && i.status === 'TRADING'),
      { timeout },
    );
  }

  /** Creates an API key for the token's account (`POST /api/v1/api-keys`); the answer carries an HMAC key's secret, once. */
  createApiKey(token, body) {
    return this.request('POST', '/api/v1/api-keys', { token, body, expect: [201] });
  }

  /**
   * A Binance signed request with an HMAC-SHA256 key (docs/binance-compat.md "Signing"): `params` and the
   * current `timestamp` in the query string, signed as sent, the key in `X-MBX-APIKEY`. Returns the answer,
   * a Binance `{code, msg}` when refused with a status in `expect`.
   */
  signed(key, method, path, params = {}, { expect = [200] } = {}) {
    const query = new URLSearchParams({ ...params, timestamp: String(Date.now()) }).toString();
    const signature = createHmac('sha256', key.secret).update(query).digest('hex');
    return this.request(method, `${path}?${query}&signature=${signature}`, { expect, headers: { 'X-MBX-APIKEY': key.apiKey } });
  }

  /** The token's account's price alerts (`GET /api/v1/alerts`, docs/alerts.md), oldest first. */
  alerts(token) {
    return this.request('GET', '/api/v1/alerts', { token });
  }

  /** Places an order; returns the 202 answer (`orderId`, `status: PENDING_NEW`). */
  placeOrder(token, order) {
    return this.request('POST', '/api/v1/orders', { token, body: order, expect: [202] });
  }

  limit(token, symbol, side, price, quantity, timeInForce = 'GTC') {
    return this.placeOrder(token, { symbol, side, type: 'LIMIT', timeInForce, price, quantity });
  }

  cancel(token, symbol, orderId) {
    return this.request('DELETE', `/api/v1/orders/${encodeURIComponent(orderId)}?symbol=${encodeURIComponent(symbol)}`, {
      token,
      expect: [200, 202],
    });
  }

  depth(symbol, limit = 100) {
    return this.request('GET', `/api/v3/depth?symbol=${encodeURIComponent(symbol)}&limit=${limit}`);
  }

  trades(symbol, limit = 500) {
    return this.request('GET', `/api/v3/trades?symbol=${encodeURIComponent(symbol)}&limit=${limit}`);
  }
}

/** A pair definition for `POST /api/v1/admin/instruments`, with the same defaults as the web app's admin form. */
export function listing(baseAsset, quoteAsset = 'USDT') {
  return {
    symbol: baseAsset + quoteAsset,
    baseAsset,
    quoteAsset,
    tickSize: '0.01',
    stepSize: '0.001',
    minQuantity: '0.001',
    maxQuantity: '10000',
    minNotional: '0.1',
    maxOpenOrders: 200,
  };
}
