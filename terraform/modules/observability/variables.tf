variable "name" {
  description = "Name prefix for every resource, e.g. `exchange-prod`."
  type        = string
}

variable "cluster_name" {
  description = "Name of the EKS cluster, added to every scraped series as the `cluster` label."
  type        = string
}

variable "cluster_arn" {
  description = "ARN of the EKS cluster to scrape."
  type        = string
}

variable "scraper_subnet_ids" {
  description = "Subnets the managed scraper's interfaces are placed in (the cluster's private subnets)."
  type        = list(string)
}

variable "scraper_security_group_ids" {
  description = "Security groups of the scraper's interfaces; the cluster security group lets them reach every pod."
  type        = list(string)
}

variable "enable_managed_scraper" {
  description = "Run the AWS-managed Prometheus collector against the cluster. Set false to run your own Prometheus with the `scrape_configuration` output."
  type        = bool
  default     = true
}

variable "scrape_interval" {
  description = "Scrape interval (the managed collector's minimum is 30s)."
  type        = string
  default     = "30s"
}

variable "msk_cluster_name" {
  description = "Name of the MSK cluster (the `Cluster Name` dimension of its metrics)."
  type        = string
}

variable "msk_broker_count" {
  description = "Number of brokers, for the per-broker disk alarms."
  type        = number
}

variable "msk_disk_used_percent_threshold" {
  description = "Broker data disk usage (percent) that raises an alarm. Retention is time-based, so a full disk means traffic outgrew the volume."
  type        = number
  default     = 75
}

variable "consumer_lag_alarms" {
  description = "Consumer groups whose lag on a topic raises an alarm, keyed by a short name. The group must commit offsets (Flink sources commit on checkpoints)."
  type = map(object({
    consumer_group    = string
    topic             = string
    threshold_seconds = optional(number, 60)
  }))
  default = {}
}

variable "iceberg_commit_max_age_seconds" {
  description = "Age of the last successful Iceberg commit of a table beyond which an alert fires. Commits happen on checkpoints, so anything far above the checkpoint interval means the cold tier is falling behind."
  type        = number
  default     = 900
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic (each must confirm the subscription)."
  type        = list(string)
  default     = []
}

variable "oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider (eks module output), trusted by the log shipper's role."
  type        = string
}

variable "oidc_issuer" {
  description = "The cluster's OIDC issuer without scheme (eks module output), for the log shipper's trust conditions."
  type        = string
}

variable "enable_grafana" {
  description = "Create an Amazon Managed Grafana workspace that reads the Prometheus workspace (dashboards/ are imported into it, docs/observability.md)."
  type        = bool
  default     = true
}

variable "enable_container_logs" {
  description = "Ship every container's logs to CloudWatch Logs with the amazon-cloudwatch-observability add-on (Fluent Bit)."
  type        = bool
  default     = true
}

variable "container_log_retention_days" {
  description = "Days CloudWatch keeps the containers' logs."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
