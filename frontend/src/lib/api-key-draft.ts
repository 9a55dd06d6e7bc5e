/**
 * The API keys form: a draft of strings to a `POST /api/v1/api-keys` body, or the first thing wrong with it.
 * Only the shape the form can tell; edge-api decides whether an address or a public key is valid (problem+json).
 */
import type { ApiKeyPermission, ApiKeyScheme, NewApiKeyRequest } from './api-types';

export interface ApiKeyDraft {
  label: string;
  scheme: ApiKeyScheme;
  /** ED25519 only: the user's public key, PEM or the bare base64 of its X.509 form. */
  publicKey: string;
  /** READ is always granted; TRADE allows placing and cancelling orders. */
  trade: boolean;
  /** Addresses or CIDR blocks separated by commas, spaces or new lines; empty: any address. */
  ipAllowList: string;
}

export const EMPTY_API_KEY_DRAFT: ApiKeyDraft = { label: '', scheme: 'HMAC_SHA256', publicKey: '', trade: false, ipAllowList: '' };

/** edge-api's limits (`ApiKeyService.MAX_LABEL`, `IpAllowList.MAX_ENTRIES`). */
export const MAX_LABEL = 64;
export const MAX_IP_ENTRIES = 30;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(\/\d{1,3})?$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function draftToApiKey(draft: ApiKeyDraft): NewApiKeyRequest | string {
  const label = draft.label.trim();
  if (label.length === 0 || label.length > MAX_LABEL || CONTROL.test(label)) {
    return `Label: 1 to ${MAX_LABEL} characters, e.g. grid bot`;
  }
  const ipAllowList = draft.ipAllowList.split(/[\s,]+/).filter((x) => x.length > 0);
  if (ipAllowList.length > MAX_IP_ENTRIES) return `IP allow list: at most ${MAX_IP_ENTRIES} addresses or blocks`;
  const notAnAddress = ipAllowList.find((x) => !IPV4.test(x) && !IPV6.test(x));
  if (notAnAddress !== undefined) return `IP allow list: '${notAnAddress}' is not an IP address or CIDR block (no host names)`;
  const permissions: ApiKeyPermission[] = draft.trade ? ['READ', 'TRADE'] : ['READ'];
  if (draft.scheme === 'HMAC_SHA256') return { label, scheme: draft.scheme, permissions, ipAllowList };
  const publicKey = draft.publicKey.trim();
  if (publicKey.length === 0) return 'Public key: required for an Ed25519 key (PEM, -----BEGIN PUBLIC KEY-----)';
  if (/PRIVATE KEY/.test(publicKey)) return 'Public key: this is a private key; paste the public key only, never the private one';
  return { label, scheme: draft.scheme, publicKey, permissions, ipAllowList };
}
