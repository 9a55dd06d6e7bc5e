################################################################################
# Environment
################################################################################

variable "name" {
  description = "Name of the environment's stack and prefix of every resource, e.g. `exchange-prod`. At most 15 characters: it also prefixes the ALB target group names."
  type        = string

  validation {
    condition     = length(var.name) <= 15
    error_message = "Keep name at most 15 characters: <name>-history-service must fit a 32-character target group name."
  }
}

variable "tags" {
  description = "Tags added to every resource of every module, on top of the AWS provider's default_tags."
  type        = map(string)
  default     = {}
}

variable "enable_deletion_protection" {
  description = "Protect the Aurora cluster and the ALB from deletion. Set false only for environments that are torn down routinely (dev)."
  type        = bool
  default     = true
}

variable "force_destroy" {
  description = "Let `terraform destroy` remove buckets, image repositories and the Athena workgroup while they still hold data, images or saved queries (dev only)."
  type        = bool
  default     = false
}

################################################################################
# Network
################################################################################

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC (a /16). Carved into a /19 private, a /24 database and a /24 public subnet per zone."
  type        = string
}

variable "az_count" {
  description = "Number of availability zones to spread the stack over (the first ones of the region that need no opt-in). MSK broker_count must be a multiple of it."
  type        = number
  default     = 3

  validation {
    condition     = var.az_count >= 2
    error_message = "Use at least two availability zones: MSK, Aurora and EKS all require it."
  }
}

variable "single_nat_gateway" {
  description = "Share one NAT gateway across all zones: cheaper, but a zone outage cuts egress for the others. Use false in production."
  type        = bool
  default     = false
}

################################################################################
# Kafka (MSK)
################################################################################

variable "msk_broker_instance_type" {
  description = "MSK broker instance type."
  type        = string
  default     = "kafka.m7g.large"
}

variable "msk_broker_count" {
  description = "Number of MSK brokers, a multiple of az_count; also sizes the per-broker disk alarms."
  type        = number
  default     = 3
}

variable "msk_broker_volume_size" {
  description = "EBS volume per broker in GiB (7 days of retention times the replication factor, divided by the broker count, plus 30% headroom)."
  type        = number
  default     = 500
}

variable "msk_replication_factor" {
  description = "Replication factor of every topic, including the internal offsets and transaction-state topics."
  type        = number
  default     = 3
}

variable "msk_min_insync_replicas" {
  description = "Replicas that must acknowledge an `acks=all` write; msk_replication_factor - 1 tolerates one broker down without blocking writes."
  type        = number
  default     = 2
}

variable "msk_default_partitions" {
  description = "Partition count of topics that do not set their own. It can be raised later but never lowered."
  type        = number
  default     = 12
}

variable "msk_enhanced_monitoring" {
  description = "MSK CloudWatch monitoring level; PER_TOPIC_PER_PARTITION shows per-partition consumer lag while chasing a hot partition (every extra metric is billed)."
  type        = string
  default     = "PER_TOPIC_PER_BROKER"
}

################################################################################
# PostgreSQL (Aurora)
################################################################################

variable "aurora_instance_class" {
  description = "Instance class of every Aurora instance."
  type        = string
  default     = "db.r7g.large"
}

variable "aurora_instance_count" {
  description = "Aurora instances: 1 writer plus readers. Two or more make the cluster Multi-AZ with automatic failover."
  type        = number
  default     = 2
}

variable "aurora_storage_type" {
  description = "`aurora-iopt1` (I/O-Optimized) suits the history sink's steady upserts; `aurora` (Standard) is cheaper for idle clusters."
  type        = string
  default     = "aurora-iopt1"
}

variable "aurora_skip_final_snapshot" {
  description = "Skip the final Aurora snapshot on deletion (dev only)."
  type        = bool
  default     = false
}

################################################################################
# Iceberg (lakehouse)
################################################################################

variable "enable_iceberg_maintenance" {
  description = "Glue-managed compaction and snapshot expiry of the Iceberg tables. They attach to existing tables: set true once the history job has committed for the first time."
  type        = bool
  default     = false
}

################################################################################
# EKS and the Flink jobs
################################################################################

variable "api_allowed_cidrs" {
  description = "CIDRs allowed to reach the public Kubernetes API endpoint (IAM authentication still applies)."
  type        = list(string)
  default     = []
}

variable "admin_role_arns" {
  description = "IAM roles with cluster-admin on EKS (operators, CI)."
  type        = list(string)
  default     = []
}

variable "services_node_group" {
  description = "Size of the node group running the services (labelled `exchange.dev/workload = services`)."
  type = object({
    instance_types = list(string)
    min_size       = number
    max_size       = number
    desired_size   = number
    disk_size      = optional(number, 50)
  })
}

variable "flink_node_group" {
  description = "Size of the node group dedicated to the Flink JobManagers and TaskManagers (labelled and tainted `exchange.dev/workload = flink`)."
  type = object({
    instance_types = list(string)
    min_size       = number
    max_size       = number
    desired_size   = number
    disk_size      = optional(number, 50)
  })
}

variable "image_tag" {
  description = "Release tag of the service and Flink job images (built from the same commit)."
  type        = string
}

variable "flink_jobs" {
  description = "Flink jobs keyed by name, passed to the eks module's flink_jobs (see its README): a new savepoint_redeploy_nonce with initial_savepoint_path redeploys a job from that savepoint; a new restart_nonce restarts it in place."
  type = map(object({
    entry_class              = string
    parallelism              = number
    task_slots               = optional(number, 1)
    jobmanager_replicas      = optional(number, 1)
    jobmanager_cpu           = optional(number, 0.5)
    jobmanager_memory        = optional(string, "2048m")
    taskmanager_cpu          = optional(number, 1)
    taskmanager_memory       = optional(string, "4096m")
    args                     = optional(list(string), [])
    env                      = optional(map(string), {})
    flink_configuration      = optional(map(string), {})
    database_access          = optional(bool, false)
    lakehouse_access         = optional(bool, false)
    state                    = optional(string, "running")
    initial_savepoint_path   = optional(string)
    savepoint_redeploy_nonce = optional(number)
    allow_non_restored_state = optional(bool, false)
    restart_nonce            = optional(number)
  }))
}

################################################################################
# Services
################################################################################

variable "services" {
  description = "The Spring Boot services keyed by name, passed to the services module's services (replicas, resources, access flags). The default is that module's default, sized for production."
  type = map(object({
    min_replicas           = number
    max_replicas           = number
    cpu_request            = optional(string, "500m")
    memory                 = optional(string, "1Gi")
    target_cpu_utilization = optional(number, 60)
    kafka_access           = optional(string, "read") # none, read or read_write
    database_access        = optional(bool, false)
    lakehouse_access       = optional(bool, false)
    api_keys_access        = optional(bool, false)
    webhook_key_access     = optional(bool, false)
    smtp_access            = optional(bool, false)
    image_tag              = optional(string)
    env                    = optional(map(string), {})
  }))
  default = {
    "edge-api" = {
      min_replicas       = 2
      max_replicas       = 6
      kafka_access       = "read_write"
      database_access    = true
      api_keys_access    = true
      webhook_key_access = true
    }
    "ws-relay" = {
      min_replicas    = 2
      max_replicas    = 10
      memory          = "2Gi"
      database_access = true # the user data stream's API keys and listen keys, read only
      api_keys_access = true
    }
    "history-service" = {
      min_replicas     = 2
      max_replicas     = 6
      kafka_access     = "read"
      database_access  = true
      lakehouse_access = true
      api_keys_access  = true
    }
    # Consumer group exchange-alert-delivery on exchange.alerts; writes dead letters only (docs/alerts.md).
    "alert-delivery" = {
      min_replicas       = 2
      max_replicas       = 4
      cpu_request        = "250m"
      kafka_access       = "read_write"
      database_access    = true
      webhook_key_access = true
      smtp_access        = true
    }
  }
}

variable "cognito_domain_prefix" {
  description = "Prefix of the Cognito hosted domain where people sign up and sign in (<prefix>.auth.<region>.amazoncognito.com); unique within the region."
  type        = string
}

variable "cognito_extra_callback_urls" {
  description = "More callback URLs allowed for the web app client (e.g. a developer's Vite server)."
  type        = list(string)
  default     = []
}

################################################################################
# Edge
################################################################################

variable "domain_name" {
  description = "Public host name of the exchange, e.g. `exchange.example.com`."
  type        = string
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate for domain_name, issued in us-east-1."
  type        = string
}

variable "alb_certificate_arn" {
  description = "ACM certificate for domain_name, issued in the stack's region."
  type        = string
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of domain_name; null to manage DNS elsewhere (point it at the cloudfront_domain_name output)."
  type        = string
  default     = null
}

################################################################################
# Observability
################################################################################

variable "consumer_lag_alarms" {
  description = "Consumer groups whose MSK lag on a topic raises a CloudWatch alarm, keyed by a short name: the group.id of each Flink job's Kafka source on its main input."
  type = map(object({
    consumer_group    = string
    topic             = string
    threshold_seconds = optional(number, 60)
  }))
  default = {}
}

variable "alarm_emails" {
  description = "E-mail addresses receiving alarms (each must confirm its subscription)."
  type        = list(string)
  default     = []
}

variable "alerts_webhook_secret_arn" {
  description = "Secrets Manager secret holding {\"webhook-key\": <base64 of 32 random bytes>}, the key alert webhook secrets are derived from: alert-delivery signs with it, edge-api shows each account its secret (docs/alerts.md, \"Webhook\"). Create it outside Terraform (docs/deploy.md) so the key never lands in state."
  type        = string
  default     = null
}

variable "alerts_mail_from" {
  description = "Sender of alert e-mails, an address of domain_name (an SES domain identity with DKIM records in route53_zone_id); null: alerts@<domain_name>."
  type        = string
  default     = null
}

variable "api_keys_secret_arn" {
  description = "Secrets Manager secret holding {\"encryption-key\": <base64 of 32 random bytes>}, the key edge-api and history-service seal and open API key HMAC secrets with (docs/edge-api.md, \"API keys\"). Create it outside Terraform (docs/deploy.md) so the key never lands in state."
  type        = string
  default     = null
}
