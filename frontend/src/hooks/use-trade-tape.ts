import { useEffect, useState } from 'react';
import { FrameSignal } from '../lib/frame-signal';
import { streams } from '../lib/stream-client';
import { TradeTape, tapeTradeFromEvent, tapeTradeFromRest } from '../lib/trade-tape';
import type { TradeEvent } from '../lib/api-types';
import { useRuntime } from './runtime-context';
import { useFrameVersion } from './use-frame-version';

/** Recent trades of a symbol: REST page once subscribed (and after reconnects), then the trade stream. */
export function useTradeTape(symbol: string): TradeTape {
  const { api, streams: client } = useRuntime();
  const [signal] = useState(() => new FrameSignal());
  const [state, setState] = useState(() => ({ symbol, tape: new TradeTape() }));

  useEffect(() => {
    const tape = new TradeTape();
    setState({ symbol, tape });
    let active = true;
    const off = client.subscribe<TradeEvent>(streams.trade(symbol), {
      onData: (ev) => {
        tape.add(tapeTradeFromEvent(ev));
        signal.invalidate();
      },
      onSubscribed: () => {
        api.trades(symbol, 80).then(
          (list) => {
            if (!active) return;
            tape.merge(list.map(tapeTradeFromRest));
            signal.invalidate();
          },
          () => {},
        );
      },
    });
    return () => {
      active = false;
      off();
    };
  }, [api, client, symbol, signal]);

  useFrameVersion(signal);
  return state.symbol === symbol ? state.tape : new TradeTape();
}
