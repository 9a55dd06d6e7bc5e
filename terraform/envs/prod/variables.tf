variable "region" {
  description = "AWS region of the stack. In us-east-1 one ACM certificate can serve both CloudFront and the ALB."
  type        = string
  default     = "us-east-1"
}

variable "domain_name" {
  description = "Public host name of the exchange, e.g. `exchange.example.com`."
  type        = string
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate for domain_name, issued in us-east-1."
  type        = string
}

variable "alb_certificate_arn" {
  description = "ACM certificate for domain_name, issued in var.region."
  type        = string
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of domain_name; null to manage DNS elsewhere (point it at the cloudfront_domain_name output)."
  type        = string
  default     = null
}

variable "image_tag" {
  description = "Release tag of the service and Flink job images (built from the same commit)."
  type        = string
}

variable "alerts_webhook_secret_arn" {
  description = "Secrets Manager secret holding {\"webhook-key\": <base64 of 32 random bytes>} for alert webhook signatures (docs/deploy.md, \"Alert webhook key\")."
  type        = string
}

variable "api_keys_secret_arn" {
  description = "Secrets Manager secret holding {\"encryption-key\": <base64 of 32 random bytes>} for API key secrets (docs/deploy.md, \"API key encryption key\")."
  type        = string
}

variable "cognito_domain_prefix" {
  description = "Prefix of the Cognito hosted sign-in domain, unique within the region."
  type        = string
}

variable "admin_role_arns" {
  description = "IAM roles with cluster-admin on EKS (operators, CI)."
  type        = list(string)
  default     = []
}

variable "api_allowed_cidrs" {
  description = "CIDRs allowed to reach the public Kubernetes API endpoint (IAM authentication still applies)."
  type        = list(string)
}

variable "alarm_emails" {
  description = "E-mail addresses receiving alarms."
  type        = list(string)
  default     = []
}

variable "enable_iceberg_maintenance" {
  description = "Glue-managed compaction and snapshot expiry of the Iceberg tables. They attach to existing tables: set true once the history job has committed for the first time."
  type        = bool
  default     = false
}
