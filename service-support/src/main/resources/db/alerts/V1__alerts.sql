-- Fired alerts and their deliveries (docs/alerts.md, "Deliveries"). Its own schema and Flyway
-- history: alert-delivery migrates and writes it, edge-api reads alerts.deliveries for
-- GET /api/v1/alerts/{id}/deliveries. Prices are numeric at the symbol's scale, as the history job
-- writes them; times timestamptz.

-- Every firing read from exchange.alerts (read_committed), once: the history of fired alerts.
create table fired (
  alert_id        text           not null,
  firing          bigint         not null,
  account         text           not null,
  symbol          text           not null,
  kind            text           not null,
  client_alert_id text,
  price           numeric(38,18) not null,
  trade_id        bigint,
  order_id        text,
  -- The time of the trade or fill that fired it.
  fired_at        timestamptz    not null,
  -- The firing as the webhook's body shows it.
  payload         jsonb          not null,
  received_at     timestamptz    not null,
  primary key (alert_id, firing)
);

create index fired_account on fired (account, fired_at);

-- One row per attempt to deliver a firing on a channel. A (alert_id, firing, channel) with a SENT
-- or FAILED row is done: a replayed firing is not delivered again.
create table deliveries (
  alert_id     text        not null,
  firing       bigint      not null,
  channel      text        not null check (channel in ('WEBHOOK', 'EMAIL')),
  attempt      int         not null check (attempt > 0),
  account      text        not null,
  outcome      text        not null check (outcome in ('SENT', 'RETRIED', 'FAILED')),
  -- WEBHOOK: the receiver's HTTP status, null when none came (connection error, timeout).
  status_code  int,
  -- Why it was not SENT, short; null when SENT.
  error        text,
  time         timestamptz not null,
  primary key (alert_id, firing, channel, attempt)
);

create index deliveries_alert on deliveries (alert_id, time);
