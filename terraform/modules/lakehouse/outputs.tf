output "warehouse_bucket" {
  description = "Name of the bucket holding the Iceberg data and metadata files."
  value       = module.warehouse.id
}

output "warehouse_path" {
  description = "Iceberg warehouse location (the `warehouse` catalog property)."
  value       = local.warehouse_path
}

output "glue_database_name" {
  description = "Glue database of the Iceberg tables."
  value       = aws_glue_catalog_database.this.name
}

output "athena_workgroup_name" {
  description = "Athena workgroup (engine v3) the analysts query in."
  value       = aws_athena_workgroup.this.name
}

output "athena_results_bucket" {
  description = "Bucket receiving Athena query results."
  value       = module.athena_results.id
}

output "read_policy_arn" {
  description = "ARN of the IAM policy for reading the Iceberg tables (history-service)."
  value       = aws_iam_policy.read.arn
}

output "write_policy_arn" {
  description = "ARN of the IAM policy for creating and committing to the Iceberg tables (the Flink history job)."
  value       = aws_iam_policy.write.arn
}

output "analyst_policy_arn" {
  description = "ARN of the IAM policy that lets a person or tool query the tables with Athena; attach it to the analysts' role."
  value       = aws_iam_policy.analyst.arn
}
