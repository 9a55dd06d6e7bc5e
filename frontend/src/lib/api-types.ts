/**
 * Wire types of the backend contract (see docs/frontend.md). Decimals are strings, times epoch milliseconds.
 * Binance-compatible payloads keep Binance's one-letter field names.
 */

export type InstrumentStatus = 'TRADING' | 'HALTED' | 'DELISTED';

export interface Instrument {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  status: InstrumentStatus;
  tickSize: string;
  stepSize: string;
  minQuantity: string;
  maxQuantity: string;
  minNotional: string;
  maxOpenOrders: number;
}

export type OrderSide = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export type SelfTradePrevention = 'NONE' | 'EXPIRE_TAKER' | 'EXPIRE_MAKER' | 'EXPIRE_BOTH';
export type OrderStatus =
  | 'PENDING_NEW'
  | 'NEW'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELED'
  | 'REJECTED'
  | 'EXPIRED'
  | 'EXPIRED_IN_MATCH';

export interface NewOrderRequest {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  timeInForce?: TimeInForce;
  quantity?: string;
  quoteQuantity?: string;
  price?: string;
  clientOrderId: string;
  selfTradePrevention?: SelfTradePrevention;
}

export interface NewOrderAccepted {
  orderId: string;
  clientOrderId: string;
  symbol: string;
  status: 'PENDING_NEW';
  acceptedAt: number;
}

/** RFC 9457 problem details with the exchange's field errors. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  field?: string;
  errors?: Array<{ field?: string; code?: string; message?: string }>;
}

export interface HistoryOrder {
  orderId: string;
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  timeInForce?: TimeInForce | null;
  price?: string | null;
  quantity: string;
  executedQuantity: string;
  cumulativeQuote: string;
  status: OrderStatus;
  createdAt: number;
  updatedAt: number;
  /** Reject or expiry reason code, when the stream told us. */
  reason?: string;
}

export interface Fill {
  tradeId: number | string;
  price: string;
  quantity: string;
  quoteQuantity: string;
  time: number;
  maker: boolean;
}

export interface HistoryOrderDetail extends HistoryOrder {
  fills: Fill[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface DevToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** `POST /api/v1/ws-ticket`: a single-use ticket for `/ws/private?ticket=`. */
export interface WsTicket {
  ticket: string;
  /** Epoch ms after which the ticket is refused. */
  expiresAt: number;
}

/** One level: [price, quantity]. */
export type PriceLevel = [string, string];

export interface DepthSnapshot {
  lastUpdateId: number;
  bids: PriceLevel[];
  asks: PriceLevel[];
}

export interface DepthUpdateEvent {
  e: 'depthUpdate';
  E: number;
  s: string;
  U: number;
  u: number;
  b: PriceLevel[];
  a: PriceLevel[];
}

/** REST kline row: openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBuyBase, takerBuyQuote, ignore. */
export type KlineRow = [number, string, string, string, string, string, number, string, number, string, string, string];

export interface KlineEvent {
  e: 'kline';
  E: number;
  s: string;
  k: {
    t: number;
    T: number;
    s: string;
    i: string;
    f: number;
    L: number;
    o: string;
    c: string;
    h: string;
    l: string;
    v: string;
    n: number;
    x: boolean;
    q: string;
    V: string;
    Q: string;
    B: string;
  };
}

export interface RestTrade {
  id: number;
  price: string;
  qty: string;
  quoteQty: string;
  time: number;
  isBuyerMaker: boolean;
  isBestMatch: boolean;
}

export interface TradeEvent {
  e: 'trade';
  E: number;
  s: string;
  t: number;
  p: string;
  q: string;
  T: number;
  /** Buyer is the maker, i.e. the taker sold. */
  m: boolean;
  M: boolean;
}

export interface Ticker24h {
  symbol: string;
  priceChange: string;
  priceChangePercent: string;
  weightedAvgPrice: string;
  prevClosePrice: string;
  lastPrice: string;
  lastQty: string;
  bidPrice: string;
  bidQty: string;
  askPrice: string;
  askQty: string;
  openPrice: string;
  highPrice: string;
  lowPrice: string;
  volume: string;
  quoteVolume: string;
  openTime: number;
  closeTime: number;
  firstId: number;
  lastId: number;
  count: number;
}

export interface TickerEvent {
  e: '24hrTicker';
  E: number;
  s: string;
  p: string;
  P: string;
  w: string;
  x: string;
  c: string;
  Q: string;
  b: string;
  B: string;
  a: string;
  A: string;
  o: string;
  h: string;
  l: string;
  v: string;
  q: string;
  O: number;
  C: number;
  F: number;
  L: number;
  n: number;
}

/** Binance user-data executionReport; `i` is our UUID orderId and `r` a reject reason code. */
export interface ExecutionReport {
  e: 'executionReport';
  E: number;
  s: string;
  c: string;
  S: OrderSide;
  o: OrderType;
  f: TimeInForce | string;
  q: string;
  p: string;
  x: 'NEW' | 'CANCELED' | 'REPLACED' | 'REJECTED' | 'TRADE' | 'EXPIRED' | 'TRADE_PREVENTION' | string;
  X: OrderStatus;
  r: string;
  i: string;
  l: string;
  z: string;
  L: string;
  /** Commission of this fill, in `N`. */
  n: string;
  N?: string | null;
  T: number;
  t: number;
  m: boolean;
  O: number;
  Z: string;
  Y: string;
}

/** `POST /api/v1/alerts` (docs/alerts.md): decimals as strings; the fields a type takes, the others absent. */
export interface NewAlertRequest {
  symbol: string;
  type: 'PRICE_ABOVE' | 'PRICE_BELOW' | 'PERCENT_CHANGE' | 'ORDER_FILLED';
  price?: string;
  percent?: string;
  window?: '5m' | '1h' | '24h';
  partialFills?: boolean;
}

/** An alert of `GET /api/v1/alerts`. */
export interface Alert {
  alertId: string;
  clientAlertId: string | null;
  symbol: string;
  type: string;
  price: string | null;
  percent: string | null;
  window: string | null;
  hysteresisPercent: string;
  partialFills: boolean;
  status: 'ACTIVE' | 'PAUSED';
  createdTime: number;
}

/**
 * Private stream: a price alert of the account fired (ws-relay `Payloads.alert`, docs/alerts.md). `n` is the
 * firing number, `p` the price that fired it; by kind: `L` the level; `R` the reference price, `P` the change in
 * percent (signed) and `w` the window in minutes; `i` the order, `X` its status and `z` its executed quantity.
 */
export interface AlertFrame {
  e: 'alert';
  E: number;
  a: string;
  c?: string;
  s: string;
  k: 'PRICE_ABOVE' | 'PRICE_BELOW' | 'PERCENT_CHANGE' | 'ORDER_FILLED' | string;
  n: number;
  p: string;
  T: number;
  L?: string;
  R?: string;
  P?: string;
  w?: number;
  i?: string;
  X?: string;
  z?: string;
}

/** One asset of `GET /api/v1/account`; amounts are decimal strings at the asset's scale. */
export interface AccountBalance {
  asset: string;
  free: string;
  locked: string;
}

export interface Account {
  account: string;
  balances: AccountBalance[];
}

/** Private stream: Binance `outboundAccountPosition`, the assets a change touched, after it. */
export interface AccountPosition {
  e: 'outboundAccountPosition';
  E: number;
  u: number;
  B: Array<{ a: string; f: string; l: string }>;
}

export type ApiKeyScheme = 'HMAC_SHA256' | 'ED25519';
export type ApiKeyPermission = 'READ' | 'TRADE';

/** `POST /api/v1/api-keys` (docs/edge-api.md "API keys"): `publicKey` for an ED25519 key only. */
export interface NewApiKeyRequest {
  label: string;
  scheme: ApiKeyScheme;
  publicKey?: string;
  permissions: ApiKeyPermission[];
  ipAllowList: string[];
}

/** A key of `GET /api/v1/api-keys`; `secret` only in the answer that created an HMAC key, never again. */
export interface ApiKey {
  apiKey: string;
  label: string;
  scheme: ApiKeyScheme;
  permissions: ApiKeyPermission[];
  /** Addresses or CIDR blocks signed requests must come from; empty: any. */
  ipAllowList: string[];
  publicKey?: string;
  status: 'ACTIVE' | 'REVOKED';
  createdAt: number;
  revokedAt?: number;
  secret?: string;
}
