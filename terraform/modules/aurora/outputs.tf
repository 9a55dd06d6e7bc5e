output "cluster_identifier" {
  description = "Identifier of the Aurora cluster."
  value       = aws_rds_cluster.this.cluster_identifier
}

output "endpoint" {
  description = "Writer endpoint of the cluster (follows failovers)."
  value       = aws_rds_cluster.this.endpoint
}

output "reader_endpoint" {
  description = "Load-balanced endpoint over the readers."
  value       = aws_rds_cluster.this.reader_endpoint
}

output "port" {
  description = "PostgreSQL port."
  value       = aws_rds_cluster.this.port
}

output "database_name" {
  description = "Name of the application database."
  value       = aws_rds_cluster.this.database_name
}

output "jdbc_url" {
  description = "JDBC URL of the writer endpoint: TLS with the server's certificate and host name verified against the RDS CA bundle the images carry (terraform/containers)."
  value       = "jdbc:postgresql://${aws_rds_cluster.this.endpoint}:${aws_rds_cluster.this.port}/${aws_rds_cluster.this.database_name}?sslmode=verify-full&sslrootcert=/etc/ssl/rds/global-bundle.pem"
}

output "master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret (JSON with `username` and `password`) that RDS manages for the master user."
  value       = aws_rds_cluster.this.master_user_secret[0].secret_arn
}

output "secret_read_policy_arn" {
  description = "ARN of the IAM policy that allows reading the database credentials."
  value       = aws_iam_policy.secret_read.arn
}

output "security_group_id" {
  description = "ID of the cluster's security group."
  value       = aws_security_group.this.id
}

output "role_secret_arns" {
  description = "Secrets Manager ARN of each database role's credentials, by role name."
  value       = { for role, secret in aws_secretsmanager_secret.role : role => secret.arn }
}

output "role_secret_read_policy_arns" {
  description = "IAM policy allowing to read each database role's credentials, by role name."
  value       = { for role, policy in aws_iam_policy.role_secret_read : role => policy.arn }
}
