-- PostgreSQL hot tier of the history (docs/history.md). Written only by the history job with
-- idempotent upserts on natural keys. Money is exact: numeric(38,18) computed from the fixed-point
-- longs and their scales; the scales are kept so that readers can format like the instrument.
-- Partitioned tables get their day partitions from Partitions.java (ahead, and on demand).

create table trades (
  symbol          text           not null,
  trade_id        bigint         not null,
  time            timestamptz    not null,
  price           numeric(38,18) not null,
  quantity        numeric(38,18) not null,
  quote_quantity  numeric(38,18) not null,
  price_scale     smallint       not null,
  quantity_scale  smallint       not null,
  taker_side      text           not null,
  maker_order_id  text           not null,
  taker_order_id  text           not null,
  maker_account   text           not null,
  taker_account   text           not null,
  -- time is a function of (symbol, trade_id), so this is as unique as (symbol, trade_id); it has to
  -- contain the partition key.
  primary key (symbol, trade_id, time)
) partition by range (time);

-- Keyset pages of a symbol's trades: where symbol = ? and (time, trade_id) > (?, ?) order by time, trade_id.
create index trades_symbol_time_id on trades (symbol, time, trade_id);

create table order_events (
  symbol            text           not null,
  sequence          bigint         not null,
  time              timestamptz    not null,
  account           text           not null,
  order_id          text           not null,
  client_order_id   text           not null,
  side              text           not null,
  order_type        text           not null,
  time_in_force     text           not null,
  execution_type    text           not null,
  status            text           not null,
  reject_reason     text,
  price             numeric(38,18),
  quantity          numeric(38,18),
  quote_quantity    numeric(38,18),
  executed_quantity numeric(38,18) not null,
  cumulative_quote  numeric(38,18) not null,
  last_quantity     numeric(38,18) not null,
  last_price        numeric(38,18) not null,
  last_quote        numeric(38,18) not null,
  trade_id          bigint,
  maker             boolean        not null,
  price_scale       smallint       not null,
  quantity_scale    smallint       not null,
  created_at        timestamptz    not null,
  primary key (symbol, sequence, time)
) partition by range (time);

-- An account's execution reports (fills) by time, and the reports of one order.
create index order_events_account_time on order_events (account, time desc);
create index order_events_order on order_events (order_id, sequence);

-- Latest state per order: an event is taken only if its sequence (per symbol, gapless) is newer.
create table orders (
  order_id          text           primary key,
  client_order_id   text           not null,
  account           text           not null,
  symbol            text           not null,
  side              text           not null,
  order_type        text           not null,
  time_in_force     text           not null,
  price             numeric(38,18),
  quantity          numeric(38,18),
  quote_quantity    numeric(38,18),
  executed_quantity numeric(38,18) not null,
  cumulative_quote  numeric(38,18) not null,
  status            text           not null,
  reject_reason     text,
  price_scale       smallint       not null,
  quantity_scale    smallint       not null,
  created_at        timestamptz    not null,
  updated_at        timestamptz    not null,
  last_sequence     bigint         not null
);

-- An account's orders, newest change first (my orders, all or per symbol).
create index orders_account_updated on orders (account, updated_at desc);
-- An account's open orders.
create index orders_account_open on orders (account, symbol)
  where status in ('NEW', 'PARTIALLY_FILLED');

-- The last update per bucket. The primary key also serves "latest N candles of (symbol, interval)"
-- (a backward scan: order by open_time desc limit N).
create table candles (
  symbol                 text           not null,
  interval               text           not null,
  open_time              timestamptz    not null,
  close_time             timestamptz    not null,
  open                   numeric(38,18) not null,
  high                   numeric(38,18) not null,
  low                    numeric(38,18) not null,
  close                  numeric(38,18) not null,
  volume                 numeric(38,18) not null,
  quote_volume           numeric(38,18) not null,
  trade_count            bigint         not null,
  taker_buy_volume       numeric(38,18) not null,
  taker_buy_quote_volume numeric(38,18) not null,
  first_trade_id         bigint         not null,
  last_trade_id          bigint         not null,
  closed                 boolean        not null,
  price_scale            smallint       not null,
  quantity_scale         smallint       not null,
  primary key (symbol, interval, open_time)
);
