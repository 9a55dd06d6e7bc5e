import { useState } from 'react';
import type { FormEvent } from 'react';
import { assetDraftToListing, draftToListing } from '../lib/instrument-draft';
import type { InstrumentDraft } from '../lib/instrument-draft';
import type { Instrument } from '../lib/api-types';
import { useRuntime } from '../hooks/runtime-context';
import { usePanelAction } from '../hooks/use-panel-action';

const EMPTY: InstrumentDraft = {
  baseAsset: '',
  quoteAsset: 'USDT',
  tickSize: '0.01',
  stepSize: '0.001',
  minQuantity: '0.001',
  maxQuantity: '10000',
  minNotional: '5',
  maxOpenOrders: '200',
};

const LABELS: Array<[keyof InstrumentDraft, string]> = [
  ['baseAsset', 'Base'],
  ['quoteAsset', 'Quote'],
  ['tickSize', 'Tick size'],
  ['stepSize', 'Step size'],
  ['minQuantity', 'Min qty'],
  ['maxQuantity', 'Max qty'],
  ['minNotional', 'Min notional'],
  ['maxOpenOrders', 'Max open orders'],
];

/** Admin only: list an asset, list a new pair on listed assets, and halt, resume or delist the selected one. */
export function AdminPanel({ instrument, onChanged }: { instrument: Instrument | null; onChanged(): void }) {
  const { api } = useRuntime();
  const [draft, setDraft] = useState<InstrumentDraft>(EMPTY);
  const [asset, setAsset] = useState({ code: '', scale: '8' });
  const { busy, message, run, submit } = usePanelAction('accepted', onChanged);

  const list = (e: FormEvent) => {
    e.preventDefault();
    submit(draftToListing(draft), (listing) => `List ${listing.symbol}`, (listing) => api.listInstrument(listing));
  };

  const listAsset = (e: FormEvent) => {
    e.preventDefault();
    submit(assetDraftToListing(asset.code, asset.scale), (listing) => `List asset ${listing.code}`, (listing) => api.listAsset(listing));
  };

  return (
    <section className="panel admin" aria-label="Admin">
      <div className="panel-head">
        <span className="panel-title">Admin</span>
      </div>
      {instrument && (
        <div className="admin-actions">
          <span className="muted">{instrument.symbol}</span>
          <button type="button" className="btn btn-ghost" disabled={busy || instrument.status !== 'TRADING'} onClick={() => run(`Halt ${instrument.symbol}`, () => api.instrumentAction(instrument.symbol, 'halt'))}>
            Halt
          </button>
          <button type="button" className="btn btn-ghost" disabled={busy || instrument.status !== 'HALTED'} onClick={() => run(`Resume ${instrument.symbol}`, () => api.instrumentAction(instrument.symbol, 'resume'))}>
            Resume
          </button>
          <button
            type="button"
            className="btn btn-ghost danger"
            disabled={busy || instrument.status === 'DELISTED'}
            onClick={() => window.confirm(`Delist ${instrument.symbol}?`) && run(`Delist ${instrument.symbol}`, () => api.instrumentAction(instrument.symbol, 'delist'))}
          >
            Delist
          </button>
        </div>
      )}
      <form className="admin-form" onSubmit={listAsset} noValidate>
        <label className="admin-field">
          <span className="field-label">Asset</span>
          <input className="input input-sm" value={asset.code} onChange={(e) => setAsset((a) => ({ ...a, code: e.target.value }))} spellCheck={false} />
        </label>
        <label className="admin-field">
          <span className="field-label">Scale</span>
          <input className="input input-sm" value={asset.scale} onChange={(e) => setAsset((a) => ({ ...a, scale: e.target.value }))} spellCheck={false} />
        </label>
        <button type="submit" className="btn btn-ghost" disabled={busy} data-testid="admin-list-asset">
          List asset {asset.code.trim().toUpperCase() || '…'}
        </button>
      </form>
      <form className="admin-form" onSubmit={list} noValidate>
        {LABELS.map(([key, label]) => (
          <label key={key} className="admin-field">
            <span className="field-label">{label}</span>
            <input className="input input-sm" value={draft[key]} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} spellCheck={false} />
          </label>
        ))}
        <button type="submit" className="btn btn-accent" disabled={busy} data-testid="admin-list">
          List {draft.baseAsset.trim().toUpperCase() || '…'}
          {draft.quoteAsset.trim().toUpperCase()}
        </button>
      </form>
      {message && (
        <div className={message.ok ? 'notice' : 'form-error'} data-testid="admin-message" data-ok={message.ok}>
          {message.text}
        </div>
      )}
    </section>
  );
}
