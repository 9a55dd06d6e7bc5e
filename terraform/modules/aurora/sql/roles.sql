-- One database role per process (docs/deploy.md, "Database roles"). Plain SQL, idempotent: run it as the
-- master user after the first apply and after any change here; set the passwords with role-passwords.sql.
-- DatabaseRolesTest (flink-jobs) runs it against PostgreSQL with the hot tier's schema.
--
--   exchange_owner           NOLOGIN; owns the hot tier's tables, partitions and Flyway history
--   exchange_history_job     the history job: migrations, partitions, upserts (acts as exchange_owner)
--   exchange_history_service history-service: read only (the hot tier and apikeys.api_keys)
--   exchange_edge_api        edge-api: owns the apikeys schema (its API keys, migrated by edge-api itself);
--                            reads alerts.deliveries (an alert's delivery log)
--   exchange_alert_delivery  alert-delivery: owns the alerts schema (fired alerts and deliveries, migrated by
--                            alert-delivery itself)
--   exchange_ws_relay        ws-relay: reads apikeys (API keys and listen keys, for the user data stream)
do $$
declare
  r record;
  t record;
begin
  for r in select * from (values ('exchange_owner', 'nologin'), ('exchange_history_job', 'login'),
                                 ('exchange_history_service', 'login'), ('exchange_edge_api', 'login'),
                                 ('exchange_ws_relay', 'login'), ('exchange_alert_delivery', 'login')) v(name, login) loop
    if not exists (select from pg_roles where rolname = r.name) then
      execute format('create role %I %s', r.name, r.login);
    end if;
  end loop;
  -- Each service's own schema, owned by its role.
  for r in select * from (values ('apikeys', 'exchange_edge_api'), ('alerts', 'exchange_alert_delivery')) v(schema, owner) loop
    if not exists (select from pg_namespace where nspname = r.schema) then
      execute format('create schema %I authorization %I', r.schema, r.owner);
    end if;
    execute format('alter schema %I owner to %I', r.schema, r.owner);
  end loop;
  -- Every table of a schema moves to that schema's owner: apikeys' to edge-api, alerts' to alert-delivery, and in
  -- public those the master user created before the roles existed to exchange_owner (their sequences with them).
  for r in select * from (values ('apikeys', 'exchange_edge_api'), ('alerts', 'exchange_alert_delivery'),
                                 ('public', 'exchange_owner')) v(schema, owner) loop
    for t in select schemaname, tablename from pg_tables where schemaname = r.schema and tableowner <> r.owner loop
      execute format('alter table %I.%I owner to %I', t.schemaname, t.tablename, r.owner);
    end loop;
  end loop;
end
$$;

-- The job creates day partitions and runs migrations as exchange_owner, so every object has one owner
-- whatever the login, and the default privileges below cover it.
grant exchange_owner to exchange_history_job;
alter role exchange_history_job set role = 'exchange_owner';

grant usage, create on schema public to exchange_owner;
grant usage on schema public to exchange_history_service;
grant select on all tables in schema public to exchange_history_service;
alter default privileges for role exchange_owner in schema public
  grant select on tables to exchange_history_service;

grant usage on schema apikeys to exchange_history_service, exchange_ws_relay;
grant select on all tables in schema apikeys to exchange_history_service, exchange_ws_relay;
alter default privileges for role exchange_edge_api in schema apikeys
  grant select on tables to exchange_history_service, exchange_ws_relay;

grant usage on schema alerts to exchange_edge_api;
grant select on all tables in schema alerts to exchange_edge_api;
alter default privileges for role exchange_alert_delivery in schema alerts
  grant select on tables to exchange_edge_api;

-- Nothing else creates objects in public.
revoke create on schema public from public;
