variable "name" {
  description = "Name of the MSK cluster and prefix of its companion resources."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC the brokers run in."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets for the brokers, one per availability zone; the broker count must be a multiple of their number."
  type        = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups whose members may connect to the brokers (IAM over TLS, port 9098), keyed by a static name such as `eks_nodes`."
  type        = map(string)
  default     = {}
}

variable "kafka_version" {
  description = "Kafka version of the cluster. 3.9.x (KRaft) keeps transaction protocol v1, which the Flink Kafka connector 5.0 recovers from cleanly; see README."
  type        = string
  default     = "3.9.x"
}

variable "broker_instance_type" {
  description = "MSK broker instance type."
  type        = string
  default     = "kafka.m7g.large"
}

variable "broker_count" {
  description = "Number of brokers; a multiple of the number of subnets so every zone holds the same number."
  type        = number
  default     = 3

  validation {
    condition     = var.broker_count >= 2
    error_message = "At least two brokers are needed for any replication."
  }
}

variable "broker_volume_size" {
  description = "EBS volume per broker in GiB. Size for 7 days of retention times the replication factor, divided by the broker count, plus 30% headroom."
  type        = number
  default     = 500
}

variable "replication_factor" {
  description = "Replication factor of every topic, including the internal offsets and transaction-state topics."
  type        = number
  default     = 3
}

variable "min_insync_replicas" {
  description = "Replicas that must acknowledge an `acks=all` write (producers use it everywhere). replication_factor - 1 tolerates one broker down without blocking writes."
  type        = number
  default     = 2

  validation {
    condition     = var.min_insync_replicas >= 1
    error_message = "min_insync_replicas must be at least 1."
  }
}

variable "retention_hours" {
  description = "Retention of the event topics in hours (the product requirement is 7 days)."
  type        = number
  default     = 168
}

variable "transaction_max_timeout_ms" {
  description = "Largest transaction timeout a producer may ask for. The Flink jobs use transaction.timeout.ms = 3600000 (KafkaOut.TRANSACTION_TIMEOUT_MS) and refuse to start below it."
  type        = number
  default     = 7200000

  validation {
    condition     = var.transaction_max_timeout_ms > 3600000
    error_message = "Must exceed the jobs' transaction.timeout.ms of 3600000, or the jobs refuse to start."
  }
}

variable "default_partitions" {
  description = "Partition count for topics that do not set their own. Symbols are keys, so this caps how many consumers share a topic; it can be raised later but never lowered."
  type        = number
  default     = 12
}

variable "create_topics" {
  description = "Create the topics through the MSK topic API (no network path from Terraform to the brokers needed)."
  type        = bool
  default     = true
}

variable "topics" {
  description = "Topics to create, keyed by name. `compacted` topics keep the latest record per key forever; the others expire after `retention_hours` unless `retention_hours` is set on the topic."
  type = map(object({
    partitions      = optional(number)
    compacted       = optional(bool, false)
    retention_hours = optional(number)
    configs         = optional(map(string), {})
  }))
  default = {
    "exchange.account-commands"   = {}
    "exchange.balances"           = {}
    "exchange.command-rejections" = {}
    "exchange.alert-commands"     = { compacted = true }
    "exchange.alerts"             = {}
    "exchange.assets"             = { compacted = true }
    "exchange.orders"             = {}
    "exchange.trades"             = {}
    "exchange.order-events"       = {}
    "exchange.book"               = {}
    "exchange.book-snapshots"     = { compacted = true }
    "exchange.instruments"        = { compacted = true }
    "exchange.candles"            = {}
    "exchange.tickers"            = {}
    "exchange.dlq"                = {}
  }
}

variable "enhanced_monitoring" {
  description = "MSK CloudWatch monitoring level. Raise to PER_TOPIC_PER_PARTITION while chasing a hot partition (per-partition consumer lag); every extra metric is billed."
  type        = string
  default     = "PER_TOPIC_PER_BROKER"
}

variable "encryption_at_rest_kms_key_arn" {
  description = "KMS key for data at rest; null uses the AWS-managed MSK key."
  type        = string
  default     = null
}

variable "log_retention_days" {
  description = "Retention of the broker logs in CloudWatch Logs."
  type        = number
  default     = 14
}

variable "producers" {
  description = "Producer policies scoped per principal (key: the principal, e.g. a service): the topics it may write (names or name patterns with *) and the transactional ids it may use (patterns; empty for none). Each becomes an IAM policy in producer_policy_arns, in place of the write policy that allows every topic."
  type = map(object({
    topics            = list(string)
    transactional_ids = optional(list(string), [])
  }))
  default = {}
}

variable "consumers" {
  description = "Consumer policies scoped per principal (key: the principal, e.g. a Flink job): the topics it may read and the consumer groups it may use (names or patterns with *). Each becomes an IAM policy in consumer_policy_arns, in place of the read policy that allows every topic and group."
  type = map(object({
    topics = list(string)
    groups = list(string)
  }))
  default = {}
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
