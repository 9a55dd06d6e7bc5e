/**
 * The web app in a real browser (Debian's chromium driven by playwright-core, no browser download) against
 * a running exchange: register and sign in at the local OpenID provider's own pages (authorization code with
 * PKCE) and see the starter balances arrive over the private stream, sign out there; then, with the dev
 * shortcut as admin, see the starter balances, list an asset and a pair on it as admin and see
 * the pair on the markets board, watch the book and the chart update, place a crossing order and find it in the tape, in my fills
 * and in my balances, see a resting order lock its funds and its cancel release them, and have an
 * unaffordable order refused in the form before it is sent; last, create an HMAC API key with READ and TRADE in the
 * API keys panel, sign `GET /api/v3/account` with the secret it shows once, revoke the key there and see the same
 * request refused (-2015); then create a "price above" alert in the Alerts panel, trade through its level over the
 * API and see the panel show it fired and the browser raise a notification naming the symbol, the level and the
 * price (the notifications permission granted, each `new Notification` recorded by an init script before the real
 * one runs), pause it and delete it there. Screenshots of every stage go to <out>/screenshots.
 *
 *   node scripts/web-app.mjs --base-url http://localhost:8080 [--out target/e2e] [--chromium /usr/bin/chromium]
 *
 * The script lists its own pair, so the book, tape and chart hold exactly what it did, whether or not a
 * market simulator is trading the other pairs. A second account (the "maker", over the API, funded with the
 * new base asset by an admin transfer) provides the resting orders the browser user trades against. Fees are
 * the listing's defaults (10 bps maker and taker), taken from what an account receives.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { sameDecimal } from './lib/decimals.mjs';
import { Exchange, listing } from './lib/exchange.mjs';
import { Run, check, options, uniqueSuffix, waitFor } from './lib/harness.mjs';

const opts = options({ chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' } });
const run = new Run(`web app in ${opts.chromium} against ${opts.baseUrl}`);
const api = new Exchange(opts.baseUrl);
const timeout = opts.timeout;
const shots = join(opts.out, 'screenshots');
await rm(shots, { recursive: true, force: true });
await mkdir(shots, { recursive: true });

const suffix = uniqueSuffix();
const base = `W${suffix}`;
const symbol = `${base}USDT`;
const account = `e2e-web-${suffix.toLowerCase()}`;
const maker = `e2e-web-maker-${suffix.toLowerCase()}`;
/** An admin account over the API: funds the maker, and later trades with it to fire the browser user's alert. */
const ops = `e2e-web-ops-${suffix.toLowerCase()}`;
/** The person who registers at the local OpenID provider (docs/identity.md). */
const person = `e2e-person-${suffix.toLowerCase()}`;
const PERSON_PASSWORD = `pw-${suffix}-${suffix}`;
/** What `POST /dev/token` and a registration at the local provider grant a new account (docs/accounts.md). */
const STARTER = { USDT: '100000', BTC: '5', ETH: '50', SOL: '500' };

const browser = await run.step(`launch ${opts.chromium}`, () =>
  chromium.launch({ executablePath: opts.chromium, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] }),
);
run.cleanup(() => browser.close());
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
page.setDefaultTimeout(timeout);
// Fired alerts become browser notifications (docs/alerts.md): the app's origin may notify, and every
// notification the page raises is recorded in window.__notifications before the real constructor shows it.
await page.context().grantPermissions(['notifications'], { origin: new URL(opts.baseUrl).origin });
await page.addInitScript(() => {
  const Real = window.Notification;
  window.__notifications = [];
  if (typeof Real !== 'function') return;
  window.Notification = class RecordedNotification extends Real {
    constructor(title, options) {
      window.__notifications.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
      super(title, options);
    }
  };
});
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e));
page.on('console', (m) => m.type() === 'error' && run.log(`browser console: ${m.text()}`));

let shotCount = 0;
async function screenshot(name) {
  shotCount += 1;
  const path = join(shots, `${String(shotCount).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path });
  run.log(`screenshot ${path}`);
}

run.onFailure(async () => {
  const open = await page.locator('[data-testid="open-order"]').evaluateAll((rows) => rows.map((r) => `${r.dataset.orderId} ${r.dataset.status}`));
  const notices = await page.locator('[data-testid="order-notice"], [data-testid="order-error"], [data-testid="order-rejected"]').allInnerTexts();
  const held = await balancesShown();
  const streams = await page.locator('[data-testid^="conn-"]').evaluateAll((cs) => cs.map((c) => `${c.dataset.testid}: ${c.className}`));
  run.log(
    `at the failure: open orders [${open.join(', ')}]; form notices ${JSON.stringify(notices)}; balances ${JSON.stringify(held)}; streams [${streams.join(', ')}]`,
  );
  await screenshot('failure');
});

const testId = (id) => page.locator(`[data-testid="${id}"]`);

/** Rows carrying data-price / data-qty attributes, read as [price, qty] decimal strings. */
async function levelsOf(locator) {
  return locator.evaluateAll((rows) => rows.map((r) => [r.dataset.price, r.dataset.qty]));
}

async function waitForLevel(side, price, qty) {
  const what = `${side} ${price} x ${qty ?? '(gone)'} in the order book ladder`;
  return waitFor(
    what,
    async () => {
      const found = (await levelsOf(testId(`book-${side}`))).find(([p]) => sameDecimal(p, price));
      return qty === null ? !found : found && sameDecimal(found[1], qty);
    },
    { timeout },
  );
}

/** Places a limit order through the form; returns its orderId once the form says it was accepted. */
async function placeInForm(side, price, quantity) {
  await testId(side === 'BUY' ? 'side-buy' : 'side-sell').click();
  await page.getByRole('tab', { name: 'Limit', exact: true }).click();
  await page.getByLabel('Price', { exact: true }).fill(price);
  await page.getByLabel('Quantity', { exact: true }).fill(quantity);
  await testId('order-submit').click();
  await waitFor(
    `the ${side} ${quantity} @ ${price} order to be accepted`,
    async () => {
      if (await testId('order-error').count()) throw new Error(`order form error: ${await testId('order-error').innerText()}`);
      return /accepted/.test((await testId('order-notice').allInnerTexts()).join(' '));
    },
    { timeout },
  );
  const orderId = await testId('order-notice').getAttribute('data-order-id');
  check(Boolean(orderId), 'the accepted notice carries the orderId');
  return orderId;
}

/** The balances panel: asset -> { free, locked } as decimal strings. */
async function balancesShown() {
  const rows = await page.locator('[data-testid="balance-row"]').evaluateAll((rs) => rs.map((r) => ({ ...r.dataset })));
  return Object.fromEntries(rows.map((r) => [r.asset, { free: r.free, locked: r.locked }]));
}

async function waitForBalance(asset, free, locked) {
  return waitFor(
    `${asset} ${free ?? '(any)'} free, ${locked} locked in the balances panel`,
    async () => {
      const b = (await balancesShown())[asset];
      return b && (free === null || sameDecimal(b.free, free)) && sameDecimal(b.locked, locked);
    },
    { timeout },
  );
}

async function chartState() {
  return testId('chart').evaluate((el) => ({ ...el.dataset }));
}

await run.step('open the app: the markets board lists the instruments and the market stream is live', async () => {
  await page.goto(opts.baseUrl + '/');
  await waitFor('at least one instrument on the markets board', async () => (await testId('market-row').count()) > 0, { timeout });
  await page.locator('[data-testid="conn-market"].conn-open').waitFor();
  const listed = await testId('market-row').evaluateAll((rows) => rows.map((r) => r.dataset.symbol));
  run.log(`markets board: ${listed.join(', ')}`);
  await screenshot('markets');
});

await run.step(`register ${person} on the identity provider's page and come back signed in (no shortcut)`, async () => {
  await testId('sign-in-oidc').click();
  await waitFor('the identity provider login page', async () => (await page.title()).startsWith('Sign in'), { timeout });
  await screenshot('provider-login');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Account').fill(person);
  await page.getByLabel('Password', { exact: true }).fill(PERSON_PASSWORD);
  await page.getByLabel('Repeat the password').fill(PERSON_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await testId('account').filter({ hasText: person }).waitFor();
  check(new URL(page.url()).pathname === '/', 'back on the app, the callback URL replaced');
  await page.locator('[data-testid="conn-account"].conn-open').waitFor();
});

await run.step(`${person} sees the starter balances, places and cancels an order (the provider's token, the ticketed private stream), signs out at the provider`, async () => {
  for (const [asset, amount] of Object.entries(STARTER)) await waitForBalance(asset, amount, '0');
  await screenshot('oidc-signed-in');
  await testId('tab-open').click();
  // Far below any seeded price: it rests, holding 1.00 x 5 = 5 USDT, until cancelled.
  const orderId = await placeInForm('BUY', '1.00', '5');
  const resting = page.locator(`[data-testid="open-order"][data-order-id="${orderId}"][data-status="NEW"]`);
  await resting.waitFor();
  await waitForBalance('USDT', '99995', '5');
  await resting.locator('[data-testid="cancel-order"]').click();
  await waitFor('the order to leave my open orders', async () => (await testId('open-order').count()) === 0, { timeout });
  await waitForBalance('USDT', STARTER.USDT, '0');
  await testId('sign-out').click();
  await testId('sign-in-oidc').waitFor();
});

await run.step(`sign in as ${account} (admin) with a dev token on /?dev-sign-in`, async () => {
  await page.goto(opts.baseUrl + '/?dev-sign-in');
  await testId('sign-in-account').fill(account);
  await testId('sign-in-admin').check();
  await testId('sign-in-submit').click();
  await testId('account').filter({ hasText: account }).waitFor();
  await page.locator('[data-testid="conn-account"].conn-open').waitFor();
  await page.getByRole('region', { name: 'Admin' }).waitFor();
});

await run.step('the balances panel shows the starter balances, all free', async () => {
  for (const [asset, amount] of Object.entries(STARTER)) await waitForBalance(asset, amount, '0');
  await screenshot('starter-balances');
});

await run.step(`list the asset ${base} as admin, then fund the maker with it (admin API)`, async () => {
  const admin = page.getByRole('region', { name: 'Admin' });
  await admin.getByLabel('Asset', { exact: true }).fill(base);
  await admin.getByLabel('Scale', { exact: true }).fill('8');
  await testId('admin-list-asset').click();
  await page.locator('[data-testid="admin-message"][data-ok="true"]').filter({ hasText: `List asset ${base}` }).waitFor();
  await api.assetListed(base, 8, timeout);
  await api.deposit(await api.token(ops, true), maker, base, '10', `e2e-web-${suffix}`);
});

await run.step(`list ${symbol} as admin: it appears on the markets board without a reload`, async () => {
  const admin = page.getByRole('region', { name: 'Admin' });
  const pair = listing(base);
  await admin.getByLabel('Base', { exact: true }).fill(base);
  await admin.getByLabel('Quote', { exact: true }).fill('USDT');
  await admin.getByLabel('Tick size').fill(pair.tickSize);
  await admin.getByLabel('Step size').fill(pair.stepSize);
  await admin.getByLabel('Min qty').fill(pair.minQuantity);
  await admin.getByLabel('Max qty').fill(pair.maxQuantity);
  await admin.getByLabel('Min notional').fill(pair.minNotional);
  await testId('admin-list').click();
  await page.locator('[data-testid="admin-message"][data-ok="true"]').filter({ hasText: `List ${symbol}` }).waitFor();
  const row = page.locator(`[data-testid="market-row"][data-symbol="${symbol}"]`);
  await row.waitFor();
  check((await row.getAttribute('data-status')) === 'TRADING', `${symbol} is TRADING`);
  await row.locator('[data-testid="market-new"]').waitFor();
  await screenshot('pair-listed');
  await row.click();
  await waitFor(`the URL to select ${symbol}`, async () => page.url().endsWith(`#${symbol}`), { timeout });
  await testId('pair-stats').filter({ hasText: base }).waitFor();
});

await run.step('a second account (over the API) places resting orders: the book updates', async () => {
  const token = await api.token(maker);
  for (const [side, price, qty] of [
    ['SELL', '101.00', '1.000'],
    ['SELL', '102.00', '2.000'],
    ['BUY', '99.00', '1.000'],
  ]) {
    await api.limit(token, symbol, side, price, qty);
  }
  await waitForLevel('ask', '101.00', '1.000');
  await waitForLevel('ask', '102.00', '2.000');
  await waitForLevel('bid', '99.00', '1.000');
  const bestAsk = testId('book-ask').last();
  check((await bestAsk.locator('.price').innerText()) === '101.00', 'best ask shown with the tick precision (101.00)');
  check((await testId('spread').innerText()).includes('2.00'), `spread 2.00: ${await testId('spread').innerText()}`);
  await screenshot('book');
});

await run.step('place a crossing buy in the form: the trade shows in the tape, my fills and the chart', async () => {
  await placeInForm('BUY', '101.00', '0.250');
  const tapeRow = testId('tape-row').first();
  await waitFor('the trade at the top of the tape', async () => {
    const d = await tapeRow.evaluate((el) => ({ ...el.dataset }));
    return sameDecimal(d.price, '101') && sameDecimal(d.qty, '0.25') && d.takerSide === 'BUY';
  }, { timeout });
  check((await tapeRow.getAttribute('class')).includes('taker-buy'), 'coloured as a taker buy');
  check((await tapeRow.locator('.price').innerText()) === '101.00', 'tape price with the tick precision');
  await waitForLevel('ask', '101.00', '0.750');
  await testId('tab-fills').click();
  await waitFor('the fill in my fills, with its fee in the base received', async () => {
    const fills = await testId('fill-row').evaluateAll((rows) => rows.map((r) => ({ ...r.dataset })));
    return (
      fills.length === 1 &&
      sameDecimal(fills[0].price, '101') &&
      sameDecimal(fills[0].qty, '0.25') &&
      sameDecimal(fills[0].commission, '0.00025') &&
      fills[0].commissionAsset === base
    );
  }, { timeout });
  await waitFor('the chart to draw a candle closing at 101', async () => {
    const c = await chartState();
    return c.status === 'live' && Number(c.candles) >= 1 && c.lastClose !== '' && sameDecimal(c.lastClose, '101');
  }, { timeout });
  // paid 0.250 x 101.00 = 25.25 USDT; received 0.250 less the taker fee ceil(0.250 x 10 / 10 000) = 0.00025
  await waitForBalance(base, '0.24975', '0');
  await waitForBalance('USDT', '99974.75', '0');
  await screenshot('crossing-buy');
});

await run.step('sell into the bid: the chart, tape and fills update live', async () => {
  const before = await chartState();
  await placeInForm('SELL', '99.00', '0.100');
  await waitFor('the chart to close at 99', async () => sameDecimal((await chartState()).lastClose || '0', '99'), { timeout });
  const after = await chartState();
  check(Number(after.candles) >= Number(before.candles), `candles kept: ${before.candles} -> ${after.candles}`);
  await waitFor('the sell at the top of the tape', async () => {
    const top = await testId('tape-row').first().evaluate((el) => ({ ...el.dataset }));
    return sameDecimal(top.price, '99') && sameDecimal(top.qty, '0.1') && top.takerSide === 'SELL';
  }, { timeout });
  check((await testId('tape-row').first().getAttribute('class')).includes('taker-sell'), 'coloured as a taker sell');
  await waitFor('both fills listed', async () => (await testId('fill-row').count()) === 2, { timeout });
  await waitForLevel('bid', '99.00', '0.900');
  // sold 0.100 base; received 9.90 USDT less the taker fee 0.0099
  await waitForBalance(base, '0.14975', '0');
  await waitForBalance('USDT', '99984.6401', '0');
  await screenshot('chart-live');
});

await run.step('the markets board and the pair header follow the 24h ticker', async () => {
  const row = page.locator(`[data-testid="market-row"][data-symbol="${symbol}"]`);
  await waitFor('the last price 99.00 on the markets board', async () => (await row.locator('[data-testid="market-last"]').innerText()) === '99.00', { timeout });
  await waitFor('the last price 99.00 in the pair header', async () => (await page.locator('[data-testid="pair-stats"] .stat-last').innerText()) === '99.00', { timeout });
});

await run.step('cancel a resting order from my open orders', async () => {
  await testId('tab-open').click();
  const orderId = await placeInForm('BUY', '98.00', '0.200');
  // The row of this order as the stream confirmed it: NEW, its cancel button enabled.
  const confirmed = page.locator(`[data-testid="open-order"][data-order-id="${orderId}"][data-status="NEW"]`);
  await confirmed.waitFor();
  check((await testId('open-order').count()) === 1, 'the resting order is my only open order');
  await waitForLevel('bid', '98.00', '0.200');
  // the resting buy holds 98.00 x 0.200 = 19.6 USDT; order entry offers what is left
  await waitForBalance('USDT', '99965.0401', '19.6');
  await waitFor('order entry to show the USDT left available', async () => {
    const shown = testId('available-free');
    if ((await shown.count()) === 0) return false;
    return (await shown.getAttribute('data-asset')) === 'USDT' && sameDecimal(await shown.getAttribute('data-free'), '99965.0401');
  }, { timeout });
  await screenshot('resting-order');
  await confirmed.locator('[data-testid="cancel-order"]').click();
  await waitFor('the order to leave my open orders', async () => (await testId('open-order').count()) === 0, { timeout });
  await waitForLevel('bid', '98.00', null);
  await testId('tab-history').click();
  await page.locator(`[data-testid="history-order"][data-order-id="${orderId}"][data-status="CANCELED"]`).waitFor();
  await waitForBalance('USDT', '99984.6401', '0');
  await screenshot('cancelled');
});

await run.step('an unaffordable order is refused in the form and never sent', async () => {
  await testId('tab-open').click();
  await testId('side-buy').click();
  await page.getByRole('tab', { name: 'Limit', exact: true }).click();
  await page.getByLabel('Price', { exact: true }).fill('101.00');
  await page.getByLabel('Quantity', { exact: true }).fill('9999');
  // 99984.6401 / 101.00 = 989.946..., floored to the step 0.001
  await waitFor(
    'the maximum size at 101.00 in order entry',
    async () => (await testId('available-max').count()) > 0 && sameDecimal(await testId('available-max').getAttribute('data-max'), '989.946'),
    { timeout },
  );
  await testId('order-submit').click();
  const refusal = page.locator('[data-testid="order-error"][data-code="INSUFFICIENT_BALANCE"]');
  await refusal.waitFor();
  const text = await refusal.innerText();
  check(/insufficient balance/i.test(text) && text.includes('1009899 USDT'), `the refusal names the hold: ${text}`);
  check((await testId('order-notice').count()) === 0, 'no order was accepted');
  check((await testId('open-order').count()) === 0, 'no order is open');
  await waitForBalance('USDT', '99984.6401', '0');
  await screenshot('unaffordable-refused');
});

const apiKey = await run.step('create an HMAC API key with READ and TRADE in the API keys panel: its secret is shown once, and signs a request', async () => {
  const panel = page.getByRole('region', { name: 'API keys' });
  const label = `e2e web ${suffix}`;
  await panel.getByLabel('Key label').fill(label);
  await panel.getByLabel('Signature').selectOption('HMAC_SHA256');
  check(await panel.getByLabel('Read', { exact: true }).isChecked(), 'READ is always granted');
  await panel.getByLabel('Trade', { exact: true }).check();
  await testId('api-key-create').click();
  const shown = testId('api-key-secret');
  await shown.waitFor();
  check(/copy the secret now: it will not be shown again/i.test(await shown.innerText()), `the secret comes with its warning: ${await shown.innerText()}`);
  const key = { apiKey: await panel.getByLabel('API key', { exact: true }).inputValue(), secret: await panel.getByLabel('Secret key', { exact: true }).inputValue() };
  check(/^[A-Za-z0-9]{64}$/.test(key.apiKey) && /^[A-Za-z0-9]{64}$/.test(key.secret), `a 64-character key and secret: ${key.apiKey}`);
  const row = page.locator(`[data-testid="api-key-row"][data-api-key="${key.apiKey}"][data-status="ACTIVE"]`);
  await row.waitFor();
  const listed = await row.innerText();
  check(listed.includes(label) && listed.includes('HMAC-SHA256') && listed.includes('READ, TRADE') && listed.includes('any IP'), `listed: ${listed}`);
  await screenshot('api-key-created');
  const signedAccount = await waitFor(
    'GET /api/v3/account signed with the new key to show the USDT balance',
    async () => {
      const a = await api.signed(key, 'GET', '/api/v3/account');
      return a.balances?.some((b) => b.asset === 'USDT') ? a : undefined;
    },
    { timeout },
  );
  check(signedAccount.accountType === 'SPOT', `the signed account answer: ${JSON.stringify(signedAccount).slice(0, 300)}`);
  await panel.getByRole('button', { name: 'I have copied it' }).click();
  check((await shown.count()) === 0, 'the secret is gone from the page once dismissed');
  check(!(await panel.innerText()).includes(key.secret), 'the list never shows the secret');
  return key;
});

await run.step('revoke the key in the panel (confirmed): the same signed request is refused with -2015', async () => {
  const row = page.locator(`[data-testid="api-key-row"][data-api-key="${apiKey.apiKey}"]`);
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    d.accept();
  });
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.locator(`[data-testid="api-key-row"][data-api-key="${apiKey.apiKey}"][data-status="REVOKED"]`).waitFor();
  check(asked.includes(`e2e web ${suffix}`), `the confirmation names the key: ${asked}`);
  await page.locator('[data-testid="api-keys-message"][data-ok="true"]').filter({ hasText: 'Revoke' }).waitFor();
  const refused = await api.signed(apiKey, 'GET', '/api/v3/account', {}, { expect: [401] });
  check(refused.code === -2015, `refused with -2015: ${JSON.stringify(refused)}`);
  await screenshot('api-key-revoked');
});

/** The alert's level: just above the last price 99.00, below the maker's ask at 101.00. */
const ALERT_LEVEL = '99.50';
const alertRow = (alertId) => page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`);
const notificationsShown = () => page.evaluate(() => window.__notifications);

const alertId = await run.step(`create a "price above ${ALERT_LEVEL}" alert on ${symbol} in the Alerts panel (last price 99.00)`, async () => {
  check((await page.evaluate(() => Notification.permission)) === 'granted', 'the page may show notifications');
  const panel = page.getByRole('region', { name: 'Alerts' });
  await panel.getByLabel('When').selectOption('PRICE_ABOVE');
  await panel.getByLabel('Alert price').fill(ALERT_LEVEL);
  await testId('alert-create').click();
  await page.locator('[data-testid="alerts-message"][data-ok="true"]').filter({ hasText: `Alert on ${symbol}` }).waitFor();
  const row = page.locator('[data-testid="alert-row"][data-type="PRICE_ABOVE"][data-status="ACTIVE"]').filter({ hasText: symbol });
  await row.waitFor();
  check((await testId('alert-row').count()) === 1, 'the new alert is the account\'s only alert');
  check(sameDecimal(await row.getAttribute('data-price'), ALERT_LEVEL), `at the level: ${await row.getAttribute('data-price')}`);
  check((await row.innerText()).includes(`${symbol} ≥ 99.50`), `listed: ${await row.innerText()}`);
  check((await row.getAttribute('data-firings')) === '0' && (await testId('alert-fired').count()) === 0, 'not fired yet');
  check((await notificationsShown()).length === 0, 'no notification yet');
  await screenshot('alert-created');
  return row.getAttribute('data-alert-id');
});

await run.step(`trades over the API cross ${ALERT_LEVEL}: the panel shows the alert fired and a browser notification names ${symbol}, the level and the price`, async () => {
  const taker = await api.token(ops, true);
  // The alerts job merges the alert commands with the trades, so a trade may reach it before the new alert
  // does, which then waits for the next crossing (docs/alerts.md). Each round buys 0.010 at 101.00 from the
  // maker's ask and waits a few seconds; a later round first sells 0.005 at 99.00 into the maker's bid, back
  // under the band (99.50 less 0.1 %), which re-arms it.
  const deadline = Date.now() + timeout;
  for (let round = 1; ; round++) {
    if (round > 1) await api.limit(taker, symbol, 'SELL', '99.00', '0.005', 'IOC');
    await api.limit(taker, symbol, 'BUY', '101.00', '0.010', 'IOC');
    const fired = await waitFor(
      `round ${round}: the alert fired in the panel and as a notification`,
      async () => Number(await alertRow(alertId).getAttribute('data-firings')) > 0 && (await notificationsShown()).length > 0,
      { timeout: 5000 },
    ).catch(() => false);
    if (fired) break;
    if (Date.now() > deadline) throw new Error(`the alert did not fire within ${timeout} ms (${round} rounds of trades at 99.00 and 101.00)`);
    run.log(`round ${round}: not fired yet, trading back under the level and over it again`);
  }
  const row = alertRow(alertId);
  // The notification is raised as the frame arrives, the panel renders it on the next animation frame.
  const { firings, shown } = await waitFor(
    'one notification per firing the panel shows',
    async () => {
      const counted = { firings: Number(await row.getAttribute('data-firings')), shown: await notificationsShown() };
      return counted.shown.length === counted.firings ? counted : undefined;
    },
    { timeout: 5000 },
  );
  check(sameDecimal(await row.getAttribute('data-last-price'), '101'), `fired by the trade at 101: ${await row.getAttribute('data-last-price')}`);
  const firedText = await row.locator('[data-testid="alert-fired"]').innerText();
  check(firedText.includes(`fired ${firings}×, last at 101.00`), `the panel shows the firing: ${firedText}`);
  run.log(`notifications: ${JSON.stringify(shown)}`);
  shown.forEach((n, i) => {
    check(n.title === `${symbol} alert`, `the notification names the symbol: ${n.title}`);
    const [, price, level] = /^Price (\S+) reached (\S+) or above$/.exec(n.body) ?? [];
    check(price === '101.00' && level === ALERT_LEVEL, `the notification gives the price 101.00 and the level ${ALERT_LEVEL}: ${n.body}`);
    check(n.tag === `${alertId}:${i + 1}`, `tagged by alert and firing number: ${n.tag}`);
  });
  await screenshot('alert-fired');
});

await run.step('pause the alert in the panel, then delete it: it leaves the list', async () => {
  const row = alertRow(alertId);
  await row.getByRole('button', { name: 'Pause' }).click();
  await page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"][data-status="PAUSED"]`).waitFor();
  check((await row.innerText()).includes('(paused)'), `shown as paused: ${await row.innerText()}`);
  await page.locator('[data-testid="alerts-message"][data-ok="true"]').filter({ hasText: 'Pause' }).waitFor();
  const owner = await api.token(account, true);
  const listed = await waitFor('GET /api/v1/alerts to show it PAUSED', async () => {
    const alerts = await api.alerts(owner);
    return alerts.find((a) => a.alertId === alertId && a.status === 'PAUSED') ? alerts : undefined;
  }, { timeout });
  check(listed.length === 1, `one alert listed: ${JSON.stringify(listed)}`);
  await screenshot('alert-paused');
  await row.getByRole('button', { name: 'Delete' }).click();
  await waitFor('the alert to leave the list', async () => (await testId('alert-row').count()) === 0, { timeout });
  await page.locator('[data-testid="alerts-message"][data-ok="true"]').filter({ hasText: 'Delete' }).waitFor();
  const left = await api.alerts(owner);
  check(left.length === 0, `GET /api/v1/alerts lists nothing: ${JSON.stringify(left)}`);
});

await run.step('no uncaught errors in the page', async () => {
  check(pageErrors.length === 0, `page errors: ${pageErrors.map((e) => e.stack ?? e).join('\n')}`);
  run.log(`${shotCount} screenshots in ${shots}`);
});

await run.finish(0);
