-- Binance's user data stream listen keys (docs/binance-compat.md, "User data stream"). edge-api opens,
-- extends and closes them (POST/PUT/DELETE /api/v3/userDataStream); ws-relay only reads them to open
-- /ws/<listenKey> and to end its session when the key lapses. One live key per API key, as on Binance:
-- a second POST returns the same key and extends it.
create table listen_keys (
  listen_key  text        primary key,
  api_key     text        not null unique references api_keys (api_key),
  account     text        not null,
  expires_at  timestamptz not null,
  created_at  timestamptz not null
);
