variable "name" {
  description = "Identifier of the Aurora cluster and prefix of its companion resources."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC the cluster runs in."
  type        = string
}

variable "subnet_ids" {
  description = "Isolated subnets for the DB subnet group, one per availability zone."
  type        = list(string)
}

variable "availability_zones" {
  description = "Zones to place the instances in, round-robin: with two or more instances the writer and its failover reader sit in different zones."
  type        = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups whose members may connect on the PostgreSQL port, keyed by a static name such as `eks_nodes`."
  type        = map(string)
  default     = {}
}

variable "engine_version" {
  description = "Aurora PostgreSQL engine version."
  type        = string
  default     = "17.4"
}

variable "parameter_group_family" {
  description = "Cluster parameter group family matching engine_version."
  type        = string
  default     = "aurora-postgresql17"
}

variable "instance_class" {
  description = "Instance class of every instance in the cluster."
  type        = string
  default     = "db.r7g.large"
}

variable "instance_count" {
  description = "Number of instances: 1 writer plus readers. Two or more make the cluster Multi-AZ with automatic failover."
  type        = number
  default     = 2
}

variable "storage_type" {
  description = "`aurora-iopt1` (I/O-Optimized: no per-I/O charge) suits the history sink's steady upserts; `aurora` (Standard) is cheaper for idle clusters."
  type        = string
  default     = "aurora-iopt1"
}

variable "database_name" {
  description = "Name of the database created with the cluster."
  type        = string
  default     = "exchange"
}

variable "master_username" {
  description = "Master user name. Its password is generated and kept in Secrets Manager by RDS, never in Terraform state."
  type        = string
  default     = "exchange_admin"
}

variable "master_password_rotation_days" {
  description = "Days between automatic rotations of the RDS-managed master secret; null leaves the RDS default (7 days). Rotation needs a pod restart; see docs/deploy.md."
  type        = number
  default     = 90
}

variable "backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery window); 35 is Aurora's maximum."
  type        = number
  default     = 35
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster; turn off explicitly before a deliberate teardown."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Skip the final snapshot on deletion (dev only)."
  type        = bool
  default     = false
}

variable "database_roles" {
  description = "Login roles of sql/roles.sql, one per process; each gets a Secrets Manager secret ({username, password}) and a policy to read it."
  type        = list(string)
  default     = ["exchange_history_job", "exchange_history_service", "exchange_edge_api", "exchange_ws_relay", "exchange_alert_delivery"]
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
