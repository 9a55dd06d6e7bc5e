import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Session } from '../lib/session';

interface Props {
  session: Session | null;
  onSignIn(account: string, admin: boolean): Promise<void>;
  onSignOut(): void;
}

/** Local dev sign-in: asks `/dev/token` for a token for any account name. */
export function SignIn({ session, onSignIn, onSignOut }: Props) {
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
        <button type="button" className="btn btn-ghost" onClick={onSignOut}>
          Sign out
        </button>
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
    onSignIn(name, admin).then(
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
