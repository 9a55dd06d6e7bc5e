/**
 * The local "sign in": a dev token fetched from `POST /dev/token`, kept in sessionStorage (per tab, gone
 * when the tab closes) together with the account name and whether admin was requested.
 */
export interface Session {
  account: string;
  admin: boolean;
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

const KEY = 'exchange.session';

export function loadSession(storage: Pick<Storage, 'getItem'>, now: number): Session | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (typeof s.token !== 'string' || typeof s.account !== 'string' || !(s.expiresAt > now)) return null;
    return s;
  } catch {
    return null;
  }
}

export function saveSession(storage: Pick<Storage, 'setItem' | 'removeItem'>, session: Session | null): void {
  try {
    if (session) storage.setItem(KEY, JSON.stringify(session));
    else storage.removeItem(KEY);
  } catch {
    // Storage may be unavailable (private mode); the session then lasts until reload.
  }
}
