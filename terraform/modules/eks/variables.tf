################################################################################
# Cluster
################################################################################

variable "name" {
  description = "Name of the EKS cluster and prefix of its companion resources."
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane and the node groups."
  type        = string
  default     = "1.35"
}

variable "vpc_id" {
  description = "ID of the VPC the cluster runs in."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets for the control plane interfaces, the nodes and the pods (one per availability zone)."
  type        = list(string)
}

variable "endpoint_public_access" {
  description = "Expose the Kubernetes API endpoint publicly (still IAM-authenticated). With false, Terraform and kubectl must run from inside the VPC."
  type        = bool
  default     = true
}

variable "endpoint_public_access_cidrs" {
  description = "CIDRs allowed to reach the public API endpoint, e.g. the office and the CI runners."
  type        = list(string)
  default     = []
}

variable "admin_role_arns" {
  description = "IAM roles granted cluster-admin through EKS access entries (operators, CI). The identity running Terraform is granted admin at creation."
  type        = list(string)
  default     = []
}

variable "enabled_log_types" {
  description = "Control plane log types sent to CloudWatch Logs."
  type        = list(string)
  default     = ["api", "audit", "authenticator"]
}

variable "log_retention_days" {
  description = "Retention of the control plane logs."
  type        = number
  default     = 30
}

variable "node_groups" {
  description = "Managed node groups keyed by name. Label and taint a group to dedicate it, as the Flink group is (see flink_node_selector and flink_tolerations)."
  type = map(object({
    instance_types = list(string)
    ami_type       = optional(string, "AL2023_ARM_64_STANDARD")
    capacity_type  = optional(string, "ON_DEMAND")
    min_size       = number
    max_size       = number
    desired_size   = number
    disk_size      = optional(number, 50)
    labels         = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = string
      effect = string # NO_SCHEDULE, NO_EXECUTE or PREFER_NO_SCHEDULE
    })), [])
  }))
}

variable "addon_versions" {
  description = "Pinned versions of EKS add-ons (vpc-cni, kube-proxy, coredns, metrics-server, cert-manager); unlisted add-ons get the latest version for the cluster's Kubernetes version."
  type        = map(string)
  default     = {}
}

################################################################################
# Platform controllers
################################################################################

variable "enable_load_balancer_controller" {
  description = "Install the AWS Load Balancer Controller, which registers the service pods in the ALB target groups (TargetGroupBinding)."
  type        = bool
  default     = true
}

variable "load_balancer_controller_chart_version" {
  description = "Version of the aws-load-balancer-controller Helm chart."
  type        = string
  default     = "3.4.0"
}

variable "load_balancer_target_group_prefix" {
  description = "Name prefix of the ALB target groups the controller may register pods in; its IAM policy is scoped to it."
  type        = string
}

variable "enable_external_secrets" {
  description = "Install the External Secrets Operator, which copies Secrets Manager secrets (the database credentials) into Kubernetes secrets."
  type        = bool
  default     = true
}

variable "external_secrets_chart_version" {
  description = "Version of the external-secrets Helm chart (must serve the external-secrets.io/v1 API)."
  type        = string
  default     = "0.19.2"
}

variable "enable_cluster_autoscaler" {
  description = "Install the Cluster Autoscaler so node groups grow when the HPAs or new Flink TaskManagers need room."
  type        = bool
  default     = true
}

variable "cluster_autoscaler_chart_version" {
  description = "Version of the cluster-autoscaler Helm chart; its app version should match kubernetes_version."
  type        = string
  default     = "9.54.0"
}

################################################################################
# Flink
################################################################################

variable "enable_flink_operator" {
  description = "Install the Flink Kubernetes Operator and run the jobs in flink_jobs."
  type        = bool
  default     = true
}

variable "flink_operator_version" {
  description = "Version of the Flink Kubernetes Operator (1.13 or later is needed for Flink 2.1)."
  type        = string
  default     = "1.15.0"
}

variable "enable_flink_operator_webhook" {
  description = "Install the operator's validating webhook (rejects invalid FlinkDeployment specs before they reach the operator); needs the cert-manager add-on, which is then installed."
  type        = bool
  default     = true
}

variable "flink_namespace" {
  description = "Namespace of the FlinkDeployments."
  type        = string
  default     = "flink"
}

variable "flink_version" {
  description = "Flink version of the job image, in the operator's notation."
  type        = string
  default     = "v2_1"
}

variable "create_flink_ecr_repository" {
  description = "Create the ECR repository for the Flink job image."
  type        = bool
  default     = true
}

variable "flink_image_repository" {
  description = "Repository of the Flink job image when create_flink_ecr_repository is false."
  type        = string
  default     = null

  validation {
    condition     = var.create_flink_ecr_repository || var.flink_image_repository != null
    error_message = "Set flink_image_repository when create_flink_ecr_repository is false."
  }
}

variable "flink_image_tag" {
  description = "Tag of the Flink job image (terraform/containers/Dockerfile.flink-job). Changing it upgrades every job through a savepoint."
  type        = string
}

variable "flink_jobs" {
  description = "Jobs to run, each as a FlinkDeployment in application mode keyed by job name. database_access and lakehouse_access give a job the JDBC and Iceberg catalog variables of the job configuration contract (README). initial_savepoint_path with a new savepoint_redeploy_nonce redeploys a job from that savepoint; a new restart_nonce restarts it in place (through a savepoint)."
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
  default = {}
}

variable "flink_node_selector" {
  description = "Node labels the Flink pods are scheduled on."
  type        = map(string)
  default     = { "exchange.dev/workload" = "flink" }
}

variable "flink_tolerations" {
  description = "Taints of the Flink node group that the Flink pods tolerate (Kubernetes effect names: NoSchedule, NoExecute, PreferNoSchedule)."
  type = list(object({
    key    = string
    value  = string
    effect = string
  }))
  default = [{ key = "exchange.dev/workload", value = "flink", effect = "NoSchedule" }]
}

variable "checkpoint_interval" {
  description = "Checkpoint interval of every job. Exactly-once Kafka output and Iceberg commits become visible once per checkpoint, so this bounds their latency for read_committed readers."
  type        = string
  default     = "10 s"
}

variable "max_parallelism" {
  description = "Default max parallelism (number of key groups) of every job. Fixed at first deploy: keyed state cannot be restored under a different value."
  type        = number
  default     = 128
}

variable "periodic_savepoint_interval" {
  description = "How often the operator takes a savepoint of each running job, giving a recent rollback point besides the upgrade savepoints."
  type        = string
  default     = "6h"
}

variable "kafka_bootstrap_servers" {
  description = "MSK bootstrap servers (SASL/IAM over TLS) the jobs connect to."
  type        = string
}

variable "iceberg_warehouse" {
  description = "Iceberg warehouse location (s3://...) of the Glue catalog, for jobs with lakehouse_access."
  type        = string
}

variable "jdbc_url" {
  description = "JDBC URL of the Postgres hot tier, for jobs with database_access."
  type        = string
  default     = null
}

variable "database_secret_arn" {
  description = "Secrets Manager secret (JSON with username and password) for jobs with database_access."
  type        = string
  default     = null
}

variable "flink_policy_arns" {
  description = "IAM policies attached to every job's role, keyed by a static name. Each job also has its own role's state-bucket prefixes and flink_job_policy_arns."
  type        = map(string)
  default     = {}
}

variable "flink_job_policy_arns" {
  description = "IAM policies of each job's own role (service account flink-<job>), by job name and then a static name: its Kafka topics, transactional ids and groups, and the lakehouse or database-secret access it needs."
  type        = map(map(string))
  default     = {}
}

variable "force_destroy" {
  description = "Let `terraform destroy` remove the Flink state bucket and image repository while they still hold savepoints and images (dev only)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags applied to every AWS resource."
  type        = map(string)
  default     = {}
}
