import { describe, expect, it } from 'vitest';
import { jwtClaims, rolesOf, sessionFromUser } from './oidc';

function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${b64({ alg: 'RS256' })}.${b64(claims)}.signature`;
}

describe('oidc session', () => {
  it('shows the identity name, reads the exchange roles and keeps the access token', () => {
    const token = jwt({ sub: 'alice', exchange_roles: ['admin', 'trader'], roles: ['other'] });
    const session = sessionFromUser(
      { access_token: token, expires_at: 1_700_000_000, profile: { sub: 'alice', preferred_username: 'Alice Ä', iss: 'x', aud: 'y', exp: 0, iat: 0 } },
      'exchange_roles',
    );
    expect(session).toEqual({ account: 'Alice Ä', admin: true, token, expiresAt: 1_700_000_000_000 });
  });
  it('ignores roles in another claim, and reads Cognito groups when configured', () => {
    const token = jwt({ roles: ['admin'], 'cognito:groups': ['trader', 'admin'] });
    expect(rolesOf(token, 'exchange_roles')).toEqual([]);
    expect(rolesOf(token, 'cognito:groups')).toEqual(['trader', 'admin']);
    expect(rolesOf(jwt({ exchange_roles: 'trader admin' }), 'exchange_roles')).toEqual(['trader', 'admin']);
  });
  it('falls back to the subject as the account, and survives tokens that are not JWTs', () => {
    const session = sessionFromUser(
      { access_token: 'opaque', expires_at: undefined, profile: { sub: '8f1c-uuid', iss: 'x', aud: 'y', exp: 0, iat: 0 } },
      'exchange_roles',
    );
    expect(session.account).toBe('8f1c-uuid');
    expect(session.admin).toBe(false);
    expect(jwtClaims('not-a-jwt')).toEqual({});
  });
});
