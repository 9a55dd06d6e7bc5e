output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = aws_eks_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the EKS cluster."
  value       = aws_eks_cluster.this.arn
}

output "cluster_endpoint" {
  description = "Endpoint of the Kubernetes API server."
  value       = aws_eks_cluster.this.endpoint
}

output "cluster_certificate_authority_data" {
  description = "Base64-encoded certificate authority of the API server, for the kubernetes and helm providers."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "cluster_version" {
  description = "Kubernetes version of the control plane."
  value       = aws_eks_cluster.this.version
}

output "cluster_security_group_id" {
  description = "Security group EKS attaches to the control plane and the managed nodes, and therefore to every pod: grant it access to Kafka and the database."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "oidc_provider_arn" {
  description = "ARN of the IAM OIDC provider, the federated principal of IRSA trust policies."
  value       = aws_iam_openid_connect_provider.this.arn
}

output "oidc_issuer" {
  description = "OIDC issuer host and path (no scheme), the prefix of the `:sub` and `:aud` conditions in IRSA trust policies."
  value       = local.oidc_issuer
}

output "controllers" {
  description = "Helm releases of the platform controllers (load balancer controller, external secrets, Flink operator, cluster autoscaler). Pass it to modules that create their custom resources, so those are created after, and deleted before, the controllers."
  value = {
    aws_load_balancer_controller = try(helm_release.aws_load_balancer_controller[0].name, null)
    external_secrets             = try(helm_release.external_secrets[0].name, null)
    flink_operator               = try(helm_release.flink_operator[0].name, null)
    cluster_autoscaler           = try(helm_release.cluster_autoscaler[0].name, null)
  }
}

output "flink_namespace" {
  description = "Namespace of the FlinkDeployments."
  value       = var.flink_namespace
}

output "flink_state_bucket" {
  description = "Bucket holding the jobs' checkpoints (checkpoints/<job>), savepoints (savepoints/<job>) and HA metadata (ha/<job>)."
  value       = try(module.flink_state[0].id, null)
}

output "flink_image_repository_url" {
  description = "Repository to push the Flink job image to."
  value       = local.flink_image_repository
}

output "flink_role_arns" {
  description = "ARN of the IAM role each job's pods run with (service account flink-<job>), by job name."
  value       = { for name, role in aws_iam_role.flink : name => role.arn }
}

output "flink_dashboard_commands" {
  description = "Per job, the command that opens its Flink dashboard on http://localhost:8081 through the IAM-authenticated Kubernetes API."
  value       = { for name in keys(var.flink_jobs) : name => "kubectl -n ${var.flink_namespace} port-forward svc/${name}-rest 8081:8081" }
}
