-- Accounts in the hot tier (docs/history.md, docs/accounts.md): the ledger of exchange.balances and
-- the balances it leads to. Written only by the history job, idempotent on natural keys: the input
-- is at-least-once (the same (account, sequence) may come twice, byte-identical).
--
-- Not partitioned and never dropped: the ledger is an account's record of its money (every balance
-- is the sum of its entries), and its primary key (account, sequence) serves the keyset pages.

create table ledger (
  account        text           not null,
  sequence       bigint         not null,
  time           timestamptz    not null,
  kind           text           not null,
  asset          text           not null,
  asset_scale    smallint       not null,
  free_delta     numeric(38,18) not null,
  locked_delta   numeric(38,18) not null,
  free           numeric(38,18) not null,
  locked         numeric(38,18) not null,
  symbol         text,
  order_id       text,
  trade_id       bigint,
  transfer_id    text,
  reject_reason  text,
  primary key (account, sequence)
);

-- An account's entries of one asset, newest first (the ledger page filtered by asset).
create index ledger_account_asset_sequence on ledger (account, asset, sequence desc);

-- The latest balance per (account, asset): an entry is taken only if its sequence is newer, so a
-- replayed or late entry changes nothing. Refused transfers (reject_reason set) change nothing and
-- are not applied: only assets an account really touched have a row.
create table balances (
  account        text           not null,
  asset          text           not null,
  free           numeric(38,18) not null,
  locked         numeric(38,18) not null,
  asset_scale    smallint       not null,
  sequence       bigint         not null,
  updated_at     timestamptz    not null,
  primary key (account, asset)
);

-- The fees collected per asset: FEE entries take the commission from the payer's free balance.
create view fee_ledger as
  select asset,
         max(asset_scale)  as asset_scale,
         -sum(free_delta)  as collected,
         count(*)          as entries
    from ledger
   where kind = 'FEE'
   group by asset;
