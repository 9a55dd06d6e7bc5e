output "prometheus_workspace_id" {
  description = "ID of the Amazon Managed Service for Prometheus workspace."
  value       = aws_prometheus_workspace.this.id
}

output "prometheus_endpoint" {
  description = "Prometheus-compatible endpoint of the workspace (query with SigV4, e.g. from Amazon Managed Grafana)."
  value       = aws_prometheus_workspace.this.prometheus_endpoint
}

output "scrape_configuration" {
  description = "The Prometheus scrape configuration in use; reusable by a self-managed Prometheus."
  value       = local.scrape_configuration
}

output "alarm_topic_arn" {
  description = "SNS topic receiving every alarm and alert; subscribe the on-call tooling to it."
  value       = aws_sns_topic.this.arn
}
