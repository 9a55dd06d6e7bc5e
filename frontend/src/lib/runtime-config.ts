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
  /** The OpenID provider to sign in with (docs/identity.md); without it only the dev sign-in exists. */
  oidc?: Partial<OidcConfig>;
  /** Whether `POST /dev/token` exists (the local stack): offered on `/?dev-sign-in` for tests. */
  devSignIn?: boolean;
}

export interface OidcConfig {
  /** Issuer URL: the local provider, or the Cognito user pool's issuer. */
  authority: string;
  clientId: string;
  /** Default "openid profile". */
  scope: string;
  /** Access-token claim with the exchange roles; default "exchange_roles" (Cognito: "cognito:groups"). */
  rolesClaim: string;
  /** Where to send the browser to sign out when the provider's discovery has no end_session_endpoint (Cognito). */
  logoutUrl?: string;
}

export interface ResolvedConfig {
  apiBase: string;
  wsBase: string;
  oidc: OidcConfig | null;
  devSignIn: boolean;
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
  return { apiBase, wsBase, oidc: resolveOidc(raw.oidc), devSignIn: raw.devSignIn === true };
}

function resolveOidc(raw: Partial<OidcConfig> | undefined): OidcConfig | null {
  if (!raw || typeof raw.authority !== 'string' || raw.authority === '' || typeof raw.clientId !== 'string') return null;
  return {
    authority: trimSlash(raw.authority),
    clientId: raw.clientId,
    scope: typeof raw.scope === 'string' && raw.scope !== '' ? raw.scope : 'openid profile',
    rolesClaim: typeof raw.rolesClaim === 'string' && raw.rolesClaim !== '' ? raw.rolesClaim : 'exchange_roles',
    logoutUrl: typeof raw.logoutUrl === 'string' && raw.logoutUrl !== '' ? raw.logoutUrl : undefined,
  };
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
