import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Session } from '../lib/session';

interface Props {
  session: Session | null;
  /** Redirects to the OpenID provider's login page (which also offers registration). */
  onSignIn: (() => void) | null;
  /** The dev shortcut, when offered (`/?dev-sign-in` on the local stack). */
  onDevSignIn: ((account: string, admin: boolean) => Promise<void>) | null;
  onSignOut(): void;
}

/** The account signed in, or the way to sign in: the provider's login page, or the dev form where offered. */
export function SignIn({ session, onSignIn, onDevSignIn, onSignOut }: Props) {
  const [account, setAccount] = useState('alice');
  const [admin, setAdmin] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (session) {
    return (
      <div className="sign-in">
        <span className="account" data-testid="account">
          {session.account}
          {session.admin && <span className="badge badge-admin">admin</span>}
        </span>
        <button type="button" className="btn btn-ghost" onClick={onSignOut} data-testid="sign-out">
          Sign out
        </button>
      </div>
    );
  }

  if (!onDevSignIn) {
    return (
      <div className="sign-in">
        {onSignIn ? (
          <button type="button" className="btn btn-accent" onClick={onSignIn} data-testid="sign-in-oidc">
            Sign in / register
          </button>
        ) : (
          <span className="error-inline">No sign-in configured</span>
        )}
      </div>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = account.trim();
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
      setError('Letters, digits, . _ - only');
      return;
    }
    setBusy(true);
    setError(null);
    onDevSignIn(name, admin).then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };

  return (
    <form className="sign-in" onSubmit={submit} data-testid="sign-in">
      <input
        aria-label="Account"
        className="input input-sm"
        value={account}
        onChange={(e) => setAccount(e.target.value)}
        spellCheck={false}
        data-testid="sign-in-account"
      />
      <label className="check">
        <input type="checkbox" checked={admin} data-testid="sign-in-admin" onChange={(e) => setAdmin(e.target.checked)} /> admin
      </label>
      <button type="submit" className="btn btn-accent" disabled={busy} data-testid="sign-in-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {error && (
        <span className="error-inline" title={error} data-testid="sign-in-error">
          {error}
        </span>
      )}
    </form>
  );
}
