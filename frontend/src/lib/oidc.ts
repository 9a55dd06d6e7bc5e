/**
 * Sign-in with the OpenID provider (the local `identity` module, or Cognito in AWS) through oidc-client-ts:
 * authorization code with PKCE, the callback on `/callback` (also the silent-renew page), renewal before
 * the access token expires (refresh token where the provider issues one to a public client, as Cognito does,
 * else a hidden iframe with the provider's session), and RP-initiated logout. Tokens live in sessionStorage,
 * per tab, as the dev sign-in's do.
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { User } from 'oidc-client-ts';
import type { OidcConfig } from './runtime-config';
import type { Session } from './session';

export const CALLBACK_PATH = '/callback';

export function createUserManager(config: OidcConfig, origin: string, storage: Storage): UserManager {
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: origin + CALLBACK_PATH,
    silent_redirect_uri: origin + CALLBACK_PATH,
    post_logout_redirect_uri: origin + '/',
    response_type: 'code',
    scope: config.scope,
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: storage }),
    stateStore: new WebStorageStateStore({ store: storage }),
    ...(config.logoutUrl ? { metadataSeed: { end_session_endpoint: config.logoutUrl } } : {}),
  });
}

/** The claims of a JWT's payload, or an empty object for anything that is not a JWT. */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(base64), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
    );
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Roles from the access token's roles claim: a list, or a space-separated string. */
export function rolesOf(accessToken: string, rolesClaim: string): string[] {
  const value = jwtClaims(accessToken)[rolesClaim];
  if (Array.isArray(value)) return value.filter((r): r is string => typeof r === 'string');
  if (typeof value === 'string') return value.split(' ').filter((r) => r !== '');
  return [];
}

/**
 * The app's session for a signed-in user: the account shown is the identity's name (preferred_username,
 * Cognito's username, email, else the subject the services use as the account).
 */
export function sessionFromUser(
  user: Pick<User, 'access_token' | 'expires_at' | 'profile'>,
  rolesClaim: string,
): Session {
  const p = user.profile as Record<string, unknown>;
  const name = [p.preferred_username, p['cognito:username'], p.email, p.sub].find(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  return {
    account: name ?? '',
    admin: rolesOf(user.access_token, rolesClaim).includes('admin'),
    token: user.access_token,
    expiresAt: (user.expires_at ?? 0) * 1000,
  };
}
