# The prod environment: three zones, a NAT gateway per zone, deletion protection, and the composition
# module's production defaults for everything not set here (services' replicas among them).
# The jobs' names and entry classes come from the job catalog flink-jobs publishes (docs/architecture.md).
locals {
  job_catalog = jsondecode(file("${path.module}/../../../flink-jobs/src/main/resources/dev/exchange/jobs/jobs.json")).jobs
}

module "exchange" {
  source = "../../modules/exchange"

  name     = "exchange-prod"
  vpc_cidr = "10.20.0.0/16"
  az_count = 3

  single_nat_gateway         = false
  enable_deletion_protection = true

  msk_broker_instance_type = "kafka.m7g.large"
  msk_broker_count         = 3
  msk_broker_volume_size   = 500
  msk_replication_factor   = 3
  msk_min_insync_replicas  = 2
  msk_default_partitions   = 12

  aurora_instance_class = "db.r7g.large"
  aurora_instance_count = 2
  aurora_storage_type   = "aurora-iopt1"

  services_node_group = { instance_types = ["m7g.large"], min_size = 3, max_size = 9, desired_size = 3 }
  flink_node_group    = { instance_types = ["m7g.xlarge"], min_size = 4, max_size = 8, desired_size = 4, disk_size = 100 }

  # The Flink jobs. To redeploy a job from a savepoint, set initial_savepoint_path and raise
  # savepoint_redeploy_nonce, then apply (docs/deploy.md, "Upgrade a job from a savepoint").
  flink_jobs = {
    # Holds funds and settles per account, in front of matching on the order path (docs/accounts.md).
    accounts = {
      entry_class         = local.job_catalog["accounts"].entryClass
      parallelism         = 2
      jobmanager_replicas = 2
      taskmanager_cpu     = 1
      taskmanager_memory  = "4096m"
      flink_configuration = {
        # Every record leaves at once (AccountsJob.BUFFER_TIMEOUT; the job sets it too).
        "execution.buffer-timeout.interval"     = "0 ms"
        "slotmanager.redundant-taskmanager-num" = "1"
      }
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
    matching = {
      entry_class         = local.job_catalog["matching"].entryClass
      parallelism         = 2
      jobmanager_replicas = 2
      taskmanager_cpu     = 1
      taskmanager_memory  = "4096m"
      flink_configuration = {
        # Latency over batching on the order path; one spare TaskManager makes failover a restart, not a wait for a pod.
        "execution.buffer-timeout.interval"     = "5 ms"
        "slotmanager.redundant-taskmanager-num" = "1"
      }
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
    market-data = {
      entry_class              = local.job_catalog["market-data"].entryClass
      parallelism              = 2
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
    # lakehouse_access: the cold tier's catalog; a partition past the hot retention is dropped only once Iceberg holds its rows.
    history = {
      entry_class              = local.job_catalog["history"].entryClass
      parallelism              = 2
      database_access          = true
      lakehouse_access         = true
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
    # The Iceberg cold tier. Compaction and snapshot expiry run in the job unless Glue's table optimizers do it.
    lakehouse = {
      entry_class              = local.job_catalog["lakehouse"].entryClass
      parallelism              = 2
      lakehouse_access         = true
      args                     = ["--maintenance", tostring(!var.enable_iceberg_maintenance)]
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
    # Price alerts (docs/alerts.md): alert commands, trades and order events -> exchange.alerts.
    alerts = {
      entry_class              = local.job_catalog["alerts"].entryClass
      parallelism              = 2
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
  }

  # group.id of each Flink job's Kafka source on its main input; keep in step with the jobs' configuration.
  consumer_lag_alarms = {
    accounts    = { consumer_group = "exchange-accounts", topic = "exchange.account-commands", threshold_seconds = 10 }
    matching    = { consumer_group = "exchange-matching", topic = "exchange.orders", threshold_seconds = 10 }
    market-data = { consumer_group = "exchange-market-data", topic = "exchange.trades" }
    history     = { consumer_group = "exchange-history", topic = "exchange.order-events", threshold_seconds = 120 }
    lakehouse   = { consumer_group = "exchange-lakehouse", topic = "exchange.order-events", threshold_seconds = 300 }
    alerts      = { consumer_group = "exchange-alerts", topic = "exchange.trades", threshold_seconds = 30 }
  }

  # Deployment inputs (prod.tfvars).
  image_tag                  = var.image_tag
  domain_name                = var.domain_name
  cloudfront_certificate_arn = var.cloudfront_certificate_arn
  alb_certificate_arn        = var.alb_certificate_arn
  route53_zone_id            = var.route53_zone_id
  api_keys_secret_arn        = var.api_keys_secret_arn
  alerts_webhook_secret_arn  = var.alerts_webhook_secret_arn
  cognito_domain_prefix      = var.cognito_domain_prefix
  api_allowed_cidrs          = var.api_allowed_cidrs
  admin_role_arns            = var.admin_role_arns
  alarm_emails               = var.alarm_emails
  enable_iceberg_maintenance = var.enable_iceberg_maintenance
}
