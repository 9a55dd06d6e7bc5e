locals {
  azs = slice(data.aws_availability_zones.available.names, 0, var.az_count)

  # What each Flink job reads and writes in Kafka (topic names: Topics in exchange-model; each job's graph in
  # flink-jobs). Its consumer groups and transactional ids are exchange-<job>*; the accounts job writes at
  # least once, without transactions.
  flink_job_kafka = {
    accounts = {
      reads         = ["exchange.account-commands"]
      writes        = ["exchange.orders", "exchange.balances", "exchange.dlq"]
      transactional = false
    }
    matching = {
      reads = ["exchange.orders"]
      writes = [
        "exchange.trades", "exchange.order-events", "exchange.book", "exchange.book-snapshots",
        "exchange.instruments", "exchange.command-rejections", "exchange.account-commands", "exchange.dlq",
      ]
      transactional = true
    }
    market-data = {
      reads         = ["exchange.trades"]
      writes        = ["exchange.candles", "exchange.tickers", "exchange.dlq"]
      transactional = true
    }
    history = {
      reads         = ["exchange.trades", "exchange.candles", "exchange.order-events", "exchange.balances"]
      writes        = ["exchange.dlq"]
      transactional = true
    }
    lakehouse = {
      reads         = ["exchange.trades", "exchange.candles", "exchange.order-events", "exchange.balances"]
      writes        = ["exchange.dlq"]
      transactional = true
    }
    alerts = {
      reads         = ["exchange.alert-commands", "exchange.trades", "exchange.order-events"]
      writes        = ["exchange.alerts", "exchange.dlq"]
      transactional = true
    }
  }

  # Dedicated node groups: the services' node_selector and the Flink pods' node selector and tolerations
  # (defaults of the services and eks modules) match these labels and this taint.
  workload_label = "exchange.dev/workload"

  node_groups = {
    services = merge(var.services_node_group, {
      labels = { (local.workload_label) = "services" }
    })
    flink = merge(var.flink_node_group, {
      labels = { (local.workload_label) = "flink" }
      taints = [{ key = local.workload_label, value = "flink", effect = "NO_SCHEDULE" }]
    })
  }
}

data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

################################################################################
# Network
################################################################################

module "network" {
  source = "../network"

  name             = var.name
  cidr             = var.vpc_cidr
  azs              = local.azs
  private_subnets  = [for index, _ in local.azs : cidrsubnet(var.vpc_cidr, 3, index)]
  database_subnets = [for index, _ in local.azs : cidrsubnet(var.vpc_cidr, 8, 96 + index)]
  public_subnets   = [for index, _ in local.azs : cidrsubnet(var.vpc_cidr, 8, 128 + index)]

  single_nat_gateway = var.single_nat_gateway

  tags = var.tags
}

################################################################################
# Data: Kafka, PostgreSQL, Iceberg
################################################################################

module "msk" {
  source = "../msk"

  name                       = var.name
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.database_subnet_ids
  allowed_security_group_ids = { eks = module.eks.cluster_security_group_id }

  broker_instance_type = var.msk_broker_instance_type
  broker_count         = var.msk_broker_count
  broker_volume_size   = var.msk_broker_volume_size
  replication_factor   = var.msk_replication_factor
  min_insync_replicas  = var.msk_min_insync_replicas
  default_partitions   = var.msk_default_partitions
  enhanced_monitoring  = var.msk_enhanced_monitoring

  # Topic names: Topics in exchange-model.
  producers = merge(
    {
      "edge-api" = { topics = ["exchange.orders", "exchange.account-commands", "exchange.assets", "exchange.alert-commands"] }
      # Dead letters of failed deliveries only (docs/alerts.md).
      "alert-delivery" = { topics = ["exchange.dlq"] }
    },
    {
      for job, kafka in local.flink_job_kafka : "flink-${job}" => {
        topics            = kafka.writes
        transactional_ids = kafka.transactional ? ["exchange-${job}*"] : []
      }
    },
  )
  consumers = {
    for job, kafka in local.flink_job_kafka : "flink-${job}" => { topics = kafka.reads, groups = ["exchange-${job}*"] }
  }

  tags = var.tags
}

module "aurora" {
  source = "../aurora"

  name                       = var.name
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.database_subnet_ids
  availability_zones         = local.azs
  allowed_security_group_ids = { eks = module.eks.cluster_security_group_id }

  instance_class      = var.aurora_instance_class
  instance_count      = var.aurora_instance_count
  storage_type        = var.aurora_storage_type
  deletion_protection = var.enable_deletion_protection
  skip_final_snapshot = var.aurora_skip_final_snapshot

  tags = var.tags
}

module "lakehouse" {
  source = "../lakehouse"

  name                    = var.name
  force_destroy           = var.force_destroy
  enable_table_optimizers = var.enable_iceberg_maintenance

  tags = var.tags
}

################################################################################
# Compute: EKS, the Flink jobs, the services
################################################################################

module "eks" {
  source = "../eks"

  name                         = var.name
  vpc_id                       = module.network.vpc_id
  subnet_ids                   = module.network.private_subnet_ids
  endpoint_public_access_cidrs = var.api_allowed_cidrs
  admin_role_arns              = var.admin_role_arns

  node_groups = local.node_groups

  load_balancer_target_group_prefix = "${var.name}-"
  force_destroy                     = var.force_destroy

  flink_image_tag         = var.image_tag
  flink_jobs              = var.flink_jobs
  kafka_bootstrap_servers = module.msk.bootstrap_brokers_sasl_iam
  iceberg_warehouse       = module.lakehouse.warehouse_path
  jdbc_url                = module.aurora.jdbc_url
  # The history job's own role (sql/roles.sql in the aurora module), not the master user.
  database_secret_arn = module.aurora.role_secret_arns["exchange_history_job"]
  # Each job's role: its own topics, transactional ids and groups; the Iceberg tables for the lakehouse job
  # (write) and the history job (read, its cold-tier check); the database secret for the history job.
  flink_job_policy_arns = {
    for job in keys(var.flink_jobs) : job => merge(
      contains(keys(local.flink_job_kafka), job) ? {
        msk_read  = module.msk.consumer_policy_arns["flink-${job}"]
        msk_write = module.msk.producer_policy_arns["flink-${job}"]
      } : {},
      job == "lakehouse" ? { lakehouse_write = module.lakehouse.write_policy_arn } : {},
      job == "history" ? {
        lakehouse_read  = module.lakehouse.read_policy_arn
        database_secret = module.aurora.role_secret_read_policy_arns["exchange_history_job"]
      } : {},
    )
  }

  tags = var.tags
}

module "cognito" {
  source = "../cognito"

  name                = var.name
  domain_prefix       = var.cognito_domain_prefix
  app_url             = "https://${var.domain_name}"
  extra_callback_urls = var.cognito_extra_callback_urls

  tags = var.tags
}

module "services" {
  source = "../services"

  name              = var.name
  image_tag         = var.image_tag
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer
  controllers       = module.eks.controllers
  target_group_arns = module.edge.target_group_arns
  # The services trust the Cognito pool's access tokens: they carry the app client in client_id (no aud)
  # and the roles as the pool's groups (docs/identity.md).
  jwt_issuer         = module.cognito.issuer
  jwt_jwk_set_uri    = module.cognito.jwk_set_uri
  jwt_audience       = module.cognito.web_client_id
  jwt_audience_claim = "client_id"
  jwt_roles_claim    = "cognito:groups"
  force_destroy      = var.force_destroy

  services = var.services

  kafka_bootstrap_servers         = module.msk.bootstrap_brokers_sasl_iam
  msk_read_policy_arn             = module.msk.read_policy_arn
  msk_write_policy_arn            = module.msk.write_policy_arn
  jdbc_url                        = module.aurora.jdbc_url
  database_secret_arn             = module.aurora.master_user_secret_arn
  database_secret_read_policy_arn = module.aurora.secret_read_policy_arn
  # Each service logs in as its own role of sql/roles.sql, never as the master user above.
  database_role_secret_arns = {
    "edge-api"        = module.aurora.role_secret_arns["exchange_edge_api"]
    "history-service" = module.aurora.role_secret_arns["exchange_history_service"]
    "ws-relay"        = module.aurora.role_secret_arns["exchange_ws_relay"]
    "alert-delivery"  = module.aurora.role_secret_arns["exchange_alert_delivery"]
  }
  database_role_secret_read_policy_arns = {
    "edge-api"        = module.aurora.role_secret_read_policy_arns["exchange_edge_api"]
    "history-service" = module.aurora.role_secret_read_policy_arns["exchange_history_service"]
    "ws-relay"        = module.aurora.role_secret_read_policy_arns["exchange_ws_relay"]
    "alert-delivery"  = module.aurora.role_secret_read_policy_arns["exchange_alert_delivery"]
  }
  # edge-api writes its commands only: no trades, order events or transactional ids (msk module, producers).
  msk_producer_policy_arns = {
    "edge-api"       = module.msk.producer_policy_arns["edge-api"]
    "alert-delivery" = module.msk.producer_policy_arns["alert-delivery"]
  }
  api_keys_secret_arn       = var.api_keys_secret_arn
  alerts_webhook_secret_arn = var.alerts_webhook_secret_arn
  # Alert e-mails through SES from the exchange's own domain (services module, mail.tf).
  mail = {
    domain          = var.domain_name
    route53_zone_id = var.route53_zone_id
    from            = coalesce(var.alerts_mail_from, "alerts@${var.domain_name}")
  }
  iceberg_warehouse         = module.lakehouse.warehouse_path
  lakehouse_read_policy_arn = module.lakehouse.read_policy_arn

  tags = var.tags
}

################################################################################
# Edge: CloudFront, WAF, internal ALB
################################################################################

module "edge" {
  source = "../edge"

  name                       = var.name
  vpc_id                     = module.network.vpc_id
  vpc_cidr_block             = module.network.vpc_cidr_block
  private_subnet_ids         = module.network.private_subnet_ids
  target_security_group_id   = module.eks.cluster_security_group_id
  domain_name                = var.domain_name
  cloudfront_certificate_arn = var.cloudfront_certificate_arn
  alb_certificate_arn        = var.alb_certificate_arn
  route53_zone_id            = var.route53_zone_id

  enable_deletion_protection = var.enable_deletion_protection
  force_destroy              = var.force_destroy

  tags = var.tags
}

################################################################################
# Observability
################################################################################

module "observability" {
  source = "../observability"

  name                       = var.name
  cluster_name               = module.eks.cluster_name
  cluster_arn                = module.eks.cluster_arn
  oidc_provider_arn          = module.eks.oidc_provider_arn
  oidc_issuer                = module.eks.oidc_issuer
  scraper_subnet_ids         = module.network.private_subnet_ids
  scraper_security_group_ids = [module.eks.cluster_security_group_id]
  msk_cluster_name           = module.msk.cluster_name
  msk_broker_count           = var.msk_broker_count
  consumer_lag_alarms        = var.consumer_lag_alarms
  alarm_emails               = var.alarm_emails

  tags = var.tags
}
