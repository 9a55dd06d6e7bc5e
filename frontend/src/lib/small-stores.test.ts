import { describe, expect, it } from 'vitest';
import { FrameSignal } from './frame-signal';
import { assetDraftToListing, draftToListing } from './instrument-draft';
import { resolveConfig } from './runtime-config';
import { loadSession, saveSession } from './session';
import { Tickers } from './tickers';
import { TradeTape } from './trade-tape';
import type { TickerEvent } from './api-types';

describe('FrameSignal', () => {
  it('coalesces any number of invalidations into one notification per frame', () => {
    const frames: Array<() => void> = [];
    const signal = new FrameSignal((cb) => frames.push(cb));
    let renders = 0;
    signal.subscribe(() => renders++);
    for (let i = 0; i < 100; i++) signal.invalidate();
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(renders).toBe(1);
    expect(signal.getVersion()).toBe(1);
    signal.invalidate();
    expect(frames).toHaveLength(1);
  });
});

describe('TradeTape', () => {
  it('keeps newest first, deduplicates REST and stream overlap, and caps its length', () => {
    const tape = new TradeTape(3);
    const t = (id: number) => ({ id, price: '1', qty: '1', time: id, takerSide: 'BUY' as const });
    tape.add(t(5));
    tape.add(t(6));
    tape.merge([t(4), t(5), t(6)]);
    expect(tape.trades().map((x) => x.id)).toEqual([6, 5, 4]);
    tape.add(t(7));
    expect(tape.trades().map((x) => x.id)).toEqual([7, 6, 5]);
    tape.add(t(6));
    expect(tape.trades().map((x) => x.id)).toEqual([7, 6, 5]);
  });
});

describe('Tickers', () => {
  it('does not let an older REST response roll a streamed value back', () => {
    const tickers = new Tickers();
    const ev = { e: '24hrTicker', E: 2000, s: 'BTCUSDT', c: '101', p: '1', P: '1.00', o: '100', h: '102', l: '99', v: '5', q: '500' } as TickerEvent;
    tickers.applyEvent(ev);
    tickers.applyRest([
      { symbol: 'BTCUSDT', lastPrice: '100', closeTime: 1000 } as never,
      { symbol: 'ETHUSDT', lastPrice: '3000', closeTime: 1000 } as never,
    ]);
    expect(tickers.get('BTCUSDT')?.lastPrice).toBe('101');
    expect(tickers.get('ETHUSDT')?.lastPrice).toBe('3000');
  });
});

describe('runtime config', () => {
  const page = { protocol: 'https:', host: 'trade.example.com' };
  it('defaults to the page origin, with the matching WebSocket scheme', () => {
    expect(resolveConfig({ apiBase: '', wsBase: '' }, page)).toMatchObject({ apiBase: '', wsBase: 'wss://trade.example.com' });
    expect(resolveConfig({}, { protocol: 'http:', host: 'localhost:8080' })).toEqual({
      apiBase: '',
      wsBase: 'ws://localhost:8080',
      oidc: null,
      devSignIn: false,
    });
  });
  it('uses explicit origins, derives ws from api, and trims trailing slashes', () => {
    expect(resolveConfig({ apiBase: 'https://api.example.com/', wsBase: '' }, page)).toMatchObject({
      apiBase: 'https://api.example.com',
      wsBase: 'wss://api.example.com',
    });
    expect(resolveConfig({ apiBase: '', wsBase: 'ws://localhost:9000' }, page)).toMatchObject({ apiBase: '', wsBase: 'ws://localhost:9000' });
  });
  it('reads the OpenID provider with defaults for scope and roles claim, and the dev sign-in flag', () => {
    const config = resolveConfig({ oidc: { authority: 'http://localhost:18120/', clientId: 'exchange-web' }, devSignIn: true }, page);
    expect(config.oidc).toEqual({
      authority: 'http://localhost:18120',
      clientId: 'exchange-web',
      scope: 'openid profile',
      rolesClaim: 'exchange_roles',
      logoutUrl: undefined,
    });
    expect(config.devSignIn).toBe(true);
    expect(resolveConfig({ oidc: { authority: '', clientId: 'x' } }, page).oidc).toBeNull();
  });
});

describe('session', () => {
  it('round-trips and drops expired sessions', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    saveSession(storage, { account: 'alice', admin: true, token: 't', expiresAt: 5000 });
    expect(loadSession(storage, 4000)?.account).toBe('alice');
    expect(loadSession(storage, 5000)).toBeNull();
    saveSession(storage, null);
    expect(loadSession(storage, 0)).toBeNull();
  });
});

describe('asset listing draft', () => {
  it('upper-cases the code and checks the code and the scale before sending', () => {
    expect(assetDraftToListing(' sol ', '8')).toEqual({ code: 'SOL', scale: 8 });
    expect(assetDraftToListing('JPY', '0')).toEqual({ code: 'JPY', scale: 0 });
    expect(assetDraftToListing('', '8')).toBe('An asset code is 1–10 capital letters or digits.');
    expect(assetDraftToListing('BTC-X', '8')).toBe('An asset code is 1–10 capital letters or digits.');
    expect(assetDraftToListing('BTC', '19')).toBe('The scale is 0–18 decimal places.');
    expect(assetDraftToListing('BTC', '-1')).toBe('The scale is 0–18 decimal places.');
    expect(assetDraftToListing('BTC', '1.5')).toBe('The scale is 0–18 decimal places.');
  });
});

describe('instrument listing draft', () => {
  const draft = {
    baseAsset: ' doge ',
    quoteAsset: 'usdt',
    tickSize: '0.00001',
    stepSize: '1',
    minQuantity: '1',
    maxQuantity: '1000000',
    minNotional: '5',
    maxOpenOrders: '200',
  };
  it('builds the admin request body with the symbol from the assets', () => {
    expect(draftToListing(draft)).toEqual({
      symbol: 'DOGEUSDT',
      baseAsset: 'DOGE',
      quoteAsset: 'USDT',
      tickSize: '0.00001',
      stepSize: '1',
      minQuantity: '1',
      maxQuantity: '1000000',
      minNotional: '5',
      maxOpenOrders: 200,
    });
  });
  it('explains what is wrong', () => {
    expect(draftToListing({ ...draft, tickSize: '0' })).toBe('tickSize must be a positive decimal.');
    expect(draftToListing({ ...draft, minQuantity: '10', maxQuantity: '9' })).toBe('minQuantity is above maxQuantity.');
    expect(draftToListing({ ...draft, maxOpenOrders: '0' })).toBe('maxOpenOrders must be a positive integer.');
  });
});
