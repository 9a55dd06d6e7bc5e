/**
 * A tiny step runner for scripts that drive a running exchange: steps run in order, each is reported on
 * its own line (TAP-like, so the Maven report shows where it stopped), the first failure stops the run and
 * the process exits 1. Cleanups always run.
 */
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';

/** Command-line options shared by the scripts; each also has an environment variable. */
export function options(extra = {}) {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string', default: process.env.EXCHANGE_BASE_URL ?? 'http://localhost:8080' },
      out: { type: 'string', default: process.env.EXCHANGE_E2E_OUT ?? 'target/e2e' },
      timeout: { type: 'string', default: process.env.EXCHANGE_E2E_TIMEOUT_MS ?? '60000' },
      ...extra,
    },
    strict: true,
  });
  const baseUrl = values['base-url'].replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(baseUrl)) throw new Error(`--base-url must be an origin such as http://localhost:8080, got ${values['base-url']}`);
  const timeout = Number.parseInt(values.timeout, 10);
  if (!(timeout > 0)) throw new Error(`--timeout must be a positive number of milliseconds, got ${values.timeout}`);
  return { ...values, baseUrl, timeout };
}

export class Run {
  constructor(name) {
    this.name = name;
    this.count = 0;
    this.cleanups = [];
    this.failureReports = [];
    this.started = Date.now();
    console.log(`# ${name}`);
  }

  /**
   * Registered reports run when a step fails, before the cleanups: what the page or the exchange showed at
   * that moment, so that a failure seen once (in CI, say) can be understood from its log. A report that
   * fails itself is logged and does not hide the step's failure.
   */
  onFailure(fn) {
    this.failureReports.push(fn);
  }

  /** Registered cleanups run in reverse order at the end, whatever happened. */
  cleanup(fn) {
    this.cleanups.push(fn);
  }

  log(message) {
    console.log(`#   ${message}`);
  }

  async step(title, fn) {
    this.count += 1;
    const t0 = Date.now();
    try {
      const result = await fn();
      console.log(`ok ${this.count} - ${title} (${Date.now() - t0} ms)`);
      return result;
    } catch (e) {
      console.log(`not ok ${this.count} - ${title} (${Date.now() - t0} ms)`);
      console.log(String(e?.stack ?? e).replace(/^/gm, '#   '));
      for (const report of this.failureReports) {
        try {
          await report();
        } catch (r) {
          this.log(`failure report failed: ${r?.message ?? r}`);
        }
      }
      await this.finish(1);
    }
  }

  async finish(code = 0) {
    for (const fn of this.cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        console.log(`#   cleanup failed: ${e?.message ?? e}`);
      }
    }
    console.log(`# ${this.name}: ${code === 0 ? 'passed' : 'FAILED'} after ${this.count} steps in ${Date.now() - this.started} ms`);
    process.exit(code);
  }
}

/**
 * Polls `probe` until it returns something other than undefined/false, and returns that. Errors thrown by
 * the probe count as "not yet"; the last one is reported if the deadline passes.
 */
export async function waitFor(what, probe, { timeout = 30000, every = 200 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false && value !== null) return value;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `; last error: ${last.message ?? last}` : ''}`);
    }
    await delay(every);
  }
}

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

/** A short random suffix of capital letters and digits, so runs against a long-lived stack do not collide. */
export function uniqueSuffix(length = 6) {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}
