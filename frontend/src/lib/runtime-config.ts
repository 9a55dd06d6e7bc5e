/**
 * Runtime configuration, fetched from `config.json` next to index.html at startup and never baked into the
 * bundle, so one build runs locally (behind the reverse proxy) and in AWS (S3 + CloudFront).
 *
 * Empty strings mean "same origin as the page".
 */
export interface RuntimeConfig {
  /** Origin for HTTP APIs, e.g. "https://api.example.com"; "" = same origin. */
  apiBase: string;
  /** Origin for WebSockets, e.g. "wss://stream.example.com"; "" = same origin as the page, ws(s) scheme. */
  wsBase: string;
}

export interface ResolvedConfig {
  apiBase: string;
  wsBase: string;
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}

/** Fills in same-origin defaults. `location` is passed in so this stays testable. */
export function resolveConfig(raw: Partial<RuntimeConfig>, location: { protocol: string; host: string }): ResolvedConfig {
  const apiBase = trimSlash(typeof raw.apiBase === 'string' ? raw.apiBase : '');
  let wsBase = trimSlash(typeof raw.wsBase === 'string' ? raw.wsBase : '');
  if (wsBase === '') {
    if (apiBase !== '') wsBase = apiBase.replace(/^http/, 'ws');
    else wsBase = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
  }
  return { apiBase, wsBase };
}

export async function loadRuntimeConfig(): Promise<ResolvedConfig> {
  const url = new URL('config.json', document.baseURI);
  let raw: Partial<RuntimeConfig> = {};
  try {
    const response = await fetch(url, { cache: 'no-store' });
    if (response.ok) raw = (await response.json()) as Partial<RuntimeConfig>;
  } catch {
    // Missing or broken config.json: fall back to same-origin, which is what the local proxy serves.
  }
  return resolveConfig(raw, window.location);
}
