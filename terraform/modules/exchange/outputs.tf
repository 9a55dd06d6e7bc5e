################################################################################
# Entry points
################################################################################

output "url" {
  description = "Public URL of the exchange."
  value       = module.edge.url
}

output "cloudfront_domain_name" {
  description = "CloudFront domain name to point domain_name at when DNS is not in Route 53."
  value       = module.edge.cloudfront_domain_name
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution ID, for invalidating index.html after a web app deploy."
  value       = module.edge.cloudfront_distribution_id
}

output "spa_bucket" {
  description = "Bucket to sync the built web app into."
  value       = module.edge.spa_bucket
}

################################################################################
# EKS and Flink
################################################################################

output "cluster_name" {
  description = "EKS cluster name (`aws eks update-kubeconfig --name <cluster_name>`)."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "Endpoint of the Kubernetes API server, for the roots' kubernetes and helm providers."
  value       = module.eks.cluster_endpoint
}

output "cluster_certificate_authority_data" {
  description = "Base64-encoded certificate authority of the Kubernetes API server, for the roots' kubernetes and helm providers."
  value       = module.eks.cluster_certificate_authority_data
}

output "image_repositories" {
  description = "Image repository per deployable: the three services and the Flink jobs."
  value       = merge(module.services.image_repository_urls, { "flink-jobs" = module.eks.flink_image_repository_url })
}

output "flink_dashboard_commands" {
  description = "Command per job that opens its Flink dashboard on http://localhost:8081."
  value       = module.eks.flink_dashboard_commands
}

output "flink_state_bucket" {
  description = "Bucket with the jobs' checkpoints and savepoints."
  value       = module.eks.flink_state_bucket
}

################################################################################
# Data
################################################################################

output "kafka_bootstrap_servers" {
  description = "MSK bootstrap servers (SASL/IAM over TLS)."
  value       = module.msk.bootstrap_brokers_sasl_iam
}

output "database_secret_arn" {
  description = "Secrets Manager secret holding the database master credentials (only for sql/roles.sql; no process uses them)."
  value       = module.aurora.master_user_secret_arn
}

output "database_endpoint" {
  description = "Aurora writer endpoint (host name)."
  value       = module.aurora.endpoint
}

output "database_role_secret_arns" {
  description = "Secrets Manager secret of each database role of sql/roles.sql, by role name."
  value       = module.aurora.role_secret_arns
}

output "athena_workgroup" {
  description = "Athena workgroup for analysts."
  value       = module.lakehouse.athena_workgroup_name
}

output "analyst_policy_arn" {
  description = "IAM policy to attach to the analysts' role for Athena access."
  value       = module.lakehouse.analyst_policy_arn
}

################################################################################
# Observability
################################################################################

output "prometheus_endpoint" {
  description = "Amazon Managed Service for Prometheus endpoint with the services' and jobs' metrics."
  value       = module.observability.prometheus_endpoint
}

output "alarm_topic_arn" {
  description = "SNS topic receiving all alarms."
  value       = module.observability.alarm_topic_arn
}

output "web_app_config" {
  description = "The web app's config.json (upload it beside index.html in spa_bucket): the Cognito pool to sign in with."
  value       = module.cognito.web_app_config
}

output "sign_in_url" {
  description = "Cognito's hosted sign-in and sign-up pages."
  value       = module.cognito.hosted_domain_url
}

output "user_pool_id" {
  description = "The Cognito user pool (add admins with aws cognito-idp admin-add-user-to-group)."
  value       = module.cognito.user_pool_id
}

output "grafana_endpoint" {
  description = "Amazon Managed Grafana workspace URL (null when disabled)."
  value       = module.observability.grafana_endpoint
}

output "container_log_group" {
  description = "CloudWatch log group with the containers' logs (null when disabled)."
  value       = module.observability.container_log_group
}
