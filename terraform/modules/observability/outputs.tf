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

output "grafana_endpoint" {
  description = "URL of the Amazon Managed Grafana workspace (null when enable_grafana is false); add the Prometheus workspace as its data source and import dashboards/."
  value       = try("https://${aws_grafana_workspace.this[0].endpoint}", null)
}

output "dashboards" {
  description = "The Grafana dashboards as JSON, by file name: import them into the workspace (docs/observability.md)."
  value       = { for f in fileset("${path.module}/dashboards", "*.json") : f => file("${path.module}/dashboards/${f}") }
}

output "container_log_group" {
  description = "CloudWatch log group receiving the containers' logs (null when enable_container_logs is false)."
  value       = try(aws_cloudwatch_log_group.application[0].name, null)
}
