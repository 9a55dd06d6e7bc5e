import { useCallback, useEffect, useState } from 'react';
import type { User } from 'oidc-client-ts';
import { sessionFromUser } from '../lib/oidc';
import { loadSession, saveSession } from '../lib/session';
import type { Session } from '../lib/session';
import { useRuntime } from './runtime-context';

export interface SessionState {
  session: Session | null;
  /** Sends the browser to the OpenID provider's login page; null when no provider is configured. */
  signIn: (() => void) | null;
  /** The dev shortcut (`POST /dev/token`), offered only on `/?dev-sign-in` where the stack has it. */
  devSignIn: ((account: string, admin: boolean) => Promise<void>) | null;
  signOut(): void;
}

/** Whether this page load asked for the dev sign-in (the e2e browser test's path). */
export function devSignInRequested(search: string): boolean {
  return new URLSearchParams(search).has('dev-sign-in');
}

/**
 * The signed-in user: from the OpenID provider (default), or from the dev shortcut on the local stack. Hands
 * the current access token to the API client; renewals arrive as new users from oidc-client-ts.
 */
export function useSession(): SessionState {
  const { api, auth, config } = useRuntime();
  const rolesClaim = config.oidc?.rolesClaim ?? 'exchange_roles';
  const [oidcSession, setOidcSession] = useState<Session | null>(null);
  const [devSession, setDevSession] = useState<Session | null>(() => loadSession(sessionStorage, Date.now()));
  const session = oidcSession ?? devSession;

  useEffect(() => {
    if (!auth) return;
    let active = true;
    const loaded = (user: User | null) => {
      if (active) setOidcSession(user && !user.expired ? sessionFromUser(user, rolesClaim) : null);
    };
    const unloaded = () => loaded(null);
    auth.getUser().then(loaded, unloaded);
    auth.events.addUserLoaded(loaded);
    auth.events.addUserUnloaded(unloaded);
    auth.events.addAccessTokenExpired(unloaded);
    return () => {
      active = false;
      auth.events.removeUserLoaded(loaded);
      auth.events.removeUserUnloaded(unloaded);
      auth.events.removeAccessTokenExpired(unloaded);
    };
  }, [auth, rolesClaim]);

  useEffect(() => {
    api.setToken(session?.token ?? null);
  }, [api, session]);

  useEffect(() => {
    saveSession(sessionStorage, devSession);
    if (!devSession) return;
    const timer = setTimeout(() => setDevSession(null), Math.max(0, devSession.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [devSession]);

  const signIn = useCallback(() => {
    auth?.signinRedirect().catch((e: unknown) => console.warn('[sign-in] the provider cannot be reached', e));
  }, [auth]);
  const devSignIn = useCallback(
    async (account: string, admin: boolean) => {
      const token = await api.devToken(account, admin);
      setDevSession({ account, admin, token: token.access_token, expiresAt: Date.now() + token.expires_in * 1000 });
    },
    [api],
  );
  const signOut = useCallback(() => {
    if (devSession) {
      setDevSession(null);
      return;
    }
    auth?.signoutRedirect().catch((e: unknown) => {
      console.warn('[sign-out] the provider cannot be reached; signing out here only', e);
      void auth.removeUser();
    });
  }, [auth, devSession]);

  const offerDev = config.devSignIn && (devSignInRequested(window.location.search) || !auth);
  return { session, signIn: auth ? signIn : null, devSignIn: offerDev ? devSignIn : null, signOut };
}
