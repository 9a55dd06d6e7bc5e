import { useCallback, useEffect, useState } from 'react';
import { problemText } from '../lib/api-client';
import type { ApiClient } from '../lib/api-client';
import { useRuntime } from './runtime-context';

export type PanelMessage = { ok: boolean; text: string };

/**
 * One admin-style form action at a time: {@code run} marks the panel busy, calls, then shows
 * "<what>: <doneWord>" and calls {@code onDone}, or "<what>: <why>" when refused. {@code submit} does the
 * same with a form's request, or shows why the draft is not one (the string a draft check returns).
 */
export function usePanelAction(doneWord: string, onDone: () => void) {
  const [message, setMessage] = useState<PanelMessage | null>(null);
  const [busy, setBusy] = useState(false);

  const run = (what: string, call: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(null);
    call().then(
      () => {
        setBusy(false);
        setMessage({ ok: true, text: `${what}: ${doneWord}` });
        onDone();
      },
      (e: unknown) => {
        setBusy(false);
        setMessage({ ok: false, text: `${what}: ${problemText(e)}` });
      },
    );
  };

  const submit = <T>(request: T | string, what: (request: T) => string, call: (request: T) => Promise<unknown>) => {
    if (typeof request === 'string') setMessage({ ok: false, text: request });
    else run(what(request), () => call(request));
  };

  return { busy, message, setMessage, run, submit };
}

/**
 * A panel of the signed-in account's things (alerts, API keys): what {@code load} lists, loaded on mount and
 * again after every action that succeeded. {@code load} must be stable (declared at module level).
 */
export function useListPanel<T>(load: (api: ApiClient) => Promise<T[]>) {
  const { api } = useRuntime();
  const [items, setItems] = useState<T[]>([]);
  // reload is declared below; the action calls it only after a call has completed.
  const action = usePanelAction('done', () => reload());
  const { setMessage } = action;

  const reload = useCallback(() => {
    load(api).then(setItems, (e: unknown) => setMessage({ ok: false, text: problemText(e) }));
  }, [api, load, setMessage]);

  useEffect(reload, [reload]);

  return { api, items, ...action };
}
