import { useEffect, useRef, useState } from 'react';
import type { Instrument } from '../lib/api-types';
import { useRuntime } from './runtime-context';

export const INSTRUMENT_POLL_MS = 5000;

export interface InstrumentsState {
  instruments: Instrument[];
  loaded: boolean;
  error: string | null;
  /** Symbols that appeared after the first load, for a "new" badge. */
  added: ReadonlySet<string>;
  refresh(): void;
}

/** Polls `/api/v1/instruments` so listed, halted and delisted pairs show up without a reload. */
export function useInstruments(): InstrumentsState {
  const { api } = useRuntime();
  const [instruments, setInstruments] = useState<Instrument[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const lastJson = useRef('');
  const known = useRef<Set<string> | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const list = await api.instruments();
        if (cancelled) return;
        const json = JSON.stringify(list);
        if (json !== lastJson.current) {
          lastJson.current = json;
          const sorted = [...list].sort((a, b) => a.symbol.localeCompare(b.symbol));
          if (known.current) {
            const fresh = sorted.filter((i) => !known.current!.has(i.symbol)).map((i) => i.symbol);
            if (fresh.length > 0) setAdded((prev) => new Set([...prev, ...fresh]));
          }
          known.current = new Set(sorted.map((i) => i.symbol));
          setInstruments(sorted);
        }
        setLoaded(true);
        setError(null);
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      }
      if (!cancelled) timer = setTimeout(poll, INSTRUMENT_POLL_MS);
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, tick]);

  return { instruments, loaded, error, added, refresh: () => setTick((t) => t + 1) };
}
