import { describe, expect, it } from 'vitest';
import { EMPTY_API_KEY_DRAFT, draftToApiKey } from './api-key-draft';

const PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----';

describe('draftToApiKey', () => {
  it('sends an HMAC key with READ, TRADE when asked, and the allow list split on commas, spaces and new lines', () => {
    expect(draftToApiKey({ ...EMPTY_API_KEY_DRAFT, label: ' grid bot ', trade: true, ipAllowList: '203.0.113.7, 10.0.0.0/8\n2001:db8::/32 ', publicKey: PEM })).toEqual({
      label: 'grid bot',
      scheme: 'HMAC_SHA256',
      permissions: ['READ', 'TRADE'],
      ipAllowList: ['203.0.113.7', '10.0.0.0/8', '2001:db8::/32'],
    });
    expect(draftToApiKey({ ...EMPTY_API_KEY_DRAFT, label: 'reader' })).toEqual({ label: 'reader', scheme: 'HMAC_SHA256', permissions: ['READ'], ipAllowList: [] });
  });

  it('sends an Ed25519 key with its public key, trimmed', () => {
    expect(draftToApiKey({ ...EMPTY_API_KEY_DRAFT, label: 'signer', scheme: 'ED25519', publicKey: `\n${PEM}\n` })).toEqual({
      label: 'signer',
      scheme: 'ED25519',
      publicKey: PEM,
      permissions: ['READ'],
      ipAllowList: [],
    });
  });

  it('names what is wrong with the label, the allow list or the public key instead of sending it', () => {
    expect(draftToApiKey({ ...EMPTY_API_KEY_DRAFT, label: '  ' })).toBe('Label: 1 to 64 characters, e.g. grid bot');
    expect(draftToApiKey({ ...EMPTY_API_KEY_DRAFT, label: 'x'.repeat(65) })).toBe('Label: 1 to 64 characters, e.g. grid bot');
    expect(draftToApiKey({ ...EMPTY_API_KEY_DRAFT, label: 'tab\there' })).toBe('Label: 1 to 64 characters, e.g. grid bot');
    expect(draftToApiKey({ ...EMPTY_API_KEY_DRAFT, label: 'bot', ipAllowList: '10.0.0.1 example.com' })).toBe(
      "IP allow list: 'example.com' is not an IP address or CIDR block (no host names)",
    );
    expect(draftToApiKey({ ...EMPTY_API_KEY_DRAFT, label: 'bot', ipAllowList: Array.from({ length: 31 }, (_, i) => `10.0.0.${i}`).join(',') })).toBe(
      'IP allow list: at most 30 addresses or blocks',
    );
    expect(draftToApiKey({ ...EMPTY_API_KEY_DRAFT, label: 'bot', scheme: 'ED25519' })).toBe('Public key: required for an Ed25519 key (PEM, -----BEGIN PUBLIC KEY-----)');
    expect(draftToApiKey({ ...EMPTY_API_KEY_DRAFT, label: 'bot', scheme: 'ED25519', publicKey: '-----BEGIN PRIVATE KEY-----\nMC4CAQ==\n-----END PRIVATE KEY-----' })).toBe(
      'Public key: this is a private key; paste the public key only, never the private one',
    );
  });
});
