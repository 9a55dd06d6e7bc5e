-- The login roles' passwords, from their Secrets Manager secrets (docs/deploy.md, "Database roles"):
--   psql "$MASTER_URL" -v history_job=... -v history_service=... -v edge_api=... -v ws_relay=... -v alert_delivery=... -f role-passwords.sql
\set ON_ERROR_STOP on
alter role exchange_history_job password :'history_job';
alter role exchange_history_service password :'history_service';
alter role exchange_edge_api password :'edge_api';
alter role exchange_ws_relay password :'ws_relay';
alter role exchange_alert_delivery password :'alert_delivery';
