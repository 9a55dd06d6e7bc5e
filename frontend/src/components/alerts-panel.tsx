import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AccountState } from '../hooks/use-account';
import { useFrameVersion } from '../hooks/use-frame-version';
import { EMPTY_ALERT_DRAFT, draftToAlert } from '../lib/alert-draft';
import type { AlertDraft } from '../lib/alert-draft';
import type { ApiClient } from '../lib/api-client';
import type { Alert, Instrument } from '../lib/api-types';
import { formatTime } from '../lib/format';
import { useListPanel } from '../hooks/use-panel-action';

const TYPES: Array<[AlertDraft['type'], string]> = [
  ['PRICE_ABOVE', 'Price above'],
  ['PRICE_BELOW', 'Price below'],
  ['PERCENT_CHANGE', 'Change %'],
  ['ORDER_FILLED', 'My order filled'],
];

function describe(alert: Alert): string {
  switch (alert.type) {
    case 'PRICE_ABOVE':
      return `≥ ${alert.price}`;
    case 'PRICE_BELOW':
      return `≤ ${alert.price}`;
    case 'PERCENT_CHANGE':
      return `±${alert.percent}% / ${alert.window}`;
    case 'ORDER_FILLED':
      return alert.partialFills ? 'every fill' : 'filled';
    default:
      return alert.type;
  }
}

const loadAlerts = (api: ApiClient) => api.alerts();

interface Props {
  instrument: Instrument;
  /** Its private stream's alert firings, shown next to each alert. */
  account: Pick<AccountState, 'alertFirings' | 'alertSignal'>;
}

/**
 * The signed-in account's price alerts (docs/alerts.md): create one on the selected pair, list, pause, resume,
 * delete; each with its newest firing seen since sign-in (firing number, price, time).
 */
export function AlertsPanel({ instrument, account }: Props) {
  const { api, items: alerts, busy, message, run, submit } = useListPanel(loadAlerts);
  useFrameVersion(account.alertSignal);
  const [draft, setDraft] = useState<AlertDraft>(EMPTY_ALERT_DRAFT);

  const create = (e: FormEvent) => {
    e.preventDefault();
    submit(draftToAlert(instrument.symbol, draft), () => `Alert on ${instrument.symbol}`, (request) => api.createAlert(request));
  };

  return (
    <section className="panel alerts" aria-label="Alerts">
      <div className="panel-head">
        <span className="panel-title">Alerts</span>
      </div>
      <form className="admin-form" onSubmit={create} noValidate>
        <label className="admin-field">
          <span className="field-label">When</span>
          <select className="input input-sm" value={draft.type} onChange={(e) => setDraft((d) => ({ ...d, type: e.target.value as AlertDraft['type'] }))} data-testid="alert-type">
            {TYPES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {(draft.type === 'PRICE_ABOVE' || draft.type === 'PRICE_BELOW') && (
          <label className="admin-field">
            <span className="field-label">Alert price</span>
            <input className="input input-sm" value={draft.price} onChange={(e) => setDraft((d) => ({ ...d, price: e.target.value }))} spellCheck={false} data-testid="alert-price" />
          </label>
        )}
        {draft.type === 'PERCENT_CHANGE' && (
          <>
            <label className="admin-field">
              <span className="field-label">Percent</span>
              <input className="input input-sm" value={draft.percent} onChange={(e) => setDraft((d) => ({ ...d, percent: e.target.value }))} spellCheck={false} />
            </label>
            <label className="admin-field">
              <span className="field-label">Window</span>
              <select className="input input-sm" value={draft.window} onChange={(e) => setDraft((d) => ({ ...d, window: e.target.value as AlertDraft['window'] }))}>
                <option value="5m">5m</option>
                <option value="1h">1h</option>
                <option value="24h">24h</option>
              </select>
            </label>
          </>
        )}
        {draft.type === 'ORDER_FILLED' && (
          <label className="admin-field">
            <span className="field-label">Partial fills</span>
            <input type="checkbox" checked={draft.partialFills} onChange={(e) => setDraft((d) => ({ ...d, partialFills: e.target.checked }))} />
          </label>
        )}
        <button type="submit" className="btn btn-accent" disabled={busy} data-testid="alert-create">
          Add alert on {instrument.symbol}
        </button>
      </form>
      <ul className="alerts-list" data-testid="alerts-list">
        {alerts.map((a) => {
          const fired = account.alertFirings.get(a.alertId);
          return (
            <li key={a.alertId} data-testid="alert-row" data-alert-id={a.alertId} data-type={a.type} data-price={a.price ?? undefined} data-status={a.status} data-firings={fired?.firing ?? 0} data-last-price={fired?.price}>
              <span>
                {a.symbol} {describe(a)} {a.status === 'PAUSED' && <span className="muted">(paused)</span>}
                {fired && (
                  <span className="alert-fired" data-testid="alert-fired">
                    fired {fired.firing}×, last at {fired.price} {formatTime(fired.time)}
                  </span>
                )}
              </span>
              <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => run(a.status === 'PAUSED' ? 'Resume' : 'Pause', () => api.alertAction(a.alertId, a.status === 'PAUSED' ? 'resume' : 'pause'))}>
                {a.status === 'PAUSED' ? 'Resume' : 'Pause'}
              </button>
              <button type="button" className="btn btn-ghost danger" disabled={busy} onClick={() => run('Delete', () => api.deleteAlert(a.alertId))}>
                Delete
              </button>
            </li>
          );
        })}
      </ul>
      {message && (
        <div className={message.ok ? 'notice' : 'form-error'} data-testid="alerts-message" data-ok={message.ok}>
          {message.text}
        </div>
      )}
    </section>
  );
}
