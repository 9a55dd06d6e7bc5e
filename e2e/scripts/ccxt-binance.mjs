/**
 * ccxt's `binance` class, unchanged, against a running exchange: only its URLs point at us. The script lists
 * its own pair (so every expected number is known), trades on it through our API, then checks what
 * loadMarkets, fetchOrderBook, fetchTrades, fetchOHLCV, fetchTicker, watchTrades, watchOHLCV and
 * watchOrderBook make of it. Then the taker creates an API key (`POST /api/v1/api-keys`) and trades through
 * ccxt's signed methods: fetchBalance, createOrder (limit and market), fetchOpenOrders, fetchOrder, cancelOrder,
 * fetchMyTrades and fetchClosedOrders, and its user data stream over Binance's WebSocket API (watchBalance,
 * watchOrders, watchMyTrades), with balances that match the account's ledger (`GET /api/v1/account`).
 *
 *   node scripts/ccxt-binance.mjs --base-url http://localhost:8080 [--timeout 60000]
 *
 * Numbers coming out of ccxt are JavaScript numbers (that is ccxt's representation, parsed from our decimal
 * strings); they are compared with the exact values the same strings parse to, never computed with.
 */
import ccxt from 'ccxt';
import { setTimeout as delay } from 'node:timers/promises';
import { normalizeDecimal } from './lib/decimals.mjs';
import { Exchange, listing } from './lib/exchange.mjs';
import { Run, check, options, uniqueSuffix, waitFor } from './lib/harness.mjs';

const opts = options();
const run = new Run(`ccxt ${ccxt.version} binance against ${opts.baseUrl}`);
const api = new Exchange(opts.baseUrl);
const wsBase = opts.baseUrl.replace(/^http/, 'ws');
const timeout = opts.timeout;

const base = `C${uniqueSuffix()}`;
const pair = listing(base);
const symbol = `${base}/USDT`;

function same(actual, expected, what) {
  check(actual === Number(expected), `${what}: expected ${expected}, got ${actual}`);
}

function checkBookShape(book, what) {
  for (const [side, rows, better] of [
    ['bids', book.bids, (a, b) => a > b],
    ['asks', book.asks, (a, b) => a < b],
  ]) {
    check(Array.isArray(rows), `${what}: ${side} is an array`);
    rows.forEach(([price, amount], i) => {
      check(price > 0 && amount > 0, `${what}: ${side}[${i}] = [${price}, ${amount}] is positive`);
      if (i > 0) check(better(rows[i - 1][0], price), `${what}: ${side} sorted best first at ${i}: ${rows[i - 1][0]} then ${price}`);
    });
  }
  if (book.bids.length && book.asks.length) check(book.bids[0][0] < book.asks[0][0], `${what}: best bid ${book.bids[0][0]} < best ask ${book.asks[0][0]}`);
}

function checkCandle(row, what) {
  check(Array.isArray(row) && row.length === 6, `${what}: [timestamp, o, h, l, c, v], got ${JSON.stringify(row)}`);
  const [ts, o, h, l, c, v] = row;
  check(Number.isInteger(ts) && ts % 60000 === 0, `${what}: timestamp ${ts} on a minute boundary`);
  check(l <= Math.min(o, c) && Math.max(o, c) <= h && l > 0, `${what}: low ${l} <= open ${o}, close ${c} <= high ${h}`);
  check(v >= 0, `${what}: volume ${v} >= 0`);
}

function decimalLevels(rows) {
  return rows.map(([p, q]) => `${normalizeDecimal(p)}@${normalizeDecimal(q)}`).join(' ');
}

function levels(rows) {
  return rows.map(([p, a]) => `${p}@${a}`).join(' ');
}

/**
 * Calls `watch` (a ccxt watch* method) until `accept` likes a result, calling `cause` (which places an
 * order) before waiting and again whenever nothing arrived within `every` ms: a first order may be matched
 * before the subscription is in place, a later one is then seen.
 */
async function watchWhileCausing(what, watch, cause, accept, { every = 2000 } = {}) {
  const deadline = Date.now() + timeout;
  // Settles to {value} or {error}, never rejects: a watch left pending when the step ends must not surface
  // as an unhandled rejection when ccxt is closed.
  const next = () => watch().then((value) => ({ value }), (error) => ({ error }));
  let pending = next();
  for (;;) {
    await cause();
    const pause = delay(every).then(() => null);
    for (;;) {
      const result = await Promise.race([pending, pause]);
      if (result === null) break;
      if (result.error) throw result.error;
      pending = next();
      if (accept(result.value)) return result.value;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
  }
}

const ex = new ccxt.pro.binance({
  urls: { api: { public: `${opts.baseUrl}/api/v3`, ws: { spot: `${wsBase}/ws` } } },
  // Spot only: otherwise loadMarkets also asks the futures APIs (fapi/dapi), which a spot exchange does not have.
  options: { fetchMarkets: { types: ['spot'] } },
});
run.cleanup(() => ex.close());

const tokens = await run.step('dev tokens for an admin, a maker and a taker', async () => ({
  admin: await api.token(`e2e-ccxt-admin-${base}`, true),
  maker: await api.token(`e2e-ccxt-maker-${base}`),
  taker: await api.token(`e2e-ccxt-taker-${base}`),
}));

await run.step(`list ${pair.symbol}, fund the maker and the taker with ${base} and trade on it through /api/v1/orders`, async () => {
  await api.listInstrument(tokens.admin, pair, timeout);
  // the taker sells right after buying, possibly before its buy is settled: it gets base of its own too
  for (const who of ['maker', 'taker']) await api.deposit(tokens.admin, `e2e-ccxt-${who}-${base}`, base, '10', `e2e-ccxt-${base}`);
  for (const [side, price, qty] of [
    ['SELL', '101.00', '1.000'],
    ['SELL', '102.00', '2.000'],
    ['BUY', '99.00', '1.500'],
    ['BUY', '98.00', '2.500'],
  ]) {
    await api.limit(tokens.maker, pair.symbol, side, price, qty);
  }
  await api.limit(tokens.taker, pair.symbol, 'BUY', '101.00', '0.400', 'IOC');
  await api.limit(tokens.taker, pair.symbol, 'SELL', '99.00', '0.300', 'IOC');
  await waitFor(
    'GET /api/v3/depth to show what both trades left',
    async () => {
      const d = await api.depth(pair.symbol);
      return decimalLevels(d.bids) === '99@1.2 98@2.5' && decimalLevels(d.asks) === '101@0.6 102@2';
    },
    { timeout },
  );
});

await run.step('loadHttpProxyAgent (ccxt needs it in Node for plain ws://)', () => ex.loadHttpProxyAgent());

await run.step('loadMarkets', async () => {
  const markets = await ex.loadMarkets();
  const m = markets[symbol];
  check(m, `${symbol} is among the markets: ${Object.keys(markets).join(', ')}`);
  check(m.id === pair.symbol && m.base === base && m.quote === 'USDT', `ids: ${JSON.stringify({ id: m.id, base: m.base, quote: m.quote })}`);
  check(m.spot === true && m.type === 'spot' && m.active === true, `spot, active: ${JSON.stringify({ spot: m.spot, type: m.type, active: m.active })}`);
  same(m.precision.price, '0.01', 'precision.price (tick size)');
  same(m.precision.amount, '0.001', 'precision.amount (step size)');
  same(m.limits.amount.min, '0.001', 'limits.amount.min');
  same(m.limits.amount.max, '10000', 'limits.amount.max');
  same(m.limits.cost.min, '0.1', 'limits.cost.min');
  const others = Object.values(markets).filter((x) => x.id !== pair.symbol);
  run.log(`${Object.keys(markets).length} markets, e.g. ${others.slice(0, 5).map((x) => x.symbol).join(', ')}`);
});

await run.step('fetchOrderBook', async () => {
  const book = await ex.fetchOrderBook(symbol);
  checkBookShape(book, 'fetchOrderBook');
  check(Number.isInteger(book.nonce) && book.nonce > 0, `nonce is lastUpdateId: ${book.nonce}`);
  check(book.symbol === symbol, `symbol ${book.symbol}`);
  check(levels(book.bids) === '99@1.2 98@2.5', `bids after the trades: ${levels(book.bids)}`);
  check(levels(book.asks) === '101@0.6 102@2', `asks after the trades: ${levels(book.asks)}`);
});

const restTrades = await run.step('fetchTrades (aggTrades)', async () => {
  const trades = await waitFor('both trades in fetchTrades', async () => {
    const t = await ex.fetchTrades(symbol);
    return t.length >= 2 ? t : undefined;
  }, { timeout });
  check(trades.length === 2, `exactly the 2 trades made: ${JSON.stringify(trades.map((t) => t.info))}`);
  const [first, second] = trades;
  check(first.timestamp <= second.timestamp, 'oldest first');
  check(Number(first.id) < Number(second.id), `ids ascending: ${first.id}, ${second.id}`);
  for (const t of trades) {
    check(t.symbol === symbol, `symbol ${t.symbol}`);
    check(Math.abs(Date.now() - t.timestamp) < 10 * 60000, `timestamp ${t.datetime} is recent`);
  }
  same(first.price, '101', 'first trade price');
  same(first.amount, '0.4', 'first trade amount');
  check(first.side === 'buy', `first trade taken by a buyer: ${first.side}`);
  same(second.price, '99', 'second trade price');
  same(second.amount, '0.3', 'second trade amount');
  check(second.side === 'sell', `second trade taken by a seller: ${second.side}`);
  return trades;
});

await run.step('fetchOHLCV 1m', async () => {
  const rows = await waitFor('1m candles holding both trades', async () => {
    const r = await ex.fetchOHLCV(symbol, '1m');
    const volume = r.reduce((s, row) => s + Math.round(row[5] * 1000), 0);
    return volume === 700 ? r : undefined;
  }, { timeout });
  rows.forEach((row, i) => {
    checkCandle(row, `row ${i}`);
    if (i > 0) check(rows[i - 1][0] < row[0], `rows ascending at ${i}`);
  });
  const traded = rows.filter((r) => r[5] > 0);
  same(traded[0][1], '101', 'open of the first candle');
  same(traded[traded.length - 1][4], '99', 'close of the last candle');
  same(Math.max(...traded.map((r) => r[2])), '101', 'highest high');
  same(Math.min(...traded.map((r) => r[3])), '99', 'lowest low');
  const firstBucket = Math.floor(restTrades[0].timestamp / 60000) * 60000;
  check(traded[0][0] === firstBucket, `first candle opens at the first trade's minute ${firstBucket}: ${traded[0][0]}`);
});

await run.step('fetchTicker', async () => {
  const t = await waitFor('a 24h ticker counting both trades', async () => {
    const x = await ex.fetchTicker(symbol);
    return x.baseVolume === 0.7 && x.last === 99 ? x : undefined;
  }, { timeout });
  check(t.symbol === symbol, `symbol ${t.symbol}`);
  same(t.open, '101', 'open');
  same(t.high, '101', 'high');
  same(t.low, '99', 'low');
  same(t.close, '99', 'close');
  same(t.quoteVolume, '70.1', 'quoteVolume = 0.4 * 101 + 0.3 * 99');
  same(t.bid, '99', 'bid');
  same(t.bidVolume, '1.2', 'bidVolume');
  same(t.ask, '101', 'ask');
  same(t.askVolume, '0.6', 'askVolume');
  same(t.change, '-2', 'change');
});

await run.step('watchTrades: receives the trade this script causes', async () => {
  const since = Date.now();
  const trades = await watchWhileCausing(
    'a trade on the stream',
    () => ex.watchTrades(symbol),
    () => api.limit(tokens.taker, pair.symbol, 'BUY', '101.00', '0.010', 'IOC'),
    (list) => list.length > 0,
  );
  for (const t of trades) {
    check(t.symbol === symbol, `symbol ${t.symbol}`);
    same(t.price, '101', 'streamed trade price');
    same(t.amount, '0.01', 'streamed trade amount');
    check(t.side === 'buy', `taker side buy: ${t.side}`);
    check(t.timestamp >= since - 1000, `a trade made by this step: ${t.datetime}`);
    check(Number.isInteger(Number(t.id)), `numeric trade id ${t.id}`);
  }
  run.log(`received ${trades.length} trade(s), ids ${trades.map((t) => t.id).join(', ')}`);
});

await run.step('watchOHLCV 1m: the open candle follows a trade this script causes', async () => {
  // The last trade so far was a buy at 101: a close of 99 can only come from the sells made here.
  const rows = await watchWhileCausing(
    'a kline closing at 99',
    () => ex.watchOHLCV(symbol, '1m'),
    () => api.limit(tokens.taker, pair.symbol, 'SELL', '99.00', '0.010', 'IOC'),
    (r) => r.length > 0 && r[r.length - 1][4] === 99,
    { every: 3000 },
  );
  rows.forEach((row, i) => {
    checkCandle(row, `row ${i}`);
    if (i > 0) check(rows[i - 1][0] < row[0], `rows ascending at ${i}`);
  });
  const last = rows[rows.length - 1];
  check(last[0] === Math.floor(Date.now() / 60000) * 60000 || last[0] === Math.floor(Date.now() / 60000) * 60000 - 60000, `the open candle is the current minute: ${last[0]}`);
  check(last[5] >= 0.01, `its volume counts the trade: ${last[5]}`);
});

await run.step('watchOrderBook: snapshot plus diffs track orders placed and cancelled here', async () => {
  const placed = [];
  let n = 0;
  const book = await watchWhileCausing(
    'the streamed book to hold every bid placed here',
    () => ex.watchOrderBook(symbol),
    async () => {
      const price = (9950 - n++).toString().replace(/(\d\d)$/, '.$1');
      placed.push({ price, order: await api.limit(tokens.maker, pair.symbol, 'BUY', price, '0.777') });
    },
    (b) => placed.every(({ price }) => b.bids.some(([p, a]) => p === Number(price) && a === 0.777)),
  );
  checkBookShape(book, 'watchOrderBook');
  same(book.bids[0][0], placed[0].price, 'best bid is the highest one placed here');
  await waitFor('the snapshot+diff book to equal a fresh REST snapshot', async () => {
    const rest = await ex.fetchOrderBook(symbol);
    return levels(rest.bids) === levels(book.bids) && levels(rest.asks) === levels(book.asks);
  }, { timeout });
  const gone = placed[0];
  let cancelled = false;
  const after = await watchWhileCausing(
    `the cancelled bid ${gone.price} to leave the streamed book`,
    () => ex.watchOrderBook(symbol),
    async () => {
      if (!cancelled) await api.cancel(tokens.maker, pair.symbol, gone.order.orderId);
      cancelled = true;
    },
    (b) => !b.bids.some(([p]) => p === Number(gone.price)),
  );
  checkBookShape(after, 'watchOrderBook after cancel');
  run.log(`bids ${levels(after.bids.slice(0, 4))} | asks ${levels(after.asks.slice(0, 4))}`);
});

// ---- The signed surface: the taker's API key and ccxt's private methods ----

const key = await run.step('POST /api/v1/api-keys: an HMAC key with READ and TRADE for the taker', async () => {
  const k = await api.createApiKey(tokens.taker, { label: `ccxt ${base}`, permissions: ['READ', 'TRADE'] });
  check(/^[A-Za-z0-9]{64}$/.test(k.apiKey) && /^[A-Za-z0-9]{64}$/.test(k.secret), `a key and its secret: ${JSON.stringify({ apiKey: k.apiKey, scheme: k.scheme })}`);
  const listed = await api.request('GET', '/api/v1/api-keys', { token: tokens.taker });
  check(listed.some((x) => x.apiKey === k.apiKey && x.secret === undefined), 'listed, without its secret');
  return k;
});

const bot = new ccxt.pro.binance({
  apiKey: key.apiKey,
  secret: key.secret,
  urls: {
    api: {
      public: `${opts.baseUrl}/api/v3`,
      private: `${opts.baseUrl}/api/v3`,
      // watchOrders, watchBalance and watchMyTrades subscribe on Binance's WebSocket API
      ws: { spot: `${wsBase}/ws`, 'ws-api': { spot: `${wsBase}/ws-api/v3` } },
    },
  },
  // With a key set, loadMarkets would also ask Binance's sapi for currencies and margin pairs, which a spot
  // exchange does not serve.
  options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
});
run.cleanup(() => bot.close());

/** fetchBalance, once it equals the account's ledger balances (GET /api/v1/account) for the pair's assets. */
async function balanceMatchingTheLedger(what, accept = () => true) {
  return waitFor(what, async () => {
    const [balance, account] = await Promise.all([bot.fetchBalance(), api.account(tokens.taker)]);
    const matches = [base, 'USDT'].every((asset) => {
      const row = account.balances.find((x) => x.asset === asset);
      return row && balance[asset] && balance[asset].free === Number(row.free) && balance[asset].used === Number(row.locked);
    });
    return matches && accept(balance) ? balance : undefined;
  }, { timeout });
}

await run.step('fetchBalance: the taker\'s balances, as its ledger has them', async () => {
  const b = await balanceMatchingTheLedger('fetchBalance to equal GET /api/v1/account', (x) => x[base].used === 0);
  check(b[base].free > 0 && b.USDT.free > 0, `funded: ${base} ${b[base].free}, USDT ${b.USDT.free}`);
  run.log(`${base} free ${b[base].free}, USDT free ${b.USDT.free}`);
});

const resting = await run.step('createOrder: a limit buy that rests (FULL answer)', async () => {
  const o = await bot.createOrder(symbol, 'limit', 'buy', 0.5, 97);
  check(typeof o.id === 'string' && o.id.length > 0, `an order id: ${o.id}`);
  check(o.status === 'open', `status open: ${o.status} (${JSON.stringify(o.info)})`);
  same(o.price, '97', 'price');
  same(o.amount, '0.5', 'amount');
  check(o.side === 'buy' && o.type === 'limit', `a limit buy: ${o.side} ${o.type}`);
  return o;
});

await run.step('fetchOpenOrders: shows the resting buy', async () => {
  const open = await waitFor('the buy among the open orders', async () => {
    const list = await bot.fetchOpenOrders(symbol);
    return list.some((o) => o.id === resting.id) ? list : undefined;
  }, { timeout });
  const o = open.find((x) => x.id === resting.id);
  same(o.price, '97', 'open order price');
  same(o.remaining, '0.5', 'open order remaining');
  check(o.status === 'open', `status ${o.status}`);
});

await run.step('fetchBalance: 48.5 USDT held for the resting buy', async () => {
  await balanceMatchingTheLedger('48.5 USDT used', (b) => b.USDT.used === 48.5);
});

await run.step('cancelOrder: cancels it; fetchOrder and fetchOpenOrders agree', async () => {
  const c = await bot.cancelOrder(resting.id, symbol);
  check(c.id === resting.id && c.status === 'canceled', `canceled: ${JSON.stringify(c.info)}`);
  await waitFor('the order to leave the open orders', async () => !(await bot.fetchOpenOrders(symbol)).some((o) => o.id === resting.id), { timeout });
  const o = await bot.fetchOrder(resting.id, symbol);
  check(o.status === 'canceled', `fetchOrder status ${o.status}`);
});

const taken = await run.step('createOrder: an IOC sell that trades at once (FULL answer with fills)', async () => {
  const o = await bot.createOrder(symbol, 'limit', 'sell', 0.1, 98, { timeInForce: 'IOC' });
  check(o.status === 'closed', `filled: ${o.status} (${JSON.stringify(o.info)})`);
  same(o.filled, '0.1', 'filled');
  check(Array.isArray(o.trades) && o.trades.length > 0, `fills in the answer: ${JSON.stringify(o.info.fills)}`);
  check(o.trades.every((t) => t.price >= 98), `sold at or above 98: ${o.trades.map((t) => t.price).join(', ')}`);
  return o;
});

await run.step('fetchMyTrades: the taker\'s trades with their fees', async () => {
  const trades = await waitFor('the IOC sell among my trades', async () => {
    const list = await bot.fetchMyTrades(symbol);
    return list.some((t) => t.order === taken.id) ? list : undefined;
  }, { timeout });
  check(trades.some((t) => t.side === 'buy' && t.price === 101 && t.amount === 0.4), 'the first buy of 0.4 at 101');
  check(trades.some((t) => t.side === 'sell' && t.price === 99 && t.amount === 0.3), 'the sell of 0.3 at 99');
  for (const t of trades) {
    check(t.symbol === symbol && t.takerOrMaker === 'taker', `a taker trade on ${symbol}: ${JSON.stringify(t.info)}`);
    check(t.fee && typeof t.fee.currency === 'string', `a fee: ${JSON.stringify(t.fee)}`);
  }
  run.log(`${trades.length} trades, the last ${JSON.stringify(trades[trades.length - 1].info)}`);
});

await run.step('fetchBalance: nothing held, equal to the ledger', async () => {
  await balanceMatchingTheLedger('no USDT or base held', (b) => b.USDT.used === 0 && b[base].used === 0);
});

// ---- The user data stream: Binance's WebSocket API (userDataStream.subscribe.signature) ----

const takerAccount = `e2e-ccxt-taker-${base}`;
let deposits = 0;

await run.step('the keyed client: loadHttpProxyAgent (plain ws:// in Node)', () => bot.loadHttpProxyAgent());

await run.step('watchBalance: a deposit reaches the stream, equal to the ledger', async () => {
  // The first deposits may come before the subscription is in place: one is made every 2 s until one arrives,
  // then the stream is followed until it shows what the ledger shows.
  let balance = await watchWhileCausing(
    'a deposit on the balance stream',
    () => bot.watchBalance(),
    () => api.deposit(tokens.admin, takerAccount, 'USDT', '1', `e2e-ccxt-watch-${base}-${++deposits}`),
    (b) => b.USDT !== undefined,
  );
  const ledgerFree = async () => (await api.account(tokens.taker)).balances.find((x) => x.asset === 'USDT');
  const deadline = Date.now() + timeout;
  let ledger = await ledgerFree();
  while (Number(ledger.free) !== balance.USDT.free || Number(ledger.locked) !== balance.USDT.used) {
    if (Date.now() > deadline) throw new Error(`the stream says ${JSON.stringify(balance.USDT)}, the ledger ${JSON.stringify(ledger)}`);
    balance = await Promise.race([bot.watchBalance(), delay(1000).then(() => balance)]);
    ledger = await ledgerFree();
  }
  same(balance.USDT.free, ledger.free, 'streamed USDT free');
  same(balance.USDT.used, ledger.locked, 'streamed USDT used');
  run.log(`USDT free ${balance.USDT.free} after ${deposits} deposit(s)`);
});

const watched = await run.step('watchOrders: a resting buy placed here arrives open, then canceled', async () => {
  const placed = [];
  const orders = await watchWhileCausing(
    'a resting buy on the order stream',
    () => bot.watchOrders(symbol),
    async () => placed.push((await bot.createOrder(symbol, 'limit', 'buy', 0.2, 96, { newOrderRespType: 'ACK' })).id),
    (list) => list.some((o) => placed.includes(o.id) && o.status === 'open'),
  );
  const o = orders.find((x) => placed.includes(x.id) && x.status === 'open');
  check(o.symbol === symbol && o.side === 'buy' && o.type === 'limit', `a limit buy on ${symbol}: ${JSON.stringify(o.info)}`);
  same(o.price, '96', 'streamed price');
  same(o.amount, '0.2', 'streamed amount');
  let cancelled = false;
  const after = await watchWhileCausing(
    'the cancel on the order stream',
    () => bot.watchOrders(symbol),
    async () => {
      if (!cancelled) for (const id of placed) await bot.cancelOrder(id, symbol);
      cancelled = true;
    },
    (list) => list.some((x) => x.id === o.id && x.status === 'canceled'),
  );
  check(after.some((x) => x.id === o.id && x.status === 'canceled'), 'canceled on the stream');
  return o;
});

await run.step('watchMyTrades: an IOC sell placed here arrives as the taker\'s fill', async () => {
  const sells = [];
  const trades = await watchWhileCausing(
    'a fill of a sell placed here',
    () => bot.watchMyTrades(symbol),
    async () => sells.push((await bot.createOrder(symbol, 'limit', 'sell', 0.01, 98, { timeInForce: 'IOC', newOrderRespType: 'ACK' })).id),
    (list) => list.some((t) => sells.includes(t.order)),
  );
  const t = trades.find((x) => sells.includes(x.order));
  check(t.symbol === symbol && t.side === 'sell' && t.takerOrMaker === 'taker', `a taker sell: ${JSON.stringify(t.info)}`);
  check(t.price >= 98, `at or above 98: ${t.price}`);
  same(t.amount, '0.01', 'fill amount');
  check(t.fee && typeof t.fee.currency === 'string', `a fee: ${JSON.stringify(t.fee)}`);
});

const market = await run.step('createOrder: a market buy by quantity fills at once', async () => {
  const o = await bot.createOrder(symbol, 'market', 'buy', 0.05);
  check(o.status === 'closed' && o.type === 'market', `filled market order: ${JSON.stringify(o.info)}`);
  same(o.filled, '0.05', 'filled');
  check(o.trades.length > 0 && o.trades.every((t) => t.price >= 101), `bought from the asks: ${o.trades.map((t) => t.price).join(', ')}`);
  return o;
});

await run.step('fetchClosedOrders: the market buy is closed, the watched buy is not among them', async () => {
  const closed = await waitFor('the market buy among the closed orders', async () => {
    const list = await bot.fetchClosedOrders(symbol);
    return list.some((o) => o.id === market.id) ? list : undefined;
  }, { timeout });
  check(closed.every((o) => o.status === 'closed'), `all closed: ${closed.map((o) => o.status).join(', ')}`);
  check(!closed.some((o) => o.id === watched.id), 'a canceled order is not closed');
});

await run.step('fetchBalance: after the streamed trading, still equal to the ledger', async () => {
  await balanceMatchingTheLedger('no USDT or base held', (b) => b.USDT.used === 0 && b[base].used === 0);
});

await run.finish(0);
