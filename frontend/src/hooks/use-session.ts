import { useCallback, useEffect, useState } from 'react';
import { loadSession, saveSession } from '../lib/session';
import type { Session } from '../lib/session';
import { useRuntime } from './runtime-context';

export interface SessionState {
  session: Session | null;
  signIn(account: string, admin: boolean): Promise<void>;
  signOut(): void;
}

/** Dev sign-in: fetches a token, hands it to the API client, signs out when it expires. */
export function useSession(): SessionState {
  const { api } = useRuntime();
  const [session, setSession] = useState<Session | null>(() => loadSession(sessionStorage, Date.now()));

  useEffect(() => {
    api.setToken(session?.token ?? null);
    saveSession(sessionStorage, session);
    if (!session) return;
    const timer = setTimeout(() => setSession(null), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [api, session]);

  const signIn = useCallback(
    async (account: string, admin: boolean) => {
      const token = await api.devToken(account, admin);
      setSession({ account, admin, token: token.access_token, expiresAt: Date.now() + token.expires_in * 1000 });
    },
    [api],
  );
  const signOut = useCallback(() => setSession(null), []);
  return { session, signIn, signOut };
}
