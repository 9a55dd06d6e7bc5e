import { useState } from 'react';
import type { FormEvent } from 'react';
import { EMPTY_API_KEY_DRAFT, MAX_LABEL, draftToApiKey } from '../lib/api-key-draft';
import type { ApiKeyDraft } from '../lib/api-key-draft';
import type { ApiClient } from '../lib/api-client';
import type { ApiKey } from '../lib/api-types';
import { useListPanel } from '../hooks/use-panel-action';
import { formatDateTime, shortId } from '../lib/format';

const SCHEMES: Array<[ApiKeyDraft['scheme'], string]> = [
  ['HMAC_SHA256', 'HMAC-SHA256'],
  ['ED25519', 'Ed25519'],
];

const loadKeys = (api: ApiClient) => api.apiKeys();

interface Props {
  /** The key just created with its secret, kept by the app so that changing pair does not lose it; null once dismissed. */
  created: ApiKey | null;
  onCreated(key: ApiKey | null): void;
}

/**
 * The signed-in account's API keys for Binance-style signed requests (docs/binance-compat.md): create one
 * (an HMAC key's secret is shown here once), list them and revoke one.
 */
export function ApiKeysPanel({ created, onCreated }: Props) {
  const { api, items: keys, busy, message, run, submit } = useListPanel(loadKeys);
  const [draft, setDraft] = useState<ApiKeyDraft>(EMPTY_API_KEY_DRAFT);

  const create = (e: FormEvent) => {
    e.preventDefault();
    submit(
      draftToApiKey(draft),
      (request) => `Create key '${request.label}'`,
      (request) => {
        onCreated(null);
        return api.createApiKey(request).then((key) => {
          onCreated(key.secret ? key : null);
          setDraft(EMPTY_API_KEY_DRAFT);
        });
      },
    );
  };

  const revoke = (key: ApiKey) => {
    if (!window.confirm(`Revoke the API key '${key.label}' (${shortId(key.apiKey)})? Requests signed with it are refused from now on.`)) return;
    if (created?.apiKey === key.apiKey) onCreated(null);
    run(`Revoke '${key.label}'`, () => api.revokeApiKey(key.apiKey));
  };

  return (
    <section className="panel api-keys" aria-label="API keys">
      <div className="panel-head">
        <span className="panel-title">API keys</span>
      </div>
      <form className="admin-form" onSubmit={create} noValidate>
        <label className="admin-field">
          <span className="field-label">Key label</span>
          <input className="input input-sm" value={draft.label} maxLength={MAX_LABEL} onChange={(e) => setDraft((d) => ({ ...d, label: e.target.value }))} spellCheck={false} />
        </label>
        <label className="admin-field">
          <span className="field-label">Signature</span>
          <select className="input input-sm" value={draft.scheme} onChange={(e) => setDraft((d) => ({ ...d, scheme: e.target.value as ApiKeyDraft['scheme'] }))}>
            {SCHEMES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {draft.scheme === 'ED25519' && (
          <label className="admin-field wide">
            <span className="field-label">Public key (PEM)</span>
            <textarea
              className="input input-sm"
              rows={3}
              value={draft.publicKey}
              onChange={(e) => setDraft((d) => ({ ...d, publicKey: e.target.value }))}
              placeholder="-----BEGIN PUBLIC KEY-----"
              spellCheck={false}
            />
          </label>
        )}
        <fieldset className="api-key-permissions wide">
          <legend className="field-label">Permissions</legend>
          <label title="Always granted">
            <input type="checkbox" checked disabled /> Read
          </label>
          <label>
            <input type="checkbox" checked={draft.trade} onChange={(e) => setDraft((d) => ({ ...d, trade: e.target.checked }))} /> Trade
          </label>
        </fieldset>
        <label className="admin-field wide">
          <span className="field-label">IP allow list</span>
          <input
            className="input input-sm"
            value={draft.ipAllowList}
            onChange={(e) => setDraft((d) => ({ ...d, ipAllowList: e.target.value }))}
            placeholder="any address; e.g. 203.0.113.7, 10.0.0.0/8"
            spellCheck={false}
          />
        </label>
        <button type="submit" className="btn btn-accent" disabled={busy} data-testid="api-key-create">
          Create API key
        </button>
      </form>
      {created && (
        <div className="api-key-secret" role="alert" data-testid="api-key-secret" data-api-key={created.apiKey}>
          <strong>Copy the secret now: it will not be shown again.</strong>
          <CopyField label="API key" value={created.apiKey} />
          <CopyField label="Secret key" value={created.secret ?? ''} />
          <button type="button" className="btn btn-ghost" onClick={() => onCreated(null)}>
            I have copied it
          </button>
        </div>
      )}
      {message && (
        <div className={message.ok ? 'notice' : 'form-error'} data-testid="api-keys-message" data-ok={message.ok}>
          {message.text}
        </div>
      )}
      <ul className="api-keys-list" data-testid="api-keys-list">
        {keys.map((k) => (
          <li key={k.apiKey} data-testid="api-key-row" data-api-key={k.apiKey} data-status={k.status} className={k.status === 'REVOKED' ? 'revoked' : undefined}>
            <div className="api-key-head">
              <span className="api-key-label">{k.label}</span>
              <span className={`api-key-status ${k.status === 'ACTIVE' ? 'up' : 'muted'}`}>{k.status === 'ACTIVE' ? 'Active' : 'Revoked'}</span>
            </div>
            <div className="api-key-detail muted">
              <span title={k.apiKey}>{shortId(k.apiKey)}</span> · {k.scheme === 'ED25519' ? 'Ed25519' : 'HMAC-SHA256'} · {k.permissions.join(', ')}
            </div>
            <div className="api-key-detail muted">
              {k.ipAllowList.length > 0 ? `IPs ${k.ipAllowList.join(', ')}` : 'any IP'} · created {formatDateTime(k.createdAt)}
              {k.revokedAt !== undefined && ` · revoked ${formatDateTime(k.revokedAt)}`}
            </div>
            {k.status === 'ACTIVE' && (
              <button type="button" className="btn btn-ghost danger" disabled={busy} onClick={() => revoke(k)}>
                Revoke
              </button>
            )}
          </li>
        ))}
        {keys.length === 0 && <li className="muted">No API keys yet.</li>}
      </ul>
    </section>
  );
}

/** A read-only value with a Copy button (the clipboard needs a secure context: https or localhost). */
function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="admin-field">
      <span className="field-label">{label}</span>
      <span className="copy-field">
        <input className="input input-sm" aria-label={label} value={value} readOnly spellCheck={false} onFocus={(e) => e.target.select()} />
        {navigator.clipboard && (
          <button type="button" className="btn btn-ghost" aria-label={`Copy the ${label.toLowerCase()}`} onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
      </span>
    </div>
  );
}
