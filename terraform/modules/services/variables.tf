variable "name" {
  description = "Name prefix for AWS resources (IAM roles, ECR repositories), e.g. `exchange-prod`."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of the services."
  type        = string
  default     = "exchange"
}

variable "services" {
  description = "The Spring Boot services keyed by name (the module's name: image, Deployment, Service and target group key). Access flags decide the IAM policies of each service's role."
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

  validation {
    condition     = alltrue([for service in values(var.services) : contains(["none", "read", "read_write"], service.kafka_access)])
    error_message = "kafka_access must be none, read or read_write."
  }
}

variable "image_tag" {
  description = "Image tag deployed for every service that does not set its own image_tag."
  type        = string
}

variable "create_ecr_repositories" {
  description = "Create one ECR repository per service (`<name>/<service>`)."
  type        = bool
  default     = true
}

variable "image_repositories" {
  description = "Image repository per service when create_ecr_repositories is false."
  type        = map(string)
  default     = {}
}

variable "node_selector" {
  description = "Node labels the service pods are scheduled on."
  type        = map(string)
  default     = { "exchange.dev/workload" = "services" }
}

variable "oidc_provider_arn" {
  description = "ARN of the EKS cluster's IAM OIDC provider (IRSA)."
  type        = string
}

variable "oidc_issuer" {
  description = "OIDC issuer of the EKS cluster without scheme, prefix of the IRSA trust conditions."
  type        = string
}

variable "controllers" {
  description = "The `controllers` output of the eks module; makes the TargetGroupBindings and ExternalSecrets wait for (and be deleted before) the controllers that own them."
  type        = map(string)
}

variable "target_group_arns" {
  description = "ALB target group per service (edge module); services without one are not exposed through the ALB."
  type        = map(string)
}

variable "service_port" {
  description = "Port the services serve HTTP and WebSocket traffic on."
  type        = number
  default     = 8080
}

variable "management_port" {
  description = "Port of the actuator endpoints: health probes and /actuator/prometheus."
  type        = number
  default     = 8081
}

variable "kafka_bootstrap_servers" {
  description = "MSK bootstrap servers (SASL/IAM over TLS)."
  type        = string
}

variable "msk_read_policy_arn" {
  description = "IAM policy allowing consumption from MSK."
  type        = string
}

variable "msk_write_policy_arn" {
  description = "IAM policy allowing production to MSK."
  type        = string
}

variable "msk_producer_policy_arns" {
  description = "Producer policies scoped to a service's own topics (the msk module's producer_policy_arns), by service; a read_write service listed here gets it instead of msk_write_policy_arn."
  type        = map(string)
  default     = {}
}

variable "database_role_secret_arns" {
  description = "Secret of each service's own database role (aurora module, sql/roles.sql), by service; a service with database_access not listed here gets database_secret_arn."
  type        = map(string)
  default     = {}
}

variable "database_role_secret_read_policy_arns" {
  description = "Policy reading each service's database role secret, by service (same keys as database_role_secret_arns)."
  type        = map(string)
  default     = {}
}

variable "jdbc_url" {
  description = "JDBC URL of the Postgres hot tier."
  type        = string
}

variable "database_secret_arn" {
  description = "Secrets Manager secret with the database `username` and `password`."
  type        = string
}

variable "api_keys_secret_arn" {
  description = "Secrets Manager secret holding {\"encryption-key\": <base64 of 32 random bytes>}, the AES key that seals API key HMAC secrets (docs/edge-api.md, \"API keys\"). Created outside Terraform so the key never lands in state; required when a service has api_keys_access."
  type        = string
  default     = null
}

variable "alerts_webhook_secret_arn" {
  description = "Secrets Manager secret holding {\"webhook-key\": <base64 of 32 random bytes>}, the key alert webhook secrets are derived from (docs/alerts.md, \"Webhook\"): alert-delivery signs with it, edge-api shows each account its secret. Created outside Terraform so the key never lands in state; required when a service has webhook_key_access."
  type        = string
  default     = null
}

variable "mail" {
  description = "E-mail of alert deliveries through Amazon SES (docs/alerts.md, \"E-mail\"): the SES domain identity to create, its Route 53 zone for the DKIM records (null to publish them elsewhere) and the sender address. Null: no SES, and services with smtp_access are refused."
  type = object({
    domain          = string
    route53_zone_id = optional(string)
    from            = string
  })
  default = null
}

variable "database_secret_read_policy_arn" {
  description = "IAM policy allowing the database secret to be read."
  type        = string
}

variable "iceberg_warehouse" {
  description = "Iceberg warehouse location of the cold tier."
  type        = string
}

variable "lakehouse_read_policy_arn" {
  description = "IAM policy allowing the Iceberg tables to be read."
  type        = string
}

variable "jwt_issuer" {
  description = "Issuer (`iss` claim) of the OAuth2 bearer tokens the services accept."
  type        = string
}

variable "jwt_audience" {
  description = "Audience the tokens must carry in jwt_audience_claim (the Cognito app client id)."
  type        = string
}

variable "jwt_audience_claim" {
  description = "Claim holding the audience: aud, or client_id for Cognito access tokens."
  type        = string
  default     = "aud"
}

variable "jwt_roles_claim" {
  description = "Claim holding the exchange roles (trader, admin): cognito:groups for a Cognito pool."
  type        = string
  default     = "exchange_roles"
}

variable "jwt_jwk_set_uri" {
  description = "URI of the issuer's JSON Web Key Set, used to verify token signatures; must be reachable from the pods."
  type        = string
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete the image repositories while they still hold images (dev only)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags applied to every AWS resource."
  type        = map(string)
  default     = {}
}
