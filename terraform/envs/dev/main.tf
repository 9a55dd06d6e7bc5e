# The dev environment: two zones, small instances, one NAT gateway, and nothing protected from teardown.
# The jobs' names and entry classes come from the job catalog flink-jobs publishes (docs/architecture.md).
locals {
  job_catalog = jsondecode(file("${path.module}/../../../flink-jobs/src/main/resources/dev/exchange/jobs/jobs.json")).jobs
}

module "exchange" {
  source = "../../modules/exchange"

  name     = "exchange-dev"
  vpc_cidr = "10.10.0.0/16"
  az_count = 2

  single_nat_gateway         = true
  enable_deletion_protection = false
  aurora_skip_final_snapshot = true
  force_destroy              = true

  # Two small brokers, one per zone: replication 2 with min.insync.replicas 1 is the most two brokers allow.
  msk_broker_instance_type = "kafka.t3.small"
  msk_broker_count         = 2
  msk_broker_volume_size   = 100
  msk_replication_factor   = 2
  msk_min_insync_replicas  = 1
  msk_default_partitions   = 4
  msk_enhanced_monitoring  = "DEFAULT"

  aurora_instance_class = "db.t4g.medium"
  aurora_instance_count = 1
  aurora_storage_type   = "aurora"

  services_node_group = { instance_types = ["t4g.large"], min_size = 2, max_size = 4, desired_size = 2 }
  flink_node_group    = { instance_types = ["m7g.large"], min_size = 2, max_size = 3, desired_size = 2, disk_size = 50 }

  # Small jobs on a small cluster. To redeploy a job from a savepoint, set initial_savepoint_path and raise
  # savepoint_redeploy_nonce, then apply (docs/deploy.md, "Upgrade a job from a savepoint").
  flink_jobs = {
    accounts = {
      entry_class              = local.job_catalog["accounts"].entryClass
      parallelism              = 2
      jobmanager_cpu           = 0.25
      jobmanager_memory        = "1536m"
      taskmanager_cpu          = 0.5
      taskmanager_memory       = "2048m"
      flink_configuration      = { "execution.buffer-timeout.interval" = "0 ms" }
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
    matching = {
      entry_class              = local.job_catalog["matching"].entryClass
      parallelism              = 2
      jobmanager_cpu           = 0.25
      jobmanager_memory        = "1536m"
      taskmanager_cpu          = 0.5
      taskmanager_memory       = "2048m"
      flink_configuration      = { "execution.buffer-timeout.interval" = "5 ms" }
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
    market-data = {
      entry_class              = local.job_catalog["market-data"].entryClass
      parallelism              = 1
      jobmanager_cpu           = 0.25
      jobmanager_memory        = "1536m"
      taskmanager_cpu          = 0.5
      taskmanager_memory       = "2048m"
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
    # lakehouse_access: the cold tier's catalog; a partition past the hot retention is dropped only once Iceberg holds its rows.
    history = {
      entry_class              = local.job_catalog["history"].entryClass
      parallelism              = 1
      database_access          = true
      lakehouse_access         = true
      jobmanager_cpu           = 0.25
      jobmanager_memory        = "1536m"
      taskmanager_cpu          = 0.5
      taskmanager_memory       = "2048m"
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
    # The Iceberg cold tier. Compaction and snapshot expiry run in the job unless Glue's table optimizers do it.
    lakehouse = {
      entry_class              = local.job_catalog["lakehouse"].entryClass
      parallelism              = 1
      lakehouse_access         = true
      args                     = ["--maintenance", tostring(!var.enable_iceberg_maintenance)]
      jobmanager_cpu           = 0.25
      jobmanager_memory        = "1536m"
      taskmanager_cpu          = 0.5
      taskmanager_memory       = "2048m"
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
    # Price alerts (docs/alerts.md): alert commands, trades and order events -> exchange.alerts.
    alerts = {
      entry_class              = local.job_catalog["alerts"].entryClass
      parallelism              = 1
      jobmanager_cpu           = 0.25
      jobmanager_memory        = "1536m"
      taskmanager_cpu          = 0.5
      taskmanager_memory       = "2048m"
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
  }

  services = {
    "edge-api"        = { min_replicas = 1, max_replicas = 2, kafka_access = "read_write", database_access = true, api_keys_access = true, webhook_key_access = true }
    "ws-relay"        = { min_replicas = 1, max_replicas = 2, database_access = true, api_keys_access = true }
    "history-service" = { min_replicas = 1, max_replicas = 2, database_access = true, lakehouse_access = true, api_keys_access = true }
    "alert-delivery"  = { min_replicas = 1, max_replicas = 1, cpu_request = "250m", kafka_access = "read_write", database_access = true, webhook_key_access = true, smtp_access = true }
  }

  # group.id of each Flink job's Kafka source on its main input; keep in step with the jobs' configuration.
  consumer_lag_alarms = {
    accounts = { consumer_group = "exchange-accounts", topic = "exchange.account-commands", threshold_seconds = 30 }
    matching = { consumer_group = "exchange-matching", topic = "exchange.orders", threshold_seconds = 30 }
  }

  # Deployment inputs (dev.tfvars).
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
