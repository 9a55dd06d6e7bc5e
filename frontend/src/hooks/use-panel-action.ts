import { useState } from 'react';
import { problemText } from '../lib/api-client';

export type PanelMessage = { ok: boolean; text: string };

/**
 * One admin-style form action at a time: {@code run} marks the panel busy, calls, then shows
 * "<what>: <doneWord>" and calls {@code onDone}, or "<what>: <why>" when refused.
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

  return { busy, message, setMessage, run };
}
