-- API keys for Binance-style signed requests (docs/edge-api.md, "API keys"). Its own schema and
-- Flyway history (edge-api migrates it at start), so the history job's migration of the public
-- schema never sees it. A row never holds a usable secret in the clear: an Ed25519 key keeps only
-- the user's public key; an HMAC key keeps its secret encrypted with AES-256-GCM under the
-- services' exchange.api-keys.encryption-key, the api key bound in as associated data.
create table api_keys (
  api_key        text        primary key,
  account        text        not null,
  label          text        not null,
  scheme         text        not null check (scheme in ('HMAC_SHA256', 'ED25519')),
  -- HMAC_SHA256: 'v1:' || base64(iv || ciphertext || tag); null for ED25519.
  secret         text,
  -- ED25519: the X.509 SubjectPublicKeyInfo, base64; null for HMAC_SHA256.
  public_key     text,
  -- comma-separated: READ, TRADE
  permissions    text        not null,
  -- comma-separated addresses or CIDR blocks; empty: any address
  ip_allow_list  text        not null,
  created_at     timestamptz not null,
  revoked_at     timestamptz,
  check ((scheme = 'HMAC_SHA256') = (secret is not null)),
  check ((scheme = 'ED25519') = (public_key is not null))
);

create index api_keys_account on api_keys (account, created_at);
