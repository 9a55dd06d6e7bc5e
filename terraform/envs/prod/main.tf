locals {
  name = "exchange-prod"
  cidr = "10.20.0.0/16"
  azs  = slice(data.aws_availability_zones.available.names, 0, 3)

  tags = {
    Project     = "exchange"
    Environment = "prod"
    ManagedBy   = "terraform"
  }

  # The Flink jobs. To redeploy a job from a savepoint, set initial_savepoint_path and raise
  # savepoint_redeploy_nonce, then apply (docs/deploy.md, "Upgrade a job from a savepoint").
  flink_jobs = {
    matching = {
      entry_class         = "dev.exchange.jobs.matching.MatchingJob"
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
      entry_class              = "dev.exchange.jobs.marketdata.MarketDataJob"
      parallelism              = 2
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
    history = {
      entry_class              = "dev.exchange.jobs.history.HistoryJob"
      parallelism              = 2
      database_access          = true
      initial_savepoint_path   = null
      savepoint_redeploy_nonce = null
    }
  }

  # group.id of each Flink job's Kafka source on its main input; keep in step with the jobs' configuration.
  consumer_lag_alarms = {
    matching    = { consumer_group = "exchange-matching", topic = "exchange.orders", threshold_seconds = 10 }
    market-data = { consumer_group = "exchange-market-data", topic = "exchange.trades" }
    history     = { consumer_group = "exchange-history", topic = "exchange.order-events", threshold_seconds = 120 }
  }
}

data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

module "network" {
  source = "../../modules/network"

  name             = local.name
  cidr             = local.cidr
  azs              = local.azs
  private_subnets  = [for index, _ in local.azs : cidrsubnet(local.cidr, 3, index)]
  database_subnets = [for index, _ in local.azs : cidrsubnet(local.cidr, 8, 96 + index)]
  public_subnets   = [for index, _ in local.azs : cidrsubnet(local.cidr, 8, 128 + index)]

  single_nat_gateway = false
}

module "msk" {
  source = "../../modules/msk"

  name                       = local.name
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.database_subnet_ids
  allowed_security_group_ids = { eks = module.eks.cluster_security_group_id }

  broker_instance_type = "kafka.m7g.large"
  broker_count         = 3
  broker_volume_size   = 500
  replication_factor   = 3
  min_insync_replicas  = 2
  default_partitions   = 12
}

module "aurora" {
  source = "../../modules/aurora"

  name                       = local.name
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.database_subnet_ids
  availability_zones         = local.azs
  allowed_security_group_ids = { eks = module.eks.cluster_security_group_id }

  instance_class      = "db.r7g.large"
  instance_count      = 2
  storage_type        = "aurora-iopt1"
  deletion_protection = true
}

module "lakehouse" {
  source = "../../modules/lakehouse"

  name                    = local.name
  enable_table_optimizers = var.enable_iceberg_maintenance
}

module "eks" {
  source = "../../modules/eks"

  name                         = local.name
  vpc_id                       = module.network.vpc_id
  subnet_ids                   = module.network.private_subnet_ids
  endpoint_public_access_cidrs = var.api_allowed_cidrs
  admin_role_arns              = var.admin_role_arns

  node_groups = {
    services = {
      instance_types = ["m7g.large"]
      min_size       = 3
      max_size       = 9
      desired_size   = 3
      labels         = { "exchange.dev/workload" = "services" }
    }
    flink = {
      instance_types = ["m7g.xlarge"]
      min_size       = 4
      max_size       = 8
      desired_size   = 4
      disk_size      = 100
      labels         = { "exchange.dev/workload" = "flink" }
      taints         = [{ key = "exchange.dev/workload", value = "flink", effect = "NO_SCHEDULE" }]
    }
  }

  load_balancer_target_group_prefix = "${local.name}-"

  flink_image_tag         = var.image_tag
  flink_jobs              = local.flink_jobs
  kafka_bootstrap_servers = module.msk.bootstrap_brokers_sasl_iam
  iceberg_warehouse       = module.lakehouse.warehouse_path
  glue_database           = module.lakehouse.glue_database_name
  jdbc_url                = module.aurora.jdbc_url
  database_secret_arn     = module.aurora.master_user_secret_arn
  flink_policy_arns = {
    msk_read        = module.msk.read_policy_arn
    msk_write       = module.msk.write_policy_arn
    lakehouse_write = module.lakehouse.write_policy_arn
    database_secret = module.aurora.secret_read_policy_arn
  }
}

module "edge" {
  source = "../../modules/edge"

  name                       = local.name
  vpc_id                     = module.network.vpc_id
  vpc_cidr_block             = module.network.vpc_cidr_block
  private_subnet_ids         = module.network.private_subnet_ids
  target_security_group_id   = module.eks.cluster_security_group_id
  domain_name                = var.domain_name
  cloudfront_certificate_arn = var.cloudfront_certificate_arn
  alb_certificate_arn        = var.alb_certificate_arn
  route53_zone_id            = var.route53_zone_id
}

module "services" {
  source = "../../modules/services"

  name              = local.name
  image_tag         = var.image_tag
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer
  controllers       = module.eks.controllers
  target_group_arns = module.edge.target_group_arns
  jwt_issuer        = var.jwt_issuer
  jwt_jwk_set_uri   = var.jwt_jwk_set_uri

  kafka_bootstrap_servers         = module.msk.bootstrap_brokers_sasl_iam
  msk_read_policy_arn             = module.msk.read_policy_arn
  msk_write_policy_arn            = module.msk.write_policy_arn
  jdbc_url                        = module.aurora.jdbc_url
  database_secret_arn             = module.aurora.master_user_secret_arn
  database_secret_read_policy_arn = module.aurora.secret_read_policy_arn
  iceberg_warehouse               = module.lakehouse.warehouse_path
  glue_database                   = module.lakehouse.glue_database_name
  lakehouse_read_policy_arn       = module.lakehouse.read_policy_arn
}

module "observability" {
  source = "../../modules/observability"

  name                       = local.name
  cluster_name               = module.eks.cluster_name
  cluster_arn                = module.eks.cluster_arn
  scraper_subnet_ids         = module.network.private_subnet_ids
  scraper_security_group_ids = [module.eks.cluster_security_group_id]
  msk_cluster_name           = module.msk.cluster_name
  msk_broker_count           = 3
  consumer_lag_alarms        = local.consumer_lag_alarms
  alarm_emails               = var.alarm_emails
}
