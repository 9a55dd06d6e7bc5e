/**
 * The newest firing of each of the account's alerts seen on the private stream while the app is open
 * (docs/alerts.md, "The web app"): the Alerts panel shows it next to the alert. `GET /api/v1/alerts` holds
 * the definitions only; firings before the page opened are not known here.
 */
import type { AlertFrame } from './api-types';

export interface AlertFiring {
  /** The alert's firing number (`n`): how many times it has fired, counted by the alerts job. */
  firing: number;
  /** The price that fired it, as the relay spelled it. */
  price: string;
  time: number;
}

export class AlertFirings {
  private readonly newest = new Map<string, AlertFiring>();

  /** Keeps the frame's firing unless a later (or the same) firing of its alert is kept; true when it was kept. */
  apply(frame: AlertFrame): boolean {
    const kept = this.newest.get(frame.a);
    if (kept && kept.firing >= frame.n) return false;
    this.newest.set(frame.a, { firing: frame.n, price: frame.p, time: frame.T });
    return true;
  }

  get(alertId: string): AlertFiring | undefined {
    return this.newest.get(alertId);
  }

  clear(): void {
    this.newest.clear();
  }
}
