/**
 * Browser notifications of fired price alerts (docs/alerts.md, "The web app"). The text is built from the
 * `alert` frame alone, exactly as the relay spelled its decimals; the tag `<alert id>:<firing>` makes the
 * browser replace rather than repeat a notification of the same firing.
 */
import type { AlertFrame } from './api-types';

export interface AlertNotificationText {
  title: string;
  body: string;
  tag: string;
}

export function alertNotificationText(alert: AlertFrame): AlertNotificationText {
  const title = `${alert.s} alert${alert.c ? ` ${alert.c}` : ''}`;
  let body: string;
  switch (alert.k) {
    case 'PRICE_ABOVE':
      body = `Price ${alert.p} reached ${alert.L ?? 'the level'} or above`;
      break;
    case 'PRICE_BELOW':
      body = `Price ${alert.p} reached ${alert.L ?? 'the level'} or below`;
      break;
    case 'PERCENT_CHANGE':
      body = `Price ${alert.p} moved ${signed(alert.P)}% against ${alert.R ?? '—'} ${windowLabel(alert.w)} ago`;
      break;
    case 'ORDER_FILLED':
      body = `Order ${alert.i ?? ''} ${alert.X === 'FILLED' ? 'filled' : 'partially filled'}: ${alert.z ?? '—'} at ${alert.p}`;
      break;
    default:
      body = `${alert.k} at ${alert.p}`;
  }
  return { title, body, tag: `${alert.a}:${alert.n}` };
}

function signed(percent: string | undefined): string {
  if (percent === undefined) return '—';
  return percent.startsWith('-') ? percent : `+${percent}`;
}

function windowLabel(minutes: number | undefined): string {
  if (minutes === undefined) return 'a window';
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** Shows the alert as a browser notification when the page may; does nothing where notifications are unavailable. */
export function notifyAlert(alert: AlertFrame): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const text = alertNotificationText(alert);
  new Notification(text.title, { body: text.body, tag: text.tag });
}

/** Asks once for permission to notify (the browser remembers the answer). */
export function askAlertPermission(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission();
}
