output "namespace" {
  description = "Namespace of the services."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "image_repository_urls" {
  description = "Image repository per service (push `terraform/containers/Dockerfile.service` builds here)."
  value       = local.image_repositories
}

output "role_arns" {
  description = "IAM role ARN per service account."
  value       = { for name, role in aws_iam_role.this : name => role.arn }
}

output "deployments" {
  description = "Deployment name per service, for `kubectl rollout` commands."
  value       = { for name, deployment in kubernetes_deployment_v1.this : name => deployment.metadata[0].name }
}
