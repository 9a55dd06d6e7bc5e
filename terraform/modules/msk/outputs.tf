output "cluster_arn" {
  description = "ARN of the MSK cluster."
  value       = aws_msk_cluster.this.arn
}

output "cluster_name" {
  description = "Name of the MSK cluster (the `Cluster Name` dimension of its CloudWatch metrics)."
  value       = aws_msk_cluster.this.cluster_name
}

output "bootstrap_brokers_sasl_iam" {
  description = "Comma-separated bootstrap servers for clients using SASL/IAM over TLS (port 9098)."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}

output "security_group_id" {
  description = "ID of the brokers' security group."
  value       = aws_security_group.this.id
}

output "topic_names" {
  description = "Names of the topics created by this module."
  value       = keys(aws_msk_topic.this)
}

output "read_policy_arn" {
  description = "ARN of the IAM policy that lets a principal consume from the cluster."
  value       = aws_iam_policy.read.arn
}

output "write_policy_arn" {
  description = "ARN of the IAM policy that lets a principal produce, idempotently and transactionally."
  value       = aws_iam_policy.write.arn
}

output "producer_policy_arns" {
  description = "IAM policy of each entry of producers (its topics and transactional ids only), by principal."
  value       = { for principal, policy in aws_iam_policy.producer : principal => policy.arn }
}

output "consumer_policy_arns" {
  description = "IAM policy of each entry of consumers (its topics and consumer groups only), by principal."
  value       = { for principal, policy in aws_iam_policy.consumer : principal => policy.arn }
}
