import { useEffect, useState } from 'react';
import type { Instrument } from '../lib/api-types';

function fromHash(): string | null {
  const h = decodeURIComponent(window.location.hash.replace(/^#/, '')).toUpperCase();
  return /^[A-Z0-9]{2,20}$/.test(h) ? h : null;
}

/** The selected pair, kept in the URL hash (#BTCUSDT) so a reload or a shared link keeps it. */
export function useSelectedSymbol(instruments: Instrument[]): [string | null, (symbol: string) => void] {
  const [symbol, setSymbol] = useState<string | null>(fromHash);

  useEffect(() => {
    const onHash = () => {
      const h = fromHash();
      if (h) setSymbol(h);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (instruments.length === 0) return;
    if (symbol && instruments.some((i) => i.symbol === symbol)) return;
    const first = instruments.find((i) => i.status === 'TRADING') ?? instruments[0];
    setSymbol(first.symbol);
  }, [instruments, symbol]);

  useEffect(() => {
    if (symbol && fromHash() !== symbol) window.history.replaceState(null, '', `#${symbol}`);
  }, [symbol]);

  return [symbol, setSymbol];
}
