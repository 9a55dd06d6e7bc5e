import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { AdminPanel } from './components/admin-panel';
import { AlertsPanel } from './components/alerts-panel';
import { ApiKeysPanel } from './components/api-keys-panel';
import { BalancesPanel } from './components/balances-panel';
import { ConnectionStatus } from './components/connection-status';
import { MarketsBoard } from './components/markets-board';
import { MyOrdersPanel } from './components/my-orders-panel';
import { OrderBookLadder } from './components/order-book-ladder';
import { OrderEntry } from './components/order-entry';
import type { PricePrefill } from './components/order-entry';
import { PriceChart } from './components/price-chart';
import { SignIn } from './components/sign-in';
import { TopBar } from './components/top-bar';
import { TradeTapePanel } from './components/trade-tape-panel';
import { usePublicConnectionState } from './hooks/use-connection-state';
import { useInstruments } from './hooks/use-instruments';
import { useAccount } from './hooks/use-account';
import type { AccountState } from './hooks/use-account';
import { useOrderBook } from './hooks/use-order-book';
import { useSelectedSymbol } from './hooks/use-selected-symbol';
import { useSession } from './hooks/use-session';
import { useSymbolTicker, useTickers } from './hooks/use-tickers';
import type { ApiKey, Instrument, NewOrderAccepted, NewOrderRequest } from './lib/api-types';
import type { Session } from './lib/session';
import type { Tickers } from './lib/tickers';

export function App() {
  const { session, signIn, devSignIn, signOut } = useSession();
  const instruments = useInstruments();
  const tickerStore = useTickers();
  const [symbol, setSymbol] = useSelectedSymbol(instruments.instruments);
  useSymbolTicker(symbol, tickerStore);
  const marketState = usePublicConnectionState();
  const instrument = instruments.instruments.find((i) => i.symbol === symbol) ?? null;
  const account = useAccount(session, symbol ?? '');
  // The API key just created, with its secret: here so that changing pair (which remounts Trading) keeps it.
  const [createdKey, setCreatedKey] = useState<{ account: string; key: ApiKey } | null>(null);
  const apiKeys = session && (
    <ApiKeysPanel
      created={createdKey?.account === session.account ? createdKey.key : null}
      onCreated={(key) => setCreatedKey(key && { account: session.account, key })}
    />
  );

  return (
    <div className="app">
      <TopBar instrument={instrument} tickers={tickerStore.tickers} signal={tickerStore.signal}>
        <ConnectionStatus market={marketState} account={session ? account.privateState : null} />
        <SignIn session={session} onSignIn={signIn} onDevSignIn={devSignIn} onSignOut={signOut} />
      </TopBar>
      <MarketsBoard
        instruments={instruments.instruments}
        added={instruments.added}
        tickers={tickerStore.tickers}
        signal={tickerStore.signal}
        selected={symbol}
        onSelect={setSymbol}
        error={instruments.error}
      />
      {instrument ? (
        <Trading
          key={instrument.symbol}
          instrument={instrument}
          session={session}
          tickers={tickerStore.tickers}
          account={account}
          apiKeys={apiKeys}
          onInstrumentsChanged={instruments.refresh}
        />
      ) : (
        <div className="placeholder">{instruments.loaded ? 'No instruments listed yet.' : 'Loading instruments…'}</div>
      )}
    </div>
  );
}

interface TradingProps {
  instrument: Instrument;
  session: Session | null;
  tickers: Tickers;
  account: AccountState;
  /** The signed-in user's API keys panel, null when signed out. */
  apiKeys: ReactNode;
  onInstrumentsChanged(): void;
}

/** Everything about one pair: chart, book, tape, order entry, balances, my orders. Remounted when the pair changes. */
function Trading({ instrument, session, tickers, account, apiKeys, onInstrumentsChanged }: TradingProps) {
  const book = useOrderBook(instrument.symbol);
  const [prefill, setPrefill] = useState<PricePrefill | null>(null);
  const pickPrice = useCallback((price: string) => setPrefill((p) => ({ price, seq: (p?.seq ?? 0) + 1 })), []);
  const market = () => ({
    bestBid: book.feed.book.bestBid()?.[0] ?? null,
    bestAsk: book.feed.book.bestAsk()?.[0] ?? null,
    lastPrice: tickers.get(instrument.symbol)?.lastPrice ?? null,
  });
  const accepted = (a: NewOrderAccepted, request: NewOrderRequest) => {
    account.orders.addAccepted(a, request);
    account.signal.invalidate();
  };

  return (
    <>
      <PriceChart instrument={instrument} />
      <OrderBookLadder instrument={instrument} handle={book} onPickPrice={pickPrice} />
      <TradeTapePanel instrument={instrument} />
      <aside className="side-column">
        <OrderEntry instrument={instrument} signedIn={session !== null} account={account} market={market} prefill={prefill} onAccepted={accepted} />
        {session && <BalancesPanel state={account} />}
        {session && <AlertsPanel instrument={instrument} account={account} />}
        {session?.admin && <AdminPanel instrument={instrument} onChanged={onInstrumentsChanged} />}
        {apiKeys}
      </aside>
      <MyOrdersPanel instrument={instrument} signedIn={session !== null} state={account} />
    </>
  );
}
