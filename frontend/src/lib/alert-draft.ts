/**
 * The alerts form: a draft of strings to a `POST /api/v1/alerts` body, or the first thing wrong with it.
 * Only what the form can tell without the instrument; the tick and the limits are edge-api's (problem+json).
 */
import type { NewAlertRequest } from './api-types';

export interface AlertDraft {
  type: NewAlertRequest['type'];
  price: string;
  percent: string;
  window: '5m' | '1h' | '24h';
  partialFills: boolean;
}

export const EMPTY_ALERT_DRAFT: AlertDraft = { type: 'PRICE_ABOVE', price: '', percent: '', window: '1h', partialFills: false };

const DECIMAL = /^\d+(\.\d+)?$/;

export function draftToAlert(symbol: string, draft: AlertDraft): NewAlertRequest | string {
  switch (draft.type) {
    case 'PRICE_ABOVE':
    case 'PRICE_BELOW': {
      const price = draft.price.trim();
      if (!DECIMAL.test(price)) return 'Price: a positive decimal, e.g. 65000.00';
      if (/^0*(\.0*)?$/.test(price)) return 'Price: must be above zero';
      return { symbol, type: draft.type, price };
    }
    case 'PERCENT_CHANGE': {
      const percent = draft.percent.trim();
      if (!DECIMAL.test(percent)) return 'Percent: a positive decimal, e.g. 5';
      if (/^0*(\.0*)?$/.test(percent)) return 'Percent: must be above zero';
      return { symbol, type: draft.type, percent, window: draft.window };
    }
    case 'ORDER_FILLED':
      return { symbol, type: draft.type, partialFills: draft.partialFills };
  }
}
