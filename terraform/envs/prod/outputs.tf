output "url" {
  description = "Public URL of the exchange."
  value       = module.exchange.url
}

output "cloudfront_domain_name" {
  description = "CloudFront domain name to point domain_name at when DNS is not in Route 53."
  value       = module.exchange.cloudfront_domain_name
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution ID, for invalidating index.html after a web app deploy."
  value       = module.exchange.cloudfront_distribution_id
}

output "spa_bucket" {
  description = "Bucket to sync the built web app into."
  value       = module.exchange.spa_bucket
}

output "cluster_name" {
  description = "EKS cluster name (`aws eks update-kubeconfig --name <cluster_name>`)."
  value       = module.exchange.cluster_name
}

output "image_repositories" {
  description = "Image repository per deployable: the three services and the Flink jobs."
  value       = module.exchange.image_repositories
}

output "flink_dashboard_commands" {
  description = "Command per job that opens its Flink dashboard on http://localhost:8081."
  value       = module.exchange.flink_dashboard_commands
}

output "flink_state_bucket" {
  description = "Bucket with the jobs' checkpoints and savepoints."
  value       = module.exchange.flink_state_bucket
}

output "kafka_bootstrap_servers" {
  description = "MSK bootstrap servers (SASL/IAM over TLS)."
  value       = module.exchange.kafka_bootstrap_servers
}

output "database_secret_arn" {
  description = "Secrets Manager secret holding the database master credentials (only for sql/roles.sql)."
  value       = module.exchange.database_secret_arn
}

output "database_endpoint" {
  description = "Aurora writer endpoint (host name), for sql/roles.sql."
  value       = module.exchange.database_endpoint
}

output "database_role_secret_arns" {
  description = "Secrets Manager secret of each database role, by role name."
  value       = module.exchange.database_role_secret_arns
}

output "grafana_endpoint" {
  description = "Amazon Managed Grafana workspace URL (null when disabled)."
  value       = module.exchange.grafana_endpoint
}

output "athena_workgroup" {
  description = "Athena workgroup for analysts."
  value       = module.exchange.athena_workgroup
}

output "analyst_policy_arn" {
  description = "IAM policy to attach to the analysts' role for Athena access."
  value       = module.exchange.analyst_policy_arn
}

output "prometheus_endpoint" {
  description = "Amazon Managed Service for Prometheus endpoint with the services' and jobs' metrics."
  value       = module.exchange.prometheus_endpoint
}

output "alarm_topic_arn" {
  description = "SNS topic receiving all alarms."
  value       = module.exchange.alarm_topic_arn
}
